package dev.liminal.benchmarks.spectral;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headerless channel-major float64 file (the layout of {@link SpectralBenchData#w1File}) seen
 * as a {@link RecordingReader}: one regular EEG stream in microvolts, one segment from 0 s, so
 * datasets' writers ({@code Recordings.write}) can turn it into an EDF or another format. The
 * file holds all samples of channel 0, then channel 1, ..., little-endian; nothing else.
 *
 * <p>Not thread-safe (one reusable read buffer): confine to one thread, as {@link RecordingReader}
 * says.
 */
final class RawSampleRecording implements RecordingReader {
    /** Start time written into the recording (fixed so generated files are reproducible). */
    static final Instant START = Instant.parse("2026-01-05T09:30:00Z");
    /** Bytes read per positional read. */
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final int channels;
    private final long samples;
    private final RecordingInfo info;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    private RawSampleRecording(Path file, FileChannel channel, List<String> labels, long samples, double sampleRateHz) {
        this.file = file;
        this.channel = channel;
        this.channels = labels.size();
        this.samples = samples;
        List<ChannelInfo> infos = new ArrayList<>(channels);
        for (String label : labels) infos.add(new ChannelInfo(label, ChannelType.EEG, Units.MICROVOLT));
        StreamInfo stream = new StreamInfo("EEG", "EEG", "", infos, sampleRateHz, SampleFormat.DOUBLE64, Map.of());
        RecordedStream recorded = new RecordedStream(0, stream, samples, List.of(new Segment(0, samples, 0)), 0, Map.of());
        this.info = new RecordingInfo(file, "raw-float64", "channel-major float64", START, samples / sampleRateHz,
                List.of(recorded), List.of(), null, Map.of(), List.of());
    }

    /**
     * Opens {@code file}, which must hold exactly {@code labels.size() x samples} float64 values.
     *
     * @param labels       channel labels, in file order; at least one
     * @param samples      samples per channel, at least 1
     * @param sampleRateHz sampling rate, > 0
     * @throws IOException if the file is missing or its size is not {@code channels x samples x 8} bytes
     */
    static RawSampleRecording open(Path file, List<String> labels, long samples, double sampleRateHz) throws IOException {
        if (labels.isEmpty() || samples < 1 || !(sampleRateHz > 0)) {
            throw new IllegalArgumentException(labels.size() + " channels x " + samples + " samples at " + sampleRateHz
                    + " Hz: need at least 1 channel, 1 sample and a rate > 0");
        }
        long expected = Math.multiplyExact(Math.multiplyExact((long) labels.size(), samples), (long) Double.BYTES);
        long size = Files.size(file);
        if (size != expected) {
            throw new IOException(file + " has " + size + " bytes, expected " + labels.size() + " channels x " + samples
                    + " samples x 8 = " + expected);
        }
        return new RawSampleRecording(file, FileChannel.open(file, StandardOpenOption.READ), List.copyOf(labels),
                samples, sampleRateHz);
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        if (stream != 0) throw new IllegalArgumentException("stream " + stream + " does not exist (the file has stream 0 only)");
        Spans.check(info.streams().get(0), firstSample, count);
        Spans.checkDestination(info.streams().get(0), dst, dstOffset, count);
        for (int c = 0; c < channels; c++) {
            long position = (c * samples + firstSample) * Double.BYTES;
            int done = 0;
            while (done < count) {
                int n = Math.min(count - done, BUFFER_BYTES / Double.BYTES);
                buffer.clear().limit(n * Double.BYTES);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new EOFException(file + " ended at byte " + (position + buffer.position()));
                    }
                }
                buffer.flip();
                buffer.asDoubleBuffer().get(dst[c], dstOffset + done, n);
                position += (long) n * Double.BYTES;
                done += n;
            }
        }
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        throw new IllegalArgumentException("stream " + stream + " holds numbers, not strings");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
