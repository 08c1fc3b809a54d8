package dev.liminal.datasets.brainvision;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BrainVision recording: the header is parsed, the data file sized (binary) or
 * indexed (text) and the marker file read on opening; samples are read on demand by
 * {@link RawSamples}, in memory bounded by the span read.
 *
 * <p>Not thread-safe: confine to one thread (read buffers are reused between reads).
 */
final class BrainVisionReader implements RecordingReader {
    private static final System.Logger LOG = System.getLogger(BrainVisionReader.class.getName());

    /** Two segments whose dates overlap by less than this are treated as contiguous (clock rounding). */
    private static final double SEGMENT_OVERLAP_TOLERANCE_SECONDS = 1e-3;
    private static final double NANOS_PER_SECOND = 1e9;

    private final RecordingInfo info;
    private final RawSamples raw;
    private final double[] scale;

    private BrainVisionReader(RecordingInfo info, RawSamples raw, double[] scale) {
        this.info = info;
        this.raw = raw;
        this.scale = scale;
    }

    /**
     * Opens the recording a header describes.
     *
     * @throws RecordingFormatException if the header or marker file is malformed, or the data
     *                                  file is missing or does not fit the header
     */
    static BrainVisionReader open(Path vhdr) throws IOException {
        VhdrHeader h = VhdrHeader.read(vhdr);
        List<String> warnings = new ArrayList<>(h.warnings());
        if (!Files.isRegularFile(h.dataFile())) {
            throw new RecordingFormatException(vhdr, h.dataFileEntryOffset(), "data file " + h.dataFile()
                    + " does not exist");
        }
        RawSamples raw = h.ascii() ? AsciiSamples.open(h, warnings) : BinarySamples.open(h, warnings);
        try {
            long samples = raw.sampleCount();
            double[] scale = new double[h.channelCount()];
            List<ChannelInfo> channels = new ArrayList<>(h.channelCount());
            for (int c = 0; c < h.channelCount(); c++) {
                VhdrHeader.ChannelEntry e = h.channels().get(c);
                double toMemory = Units.microvoltFactor(e.unit()).orElse(1.0);
                scale[c] = e.resolution() * toMemory;
                Map<String, String> attributes = new LinkedHashMap<>();
                if (!e.reference().isEmpty()) attributes.put("reference", e.reference());
                attributes.put("resolution", Double.toString(e.resolution()));
                attributes.put("file_unit", e.unit());
                channels.add(new ChannelInfo(e.name(), ChannelType.guess(e.name(), e.unit()), Units.inMemoryUnit(e.unit()),
                        attributes));
            }

            List<VmrkMarker> markers = List.of();
            if (h.markerFile() == null) {
                warnings.add("header names no marker file");
            } else if (!Files.isRegularFile(h.markerFile())) {
                warnings.add("marker file " + h.markerFile().getFileName() + " does not exist; no markers read");
            } else {
                markers = VmrkMarker.read(h.markerFile(), warnings);
            }

            double rate = h.sampleRateHz();
            Timeline timeline = Timeline.of(markers, samples, rate, warnings);
            List<Annotation> annotations = new ArrayList<>(markers.size());
            for (VmrkMarker m : markers) {
                double onset = timeline.secondsAt(m.position() - 1);
                String channel = m.channel() == 0 || m.channel() > channels.size() ? "" : channels.get(m.channel() - 1).label();
                if (m.channel() > channels.size()) {
                    warnings.add("marker Mk" + m.number() + " refers to channel " + m.channel() + " of "
                            + channels.size() + "; applied to all channels");
                }
                annotations.add(new Annotation(onset, m.size() / rate, m.text(), channel));
            }
            annotations.sort(Comparator.comparingDouble(Annotation::onsetSeconds));

            String name = baseName(vhdr);
            SampleFormat format = h.ascii() ? SampleFormat.DOUBLE64 : h.binaryFormat().sampleFormat();
            StreamInfo stream = new StreamInfo(name, "EEG", "", channels, rate, format, Map.of());
            RecordedStream recorded = new RecordedStream(0, stream, samples, timeline.segments(), 0, Map.of());
            RecordingInfo info = new RecordingInfo(vhdr, BrainVisionFormat.ID, "BrainVision " + h.version(),
                    timeline.startTime(), timeline.durationSeconds(), List.of(recorded), annotations,
                    SessionTimeline.EMPTY, h.properties(), warnings);
            for (String w : warnings) LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", vhdr.getFileName(), w);
            return new BrainVisionReader(info, raw, scale);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        RecordedStream s = stream(stream);
        Spans.check(s, firstSample, count);
        Spans.checkDestination(s, dst, dstOffset, count);
        raw.read(firstSample, count, scale, dst, dstOffset);
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        RecordedStream s = stream(stream);
        throw new IllegalArgumentException("stream " + stream + " '" + s.info().name() + "' holds numbers, not strings");
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private RecordedStream stream(int stream) {
        if (stream != 0) {
            throw new IllegalArgumentException("stream " + stream + " does not exist; a BrainVision recording has stream 0 only");
        }
        return info.streams().get(0);
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * The segments "New Segment" markers make, and the time of any sample position. Immutable.
     */
    private record Timeline(List<Segment> segments, Instant startTime, double rate) {

        static Timeline of(List<VmrkMarker> markers, long samples, double rate, List<String> warnings) {
            List<Long> starts = new ArrayList<>();
            List<Instant> dates = new ArrayList<>();
            starts.add(0L);
            dates.add(null);
            for (VmrkMarker m : markers) {
                if (!m.isNewSegment()) continue;
                long first = m.position() - 1;
                if (first < 0 || first >= Math.max(samples, 1)) {
                    warnings.add("New Segment marker Mk" + m.number() + " at position " + m.position()
                            + " lies outside the " + samples + " samples; no segment starts there");
                    continue;
                }
                if (first == starts.get(starts.size() - 1)) {
                    if (m.date() != null) dates.set(dates.size() - 1, m.date());
                } else {
                    starts.add(first);
                    dates.add(m.date());
                }
            }
            Instant startTime = null;
            for (int i = 0; i < starts.size() && startTime == null; i++) {
                if (dates.get(i) != null) {
                    startTime = dates.get(i).minusNanos(Math.round(starts.get(i) / rate * NANOS_PER_SECOND));
                }
            }
            List<Segment> segments = new ArrayList<>(starts.size());
            double previousEnd = 0;
            for (int i = 0; i < starts.size(); i++) {
                long first = starts.get(i);
                long end = i + 1 < starts.size() ? starts.get(i + 1) : Math.max(samples, first);
                double start = previousEnd;
                if (i == 0) {
                    start = 0;
                } else if (dates.get(i) != null && startTime != null) {
                    Duration since = Duration.between(startTime, dates.get(i));
                    double dated = since.getSeconds() + since.getNano() / NANOS_PER_SECOND;
                    if (dated >= previousEnd - SEGMENT_OVERLAP_TOLERANCE_SECONDS) {
                        start = Math.max(dated, previousEnd);
                    } else {
                        warnings.add("New Segment at sample " + (first + 1) + " is dated " + dated
                                + " s, before the previous segment ends at " + previousEnd + " s; placed right after it");
                    }
                }
                segments.add(new Segment(first, end - first, start));
                previousEnd = start + (end - first) / rate;
            }
            return new Timeline(segments, startTime, rate);
        }

        /** Time of a 0-based sample position, extrapolated from the nearest segment outside the samples. */
        double secondsAt(long sample) {
            Segment s = segments.get(0);
            for (Segment g : segments) {
                if (g.firstSample() <= sample) s = g;
            }
            return s.startSeconds() + (sample - s.firstSample()) / rate;
        }

        double durationSeconds() {
            Segment last = segments.get(segments.size() - 1);
            return last.startSeconds() + last.sampleCount() / rate;
        }
    }
}
