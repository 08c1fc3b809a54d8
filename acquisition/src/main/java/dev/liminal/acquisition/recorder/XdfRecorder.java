package dev.liminal.acquisition.recorder;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.RingReader;
import dev.liminal.core.stream.SampleRingReader;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StringRingReader;
import dev.liminal.datasets.xdf.XdfWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Records any set of live streams into one XDF file as LabRecorder does, on one thread
 * {@code liminal-recorder}: a lossless {@link RingReader} per stream (made at construction, so
 * every frame written to the rings from then on is recorded), {@link XdfWriter} chunks, a
 * ClockOffset chunk per stream at start and every {@value #CLOCK_OFFSET_INTERVAL_SECONDS} s,
 * a flush (to the disk) at least every second, and the StreamFooters when stopped.
 *
 * <p><b>Gaps.</b> A reader that falls behind gets an overrun; nothing is lost silently. The
 * recorder adds one string stream to the file, {@value #EVENT_STREAM_NAME} (type
 * {@code Markers}, irregular, on the local clock, clock offset 0), and writes one event per
 * overrun, timestamped when the recorder met it:
 * {@code gap stream="<name>" lost_frames=<n> after_timestamp=<last recorded timestamp or NaN>}.
 * XDF has no gap chunk; readers also see the timestamp jump in the stream itself (a new segment).
 *
 * <p><b>Crash safety.</b> The writer keeps the file ending on a chunk boundary at every flush;
 * a process killed (SIGKILL) leaves a file readers open with everything up to the last flush
 * and no footers. {@link #stop} (Ctrl-C in the CLI) drains the rings, writes the footers and
 * closes the file.
 *
 * <p><b>Thread ownership:</b> the public methods are thread-safe; the writer and the readers
 * are confined to the recorder thread. Failures end the recorder in {@link State#FAILED} and are
 * rethrown by {@link #stop}.
 */
public final class XdfRecorder {
    /** LabRecorder measures clock offsets every 5 s. */
    public static final double CLOCK_OFFSET_INTERVAL_SECONDS = 5.0;
    /** Flush this often, so with scheduling slack the data on disk is never more than a second old. */
    public static final double FLUSH_INTERVAL_SECONDS = 0.5;
    /** Name of the stream that holds the recorder's gap events. */
    public static final String EVENT_STREAM_NAME = "Liminal recorder events";
    /** Sleep between passes that found no data; far below any sensible ring's span. */
    static final long IDLE_PARK_NANOS = 5_000_000L;
    /** Largest chunk read from a ring at once (frames). */
    static final int CHUNK_FRAMES = 1024;
    private static final System.Logger LOG = System.getLogger(XdfRecorder.class.getName());

    /** Lifecycle: NEW -> RECORDING -> (STOPPED | FAILED). */
    public enum State { NEW, RECORDING, STOPPED, FAILED }

    private final Path file;
    private final List<Track> tracks = new ArrayList<>();
    private final SourceClock clock;
    private final XdfWriter writer;
    private final int eventStream;
    /** Events from other threads ({@link #note}) waiting for the recorder thread: text and local time. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> notes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile boolean stopRequested;
    private volatile RecorderStatus status;
    private volatile Exception failure;
    private long gaps;
    private long framesLost;
    private long flushes;

    /** One input with its reader and buffers; recorder thread only after construction. */
    private static final class Track {
        final RecorderInput input;
        final int streamId;
        final SampleRingReader samples;
        final StringRingReader strings;
        final double[][] values;
        final String[][] texts;
        final double[] timestamps;
        long frames;
        double lastTimestamp = Double.NaN;
        boolean ended;
        /** Frames written to the ring when the stop request was seen: what must still be recorded. */
        long stopAt = Long.MAX_VALUE;

        Track(RecorderInput input, int streamId) {
            this.input = input;
            this.streamId = streamId;
            int channels = input.info().channelCount();
            if (input.samples() != null) {
                samples = input.samples().newReader();
                strings = null;
                values = new double[channels][CHUNK_FRAMES];
                texts = null;
            } else {
                samples = null;
                strings = input.strings().newReader();
                values = null;
                texts = new String[CHUNK_FRAMES][channels];
            }
            timestamps = new double[CHUNK_FRAMES];
        }

        RingReader reader() {
            return samples != null ? samples : strings;
        }

        long writtenToRing() {
            return input.samples() != null ? input.samples().writtenFrames() : input.strings().writtenFrames();
        }

        /** Whether everything up to the stop request is recorded (or lost and marked). */
        boolean caughtUp() {
            return ended || reader().position() >= stopAt;
        }
    }

    /**
     * Creates {@code file}, writes its header and a StreamHeader per input (plus the event
     * stream) and attaches a reader to every ring. Recording starts with {@link #start()}.
     *
     * @param inputs the streams, at least one; names need not be unique
     * @param clock  the local clock (for offsets, flush timing and gap events)
     * @throws IOException if the file cannot be created
     */
    public XdfRecorder(Path file, List<RecorderInput> inputs, SourceClock clock) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (inputs.isEmpty()) throw new IllegalArgumentException("nothing to record into " + file);
        this.writer = new XdfWriter(file);
        try {
            for (RecorderInput in : inputs) {
                int id = writer.addStream(in.info(), "<recorder>Liminal</recorder>");
                tracks.add(new Track(in, id));
            }
            StreamInfo events = new StreamInfo(EVENT_STREAM_NAME, "Markers", "liminal-recorder",
                    List.of(new ChannelInfo("event", ChannelType.MISC, "")), StreamInfo.IRREGULAR_RATE,
                    SampleFormat.STRING, Map.of());
            eventStream = writer.addStream(events, "<recorder>Liminal</recorder>");
            writer.flush();
        } catch (IOException | RuntimeException e) {
            for (Track t : tracks) t.reader().close();
            try {
                writer.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        this.status = snapshot(State.NEW, Double.NaN);
        this.thread = new Thread(this::run, "liminal-recorder");
        this.thread.setDaemon(true);
    }

    /** Starts the recorder thread. */
    public synchronized void start() {
        if (!state.compareAndSet(State.NEW, State.RECORDING)) {
            throw new IllegalStateException("recorder of " + file + " is " + state.get());
        }
        status = snapshot(State.RECORDING, Double.NaN);
        thread.start();
    }

    /**
     * Stops recording: writes what the rings hold, the footers, and closes the file.
     *
     * @throws IOException if recording failed at any point (the first failure, with its cause)
     *                     or the recorder thread did not end within {@code timeout}
     */
    public synchronized void stop(Duration timeout) throws IOException, InterruptedException {
        stopRequested = true;
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            thread.start(); // closes the file on its own thread, which owns the writer
        }
        LockSupport.unpark(thread);
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) throw new IOException("recorder of " + file + " did not stop within " + timeout);
        Exception e = failure;
        if (e instanceof IOException) throw new IOException("recording " + file + " failed: " + e.getMessage(), e);
        if (e != null) throw new IOException("recording " + file + " failed: " + e, e);
    }

    /**
     * Records a one-line event in the {@link #EVENT_STREAM_NAME} stream at the current local
     * time, e.g. a source's reconnection after its sender vanished. Thread-safe and
     * non-blocking; written by the recorder thread at its next pass (within about a
     * millisecond) and kept if the recorder is stopped before that. Events after the recorder
     * has finished are dropped.
     *
     * @param text one line; line breaks are replaced by spaces
     */
    public void note(String text) {
        if (text == null) {
            throw new IllegalArgumentException("recorder event needs a text");
        }
        notes.add(new Object[] {text.replace('\n', ' ').replace('\r', ' '), clock.nowSeconds()});
    }

    private boolean writeNotes() throws IOException {
        boolean any = false;
        for (Object[] n = notes.poll(); n != null; n = notes.poll()) {
            writer.writeStrings(eventStream, new String[][] {{(String) n[0]}}, 0, 1, new double[] {(Double) n[1]});
            any = true;
        }
        return any;
    }

    /** What is on disk as of the last flush. */
    public RecorderStatus status() {
        return status;
    }

    /** Why recording failed, if it did. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    private RecorderStatus snapshot(State s, double lastFlush) {
        List<Long> frames = new ArrayList<>(tracks.size());
        for (Track t : tracks) frames.add(t.frames);
        return new RecorderStatus(s, frames, gaps, framesLost, flushes, lastFlush);
    }

    private void run() {
        double lastFlush = clock.nowSeconds();
        double nextOffsets = lastFlush;
        State end = State.STOPPED;
        boolean stopMarked = false;
        try {
            while (true) {
                boolean stopping = stopRequested;
                if (stopping && !stopMarked) {
                    // record what the rings hold now, not whatever a busy source keeps adding
                    for (Track t : tracks) t.stopAt = t.writtenToRing();
                    stopMarked = true;
                }
                boolean any = false;
                boolean allEnded = true;
                boolean caughtUp = true;
                for (Track t : tracks) {
                    any |= drain(t);
                    allEnded &= t.ended;
                    caughtUp &= t.caughtUp();
                }
                any |= writeNotes();
                double now = clock.nowSeconds();
                if (now >= nextOffsets && !stopping) {
                    writeOffsets();
                    nextOffsets = now + CLOCK_OFFSET_INTERVAL_SECONDS;
                }
                if (now - lastFlush >= FLUSH_INTERVAL_SECONDS) {
                    writer.flush();
                    flushes++;
                    lastFlush = now;
                    status = snapshot(State.RECORDING, lastFlush);
                }
                if ((stopping && (caughtUp || !any)) || allEnded) break;
                if (!any) LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            end = State.FAILED;
            LOG.log(System.Logger.Level.ERROR, "recording {0} failed: {1}", file, e.toString());
        } finally {
            for (Track t : tracks) t.reader().close();
            try {
                if (end != State.FAILED) writeNotes();
                writer.close();
                flushes++;
            } catch (IOException | RuntimeException e) {
                if (failure == null) failure = e;
                end = State.FAILED;
                LOG.log(System.Logger.Level.ERROR, "closing {0} failed: {1}", file, e.toString());
            }
            state.set(end);
            status = snapshot(end, clock.nowSeconds());
        }
    }

    /** Writes what one ring holds now (at most one ring's worth); whether anything was read. */
    private boolean drain(Track t) throws IOException {
        if (t.ended) return false;
        boolean any = false;
        long budget = CHUNK_FRAMES * 8L;
        while (budget > 0) {
            int n = t.samples != null ? t.samples.read(t.values, t.timestamps, 0, CHUNK_FRAMES)
                    : t.strings.read(t.texts, t.timestamps, 0, CHUNK_FRAMES);
            if (n == 0) break;
            if (n == RingReader.END) {
                t.ended = true;
                break;
            }
            any = true;
            if (n == RingReader.OVERRUN) {
                writeGap(t, t.reader().lastLostFrames());
                continue;
            }
            if (t.samples != null) {
                writer.writeSamples(t.streamId, t.values, 0, n, t.timestamps);
            } else {
                writer.writeStrings(t.streamId, t.texts, 0, n, t.timestamps);
            }
            t.frames += n;
            t.lastTimestamp = t.timestamps[n - 1];
            budget -= n;
        }
        return any;
    }

    private void writeGap(Track t, long lost) throws IOException {
        gaps++;
        framesLost += lost;
        if (t.input.monitor() != null) t.input.monitor().onOverrun(lost);
        String text = "gap stream=\"" + t.input.info().name().replace("\"", "'") + "\" lost_frames=" + lost
                + " after_timestamp=" + t.lastTimestamp;
        writer.writeStrings(eventStream, new String[][] {{text}}, 0, 1, new double[] {clock.nowSeconds()});
        LOG.log(System.Logger.Level.WARNING, "{0}: recorder fell behind on ''{1}'', {2} frames lost", file,
                t.input.info().name(), lost);
    }

    private void writeOffsets() throws IOException {
        for (Track t : tracks) {
            Optional<ClockOffset> o;
            try {
                o = t.input.offsets().measure();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "{0}: no clock offset for ''{1}'' this time: {2}", file,
                        t.input.info().name(), e.toString());
                continue;
            }
            if (o.isPresent()) {
                writer.writeClockOffset(t.streamId, o.get().collectionTimeSeconds(), o.get().offsetSeconds());
            }
        }
        writer.writeClockOffset(eventStream, clock.nowSeconds(), 0.0);
    }
}
