package dev.liminal.datasets.brainvision;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a binary BrainVision recording: the header is parsed and the marker file read on
 * opening; samples are read on demand by positional reads of the data file, through one
 * buffer of at most {@value #CHUNK_BYTES} bytes (or one frame, if larger).
 *
 * <p>Not thread-safe: confine to one thread (the buffer is reused between reads).
 */
final class BrainVisionReader implements RecordingReader {
    private static final System.Logger LOG = System.getLogger(BrainVisionReader.class.getName());

    /** Read buffer size: large enough for efficient reads, small enough to keep memory bounded. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** Two segments whose dates overlap by less than this are treated as contiguous (clock rounding). */
    private static final double SEGMENT_OVERLAP_TOLERANCE_SECONDS = 1e-3;
    private static final double NANOS_PER_SECOND = 1e9;

    private final VhdrHeader header;
    private final RecordingInfo info;
    private final FileChannel data;
    private final double[] scale;
    private final long sampleCount;
    /** Bytes between one channel's first sample and the next channel's (VECTORIZED only). */
    private final long channelStrideBytes;
    private final ByteBuffer buffer;

    private BrainVisionReader(VhdrHeader header, RecordingInfo info, FileChannel data, double[] scale,
                              long sampleCount, long channelStrideBytes) {
        this.header = header;
        this.info = info;
        this.data = data;
        this.scale = scale;
        this.sampleCount = sampleCount;
        this.channelStrideBytes = channelStrideBytes;
        int frameBytes = header.channelCount() * header.binaryFormat().bytes();
        int size = header.vectorized() ? CHUNK_BYTES : Math.max(frameBytes, CHUNK_BYTES / frameBytes * frameBytes);
        this.buffer = ByteBuffer.allocate(size).order(header.byteOrder());
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
        if (h.ascii()) {
            throw new RecordingFormatException(vhdr, RecordingFormatException.NO_OFFSET,
                    "DataFormat ASCII is not supported; only BINARY sample files are read");
        }
        if (!Files.isRegularFile(h.dataFile())) {
            throw new RecordingFormatException(vhdr, h.dataFileEntryOffset(), "data file " + h.dataFile()
                    + " does not exist");
        }
        FileChannel data = FileChannel.open(h.dataFile(), StandardOpenOption.READ);
        try {
            long size = data.size();
            long valueBytes = h.binaryFormat().bytes();
            long frameBytes = valueBytes * h.channelCount();
            long samples = size / frameBytes;
            long stride = 0;
            if (h.vectorized()) {
                if (h.declaredDataPoints() >= 0 && h.declaredDataPoints() != samples) {
                    if (h.declaredDataPoints() > samples) {
                        throw new RecordingFormatException(h.dataFile(), size, "VECTORIZED data file of " + size
                                + " bytes is shorter than DataPoints " + h.declaredDataPoints() + " x "
                                + h.channelCount() + " channels x " + valueBytes + " bytes");
                    }
                    warnings.add("data file holds " + (size - h.declaredDataPoints() * frameBytes)
                            + " bytes after the DataPoints " + h.declaredDataPoints() + " samples the header declares; ignored");
                    samples = h.declaredDataPoints();
                } else if (size % frameBytes != 0) {
                    warnings.add("VECTORIZED data file size " + size + " bytes is not a multiple of " + frameBytes
                            + " bytes (" + h.channelCount() + " channels x " + valueBytes + " bytes); channels are taken as "
                            + samples + " samples each");
                }
                stride = samples * valueBytes;
            } else {
                if (size % frameBytes != 0) {
                    warnings.add("data file size " + size + " bytes is not a whole number of " + frameBytes
                            + "-byte samples; the last " + (size % frameBytes) + " bytes are ignored and "
                            + samples + " complete samples kept");
                }
                if (h.declaredDataPoints() >= 0 && h.declaredDataPoints() != samples) {
                    warnings.add("header declares DataPoints " + h.declaredDataPoints() + " but the data file holds "
                            + samples + " samples; the data file is followed");
                }
            }

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
            StreamInfo stream = new StreamInfo(name, "EEG", "", channels, rate, h.binaryFormat().sampleFormat(), Map.of());
            RecordedStream recorded = new RecordedStream(0, stream, samples, timeline.segments(), 0, Map.of());
            RecordingInfo info = new RecordingInfo(vhdr, BrainVisionFormat.ID, "BrainVision " + h.version(),
                    timeline.startTime(), timeline.durationSeconds(), List.of(recorded), annotations,
                    SessionTimeline.EMPTY, h.properties(), warnings);
            for (String w : warnings) LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", vhdr.getFileName(), w);
            return new BrainVisionReader(h, info, data, scale, samples, stride);
        } catch (IOException | RuntimeException e) {
            data.close();
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
        int channels = header.channelCount();
        int valueBytes = header.binaryFormat().bytes();
        BinaryFormat format = header.binaryFormat();
        if (header.vectorized()) {
            int perChunk = buffer.capacity() / valueBytes;
            for (int c = 0; c < channels; c++) {
                double[] row = dst[c];
                double sc = scale[c];
                for (int done = 0; done < count; ) {
                    int n = Math.min(perChunk, count - done);
                    long position = c * channelStrideBytes + (firstSample + done) * valueBytes;
                    fill(position, n * valueBytes);
                    for (int k = 0; k < n; k++) {
                        row[dstOffset + done + k] = format.read(buffer, k * valueBytes) * sc;
                    }
                    done += n;
                }
            }
        } else {
            int frameBytes = channels * valueBytes;
            int perChunk = buffer.capacity() / frameBytes;
            for (int done = 0; done < count; ) {
                int n = Math.min(perChunk, count - done);
                fill((firstSample + done) * frameBytes, n * frameBytes);
                for (int k = 0; k < n; k++) {
                    int base = k * frameBytes;
                    for (int c = 0; c < channels; c++) {
                        dst[c][dstOffset + done + k] = format.read(buffer, base + c * valueBytes) * scale[c];
                    }
                }
                done += n;
            }
        }
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        RecordedStream s = stream(stream);
        throw new IllegalArgumentException("stream " + stream + " '" + s.info().name() + "' holds numbers, not strings");
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    private RecordedStream stream(int stream) {
        if (stream != 0) {
            throw new IllegalArgumentException("stream " + stream + " does not exist; a BrainVision recording has stream 0 only");
        }
        return info.streams().get(0);
    }

    /** Reads {@code length} bytes from {@code position} of the data file into the buffer's start. */
    private void fill(long position, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            int n = data.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new RecordingFormatException(header.dataFile(), position + buffer.position(), "data file ends before the "
                        + sampleCount + " samples it held when opened (was it truncated?)");
            }
        }
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
