package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A recording held in arrays, as a writer's source in tests. */
final class MemoryRecording implements RecordingReader {
    private final List<RecordedStream> streams = new ArrayList<>();
    private final List<double[][]> numeric = new ArrayList<>();
    private final List<String[]> strings = new ArrayList<>();
    private final List<double[]> times = new ArrayList<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private Map<String, String> properties = Map.of();
    private Instant start;

    MemoryRecording start(Instant t) {
        start = t;
        return this;
    }

    MemoryRecording properties(Map<String, String> p) {
        properties = p;
        return this;
    }

    MemoryRecording annotation(Annotation a) {
        annotations.add(a);
        return this;
    }

    /** A regular stream: {@code data[channel][sample]} split into the given segments. */
    MemoryRecording regular(String name, double rateHz, List<ChannelInfo> channels, double[][] data,
                            List<Segment> segments) {
        streams.add(new RecordedStream(streams.size(), new StreamInfo(name, "EEG", "", channels, rateHz,
                SampleFormat.FLOAT32, Map.of()), data[0].length, segments, streams.size(), Map.of()));
        numeric.add(data);
        strings.add(null);
        times.add(null);
        return this;
    }

    MemoryRecording regular(String name, double rateHz, List<ChannelInfo> channels, double[][] data, double startSeconds) {
        return regular(name, rateHz, channels, data, List.of(new Segment(0, data[0].length, startSeconds)));
    }

    /** An irregular numeric stream (one channel). */
    MemoryRecording irregular(String name, ChannelInfo channel, double[] values, double[] t) {
        streams.add(new RecordedStream(streams.size(), new StreamInfo(name, "Misc", "", List.of(channel), 0,
                SampleFormat.FLOAT32, Map.of()), values.length, List.of(), streams.size(), Map.of()));
        numeric.add(new double[][] {values});
        strings.add(null);
        times.add(t);
        return this;
    }

    /** A marker stream. */
    MemoryRecording markers(String name, String[] values, double[] t) {
        streams.add(new RecordedStream(streams.size(), new StreamInfo(name, "Markers", "",
                List.of(new ChannelInfo("marker", dev.liminal.core.ChannelType.MISC, "")), 0, SampleFormat.STRING,
                Map.of()), values.length, List.of(), streams.size(), Map.of()));
        numeric.add(null);
        strings.add(values);
        times.add(t);
        return this;
    }

    @Override
    public RecordingInfo info() {
        List<Annotation> sorted = new ArrayList<>(annotations);
        sorted.sort(java.util.Comparator.comparingDouble(Annotation::onsetSeconds));
        return new RecordingInfo(Path.of("memory"), "memory", "memory", start, 0, streams, sorted, null, properties,
                List.of());
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) {
        RecordedStream s = streams.get(stream);
        Spans.check(s, firstSample, count);
        Spans.checkDestination(s, dst, dstOffset, count);
        double[][] d = numeric.get(stream);
        if (d == null) throw new IllegalArgumentException("string stream");
        for (int c = 0; c < d.length; c++) System.arraycopy(d[c], (int) firstSample, dst[c], dstOffset, count);
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        String[] v = strings.get(stream);
        if (v == null) throw new IllegalArgumentException("numeric stream");
        String[][] out = new String[count][1];
        for (int k = 0; k < count; k++) out[k][0] = v[(int) firstSample + k];
        return out;
    }

    @Override
    public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset)
            throws java.io.IOException {
        double[] t = times.get(stream);
        if (t == null) {
            RecordingReader.super.readTimestamps(stream, firstSample, count, dst, dstOffset);
            return;
        }
        System.arraycopy(t, (int) firstSample, dst, dstOffset, count);
    }

    @Override
    public void close() {}
}
