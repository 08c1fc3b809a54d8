package dev.liminal.datasets.replay;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream of a recording played back as a live {@link StreamSource}, with its original
 * timing: every XDF stream (numeric or string markers), every same-rate channel group of an
 * EDF/BDF/BrainVision/OpenBCI file, and, for files without string streams, the annotations as a
 * one-channel string stream (text only; durations are not carried).
 *
 * <p><b>Timing.</b> All streams of one {@link #open} share a {@link ReplayTimeline}: recording
 * time {@code t} plays at {@code start + (t - first) / speed} on the injected {@link SourceClock}
 * (the local LSL clock in production), where {@code start} is the clock's time at
 * {@link #open} and {@code first} the recording's earliest sample or annotation. Those local
 * times are the timestamps delivered, so a replayed stream looks like a live one that started
 * at {@code open}. With {@link ReplayOptions#loop()} pass {@code p} is shifted by {@code p}
 * loop periods (the recording's span plus one sample period of its fastest stream, at least
 * {@value #MIN_LOOP_PERIOD_SECONDS} s). Timestamps that go backwards in the file (jitter in a
 * raw XDF stream) are delivered as the previous one, keeping the stream non-decreasing.
 *
 * <p><b>Memory.</b> The file is read in blocks of at most {@value #BLOCK_FRAMES} frames, never
 * whole; each source owns its own {@link RecordingReader}.
 *
 * <p><b>Thread ownership:</b> reads confined to one thread (the stream pump); {@link #close()}
 * from any thread: it takes effect at once between file accesses, and a read that is waiting
 * for its next frame returns within its timeout.
 */
public final class ReplaySource implements StreamSource {
    /** Largest block of frames held in memory per stream. */
    public static final int BLOCK_FRAMES = 4096;
    /** Shortest loop period: a file spanning no time (one marker) must not loop in a busy spin. */
    public static final double MIN_LOOP_PERIOD_SECONDS = 1.0;
    /** The name of the annotation stream made for files without string streams (suffixed to the file name). */
    public static final String ANNOTATION_STREAM_SUFFIX = " annotations";

    private enum Kind { NUMERIC, STRINGS, ANNOTATIONS }

    private final StreamInfo info;
    private final Kind kind;
    private final RecordingReader reader;
    private final int stream;
    private final List<Annotation> annotations;
    private final long total;
    private final ReplayTimeline timeline;
    private final ReplayOptions options;
    private final SourceClock clock;
    private final ReentrantLock fileLock = new ReentrantLock();
    private final double[][] blockValues;
    private final String[][] blockStrings;
    private final double[] blockTimes;
    private long blockFirst;
    private int blockCount;
    private long next;
    private long pass;
    private double lastDelivered = Double.NEGATIVE_INFINITY;
    private volatile boolean closed;

    private ReplaySource(StreamInfo info, Kind kind, RecordingReader reader, int stream, List<Annotation> annotations,
                         long total, ReplayTimeline timeline, ReplayOptions options, SourceClock clock) {
        this.info = info;
        this.kind = kind;
        this.reader = reader;
        this.stream = stream;
        this.annotations = annotations;
        this.total = total;
        this.timeline = timeline;
        this.options = options;
        this.clock = clock;
        int block = (int) Math.max(1, Math.min(BLOCK_FRAMES, total));
        this.blockTimes = new double[block];
        this.blockValues = kind == Kind.NUMERIC ? new double[info.channelCount()][block] : null;
        this.blockStrings = kind == Kind.NUMERIC ? null : new String[block][];
    }

    /**
     * Opens every stream of {@code file} (any format {@link RecordingFormats} reads) for replay,
     * starting now on {@code clock}.
     *
     * @return one source per stream, file order, then the annotation stream if one is made; the
     *         caller closes them
     * @throws dev.liminal.datasets.RecordingFormatException if the file is malformed
     */
    public static List<ReplaySource> open(Path file, ReplayOptions options, SourceClock clock) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        List<RecordingReader> readers = new ArrayList<>();
        try {
            RecordingReader first = RecordingFormats.open(file);
            readers.add(first);
            RecordingInfo info = first.info();
            double earliest = Double.POSITIVE_INFINITY;
            double latest = Double.NEGATIVE_INFINITY;
            double fastestRateHz = 0;
            boolean hasStrings = false;
            double[] t = new double[1];
            for (RecordedStream s : info.streams()) {
                hasStrings |= !s.info().format().isNumeric();
                if (s.sampleCount() == 0) continue;
                first.readTimestamps(s.index(), 0, 1, t, 0);
                earliest = Math.min(earliest, t[0]);
                first.readTimestamps(s.index(), s.sampleCount() - 1, 1, t, 0);
                latest = Math.max(latest, t[0]);
                if (!s.info().isIrregular()) fastestRateHz = Math.max(fastestRateHz, s.info().nominalRateHz());
            }
            List<Annotation> annotations = hasStrings ? List.of() : info.annotations();
            for (Annotation a : annotations) {
                earliest = Math.min(earliest, a.onsetSeconds());
                latest = Math.max(latest, a.onsetSeconds());
            }
            if (earliest > latest) {
                earliest = 0;
                latest = 0;
            }
            double span = latest - earliest + (fastestRateHz > 0 ? 1 / fastestRateHz : 0);
            ReplayTimeline timeline = new ReplayTimeline(earliest, Math.max(span, MIN_LOOP_PERIOD_SECONDS),
                    clock.nowSeconds(), options.speed());
            List<ReplaySource> sources = new ArrayList<>();
            String fileName = String.valueOf(file.getFileName());
            for (RecordedStream s : info.streams()) {
                RecordingReader r = s.index() == 0 ? first : RecordingFormats.open(file);
                if (r != first) readers.add(r);
                Kind kind = s.info().format().isNumeric() ? Kind.NUMERIC : Kind.STRINGS;
                sources.add(new ReplaySource(withReplayProperty(s.info(), fileName), kind, r, s.index(), null,
                        s.sampleCount(), timeline, options, clock));
            }
            if (!annotations.isEmpty()) {
                StreamInfo ai = new StreamInfo(fileName + ANNOTATION_STREAM_SUFFIX, "Markers", "",
                        List.of(new ChannelInfo("annotation", ChannelType.MISC, "")), StreamInfo.IRREGULAR_RATE,
                        SampleFormat.STRING, Map.of("replay_of", fileName));
                sources.add(new ReplaySource(ai, Kind.ANNOTATIONS, null, -1, annotations, annotations.size(), timeline,
                        options, clock));
            }
            if (info.streams().isEmpty()) first.close();
            return List.copyOf(sources);
        } catch (IOException | RuntimeException e) {
            for (RecordingReader r : readers) {
                try {
                    r.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static StreamInfo withReplayProperty(StreamInfo s, String fileName) {
        Map<String, String> p = new HashMap<>(s.properties());
        p.put("replay_of", fileName);
        return new StreamInfo(s.name(), s.type(), s.sourceId(), s.channels(), s.nominalRateHz(), s.format(), p);
    }

    @Override
    public StreamInfo info() {
        return info;
    }

    /** Frames the recording holds for this stream (per pass). */
    public long frameCount() {
        return total;
    }

    @Override
    public int read(double[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout) throws IOException {
        if (kind != Kind.NUMERIC) throw new UnsupportedOperationException("stream '" + info.name() + "' holds strings");
        int channels = info.channelCount();
        checkSpan(timestamps.length, offset, maxFrames, "timestamps");
        if (dst.length < channels) {
            throw new IllegalArgumentException(dst.length + " rows for " + channels + " channels of '" + info.name() + "'");
        }
        for (int c = 0; c < channels; c++) checkSpan(dst[c].length, offset, maxFrames, "row " + c);
        int n = due(maxFrames, timeout);
        if (n <= 0) return n;
        int from = (int) (next - blockFirst);
        for (int c = 0; c < channels; c++) System.arraycopy(blockValues[c], from, dst[c], offset, n);
        deliverTimes(timestamps, offset, from, n);
        return n;
    }

    @Override
    public int readStrings(String[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout)
            throws IOException {
        if (kind == Kind.NUMERIC) throw new UnsupportedOperationException("stream '" + info.name() + "' is numeric");
        checkSpan(timestamps.length, offset, maxFrames, "timestamps");
        checkSpan(dst.length, offset, maxFrames, "rows");
        int channels = info.channelCount();
        for (int k = offset; k < offset + maxFrames; k++) {
            if (dst[k] == null || dst[k].length < channels) {
                throw new IllegalArgumentException("row " + k + " cannot hold " + channels + " values of '" + info.name() + "'");
            }
        }
        int n = due(maxFrames, timeout);
        if (n <= 0) return n;
        int from = (int) (next - blockFirst);
        for (int k = 0; k < n; k++) System.arraycopy(blockStrings[from + k], 0, dst[offset + k], 0, channels);
        deliverTimes(timestamps, offset, from, n);
        return n;
    }

    private void deliverTimes(double[] timestamps, int offset, int from, int n) {
        for (int k = 0; k < n; k++) {
            double t = Math.max(timeline.localSeconds(blockTimes[from + k], pass), lastDelivered);
            timestamps[offset + k] = t;
            lastDelivered = t;
        }
        next += n;
    }

    private static void checkSpan(int length, int offset, int maxFrames, String what) {
        if (maxFrames < 1 || offset < 0 || length < offset + maxFrames) {
            throw new IllegalArgumentException(what + " of length " + length + " cannot hold " + maxFrames
                    + " frames from " + offset);
        }
    }

    /**
     * Waits for the next frame to be due and returns how many consecutive frames of the current
     * block are due (1..max), 0 on timeout, or {@link #END_OF_STREAM}.
     */
    private int due(int max, Duration timeout) throws IOException {
        if (closed) return END_OF_STREAM;
        if (next == total) {
            if (!options.loop() || total == 0) return END_OF_STREAM;
            pass++;
            next = 0;
        }
        if (!ensureBlock()) return END_OF_STREAM;
        double dueLocal = timeline.localSeconds(blockTimes[(int) (next - blockFirst)], pass);
        double now = clock.nowSeconds();
        try {
            if (dueLocal > now) {
                double limit = now + Math.max(0, timeout.toNanos()) / 1e9;
                if (dueLocal > limit) {
                    clock.sleepUntil(limit);
                    return 0;
                }
                clock.sleepUntil(dueLocal);
                now = Math.max(clock.nowSeconds(), dueLocal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("replay of '" + info.name() + "' interrupted");
            io.initCause(e);
            throw io;
        }
        if (closed) return END_OF_STREAM;
        int from = (int) (next - blockFirst);
        int n = 1;
        while (n < max && from + n < blockCount && timeline.localSeconds(blockTimes[from + n], pass) <= now) n++;
        return n;
    }

    /** Loads the block holding frame {@link #next}; false if the source was closed. */
    private boolean ensureBlock() throws IOException {
        if (next >= blockFirst && next < blockFirst + blockCount) return true;
        int n = (int) Math.min(blockTimes.length, total - next);
        fileLock.lock();
        try {
            if (closed) return false;
            switch (kind) {
                case NUMERIC:
                    reader.readSamples(stream, next, n, blockValues, 0);
                    reader.readTimestamps(stream, next, n, blockTimes, 0);
                    break;
                case STRINGS:
                    String[][] s = reader.readStrings(stream, next, n);
                    System.arraycopy(s, 0, blockStrings, 0, n);
                    reader.readTimestamps(stream, next, n, blockTimes, 0);
                    break;
                default:
                    for (int k = 0; k < n; k++) {
                        Annotation a = annotations.get((int) next + k);
                        blockStrings[k] = new String[] {a.text()};
                        blockTimes[k] = a.onsetSeconds();
                    }
                    break;
            }
        } finally {
            fileLock.unlock();
        }
        blockFirst = next;
        blockCount = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (reader == null) return;
        fileLock.lock();
        try {
            reader.close();
        } finally {
            fileLock.unlock();
        }
    }
}
