package dev.liminal.acquisition.pump;

import dev.liminal.acquisition.monitor.TimingMonitor;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StringRing;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Moves one stream from its {@link StreamSource} into its ring, on its own thread
 * {@code liminal-source-<stream>}: read a chunk (waiting at most {@link #READ_TIMEOUT}), tell the
 * {@link TimingMonitor}, write the ring (which never blocks). The pump owns the source: it
 * closes it when it stops, and closes the ring, so readers drain it and see the end.
 *
 * <p><b>Errors</b> are never thrown into the void: a failing source ends the pump in state
 * {@link State#FAILED}, the exception is kept ({@link #failure()}) and handed to the failure
 * listener given at construction, which reports it; without a listener the pump logs it as a
 * warning (with one, only at debug level, so a failure is reported once).
 *
 * <p><b>Thread ownership:</b> {@link #start()}, {@link #stop(Duration)} and the getters are
 * thread-safe; the ring's writer is the pump thread.
 */
public final class StreamPump {
    /** Longest wait inside one source read, so a stop request is seen promptly. */
    public static final Duration READ_TIMEOUT = Duration.ofMillis(100);
    /** Largest chunk moved at once (frames). */
    public static final int MAX_CHUNK_FRAMES = 1024;
    private static final System.Logger LOG = System.getLogger(StreamPump.class.getName());

    /** Lifecycle: NEW -> RUNNING -> (ENDED | STOPPED | FAILED). */
    public enum State { NEW, RUNNING, ENDED, STOPPED, FAILED }

    private final StreamSource source;
    private final SampleRing numeric;
    private final StringRing strings;
    private final TimingMonitor monitor;
    private final SourceClock clock;
    private final Consumer<Exception> onFailure;
    /** Whether a caller's listener reports a failure, so the pump's own log line is only for debugging. */
    private final boolean reportsFailure;
    private final Thread thread;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile boolean stopRequested;
    private volatile Exception failure;
    private volatile long framesPumped;

    private StreamPump(StreamSource source, SampleRing numeric, StringRing strings, TimingMonitor monitor,
                       SourceClock clock, Consumer<Exception> onFailure) {
        this.source = Objects.requireNonNull(source, "source");
        this.numeric = numeric;
        this.strings = strings;
        this.monitor = monitor;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reportsFailure = onFailure != null;
        this.onFailure = onFailure == null ? e -> { } : onFailure;
        StreamInfo info = source.info();
        int ringChannels = numeric != null ? numeric.channelCount() : strings.channelCount();
        if (ringChannels != info.channelCount()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' has " + info.channelCount()
                    + " channels, its ring " + ringChannels);
        }
        this.thread = new Thread(this::run, "liminal-source-" + info.name());
        this.thread.setDaemon(true);
    }

    /**
     * A pump for a numeric stream.
     *
     * @param monitor   told about every chunk, or null
     * @param onFailure called once on the pump thread if the source fails, or null
     */
    public static StreamPump numeric(StreamSource source, SampleRing ring, TimingMonitor monitor, SourceClock clock,
                                     Consumer<Exception> onFailure) {
        if (!source.info().format().isNumeric()) {
            throw new IllegalArgumentException("stream '" + source.info().name() + "' holds strings; use strings(...)");
        }
        return new StreamPump(source, Objects.requireNonNull(ring, "ring"), null, monitor, clock, onFailure);
    }

    /** A pump for a string (marker) stream; see {@link #numeric}. */
    public static StreamPump strings(StreamSource source, StringRing ring, TimingMonitor monitor, SourceClock clock,
                                     Consumer<Exception> onFailure) {
        if (source.info().format().isNumeric()) {
            throw new IllegalArgumentException("stream '" + source.info().name() + "' is numeric; use numeric(...)");
        }
        return new StreamPump(source, null, Objects.requireNonNull(ring, "ring"), monitor, clock, onFailure);
    }

    /** Starts the pump thread. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("pump of '" + source.info().name() + "' is " + state.get());
        }
        thread.start();
    }

    /**
     * Asks the pump to stop, closes the source (so a blocked read returns) and waits for the
     * thread to end.
     *
     * @return whether the thread ended within {@code timeout}
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopRequested = true;
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            // never started: nobody writes the ring, so end it here for its readers
            if (numeric != null) numeric.close();
            if (strings != null) strings.close();
            closeSource();
            return true;
        }
        closeSource();
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Waits for the pump to end by itself (end of stream or failure). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** The lifecycle state. */
    public State state() {
        return state.get();
    }

    /** Why the pump failed, if it did. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /** Frames written to the ring so far. */
    public long framesPumped() {
        return framesPumped;
    }

    /** The stream pumped. */
    public StreamInfo info() {
        return source.info();
    }

    private void run() {
        StreamInfo info = source.info();
        int channels = info.channelCount();
        int chunk = Math.min(MAX_CHUNK_FRAMES, numeric != null ? numeric.capacityFrames() : strings.capacityFrames());
        double[] timestamps = new double[chunk];
        double[][] values = numeric != null ? new double[channels][chunk] : null;
        String[][] texts = strings != null ? new String[chunk][channels] : null;
        State end = State.STOPPED;
        try {
            while (!stopRequested) {
                int n = numeric != null ? source.read(values, timestamps, 0, chunk, READ_TIMEOUT)
                        : source.readStrings(texts, timestamps, 0, chunk, READ_TIMEOUT);
                if (n == StreamSource.END_OF_STREAM) {
                    end = stopRequested ? State.STOPPED : State.ENDED;
                    break;
                }
                if (n <= 0) continue;
                if (monitor != null) monitor.onFrames(timestamps, 0, n, clock.nowSeconds());
                if (numeric != null) {
                    numeric.write(values, timestamps, 0, n);
                } else {
                    strings.write(texts, timestamps, 0, n);
                }
                framesPumped += n;
            }
        } catch (IOException | RuntimeException e) {
            if (!stopRequested) {
                failure = e;
                end = State.FAILED;
                LOG.log(reportsFailure ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                        "stream ''{0}'' failed after {1} frames: {2}", info.name(), framesPumped, e.toString());
                try {
                    onFailure.accept(e);
                } catch (RuntimeException listener) {
                    LOG.log(System.Logger.Level.WARNING, "failure listener of stream ''{0}'' threw {1}", info.name(),
                            listener.toString());
                }
            }
        } finally {
            if (numeric != null) numeric.close();
            if (strings != null) strings.close();
            closeSource();
            state.set(end);
        }
    }

    private void closeSource() {
        try {
            source.close();
        } catch (IOException e) {
            // After a failure the source is usually broken already; that was reported once.
            LOG.log(failure != null ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "closing stream ''{0}'': {1}", source.info().name(), e.toString());
        }
    }
}
