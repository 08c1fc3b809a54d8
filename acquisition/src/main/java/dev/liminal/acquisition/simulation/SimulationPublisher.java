package dev.liminal.acquisition.simulation;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.xml.SafeXml;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a {@link SimulatedHeadset} on LSL like a real headset driver: an EEG outlet
 * (float32, the montage's 10-20 labels with unit {@code microvolts} in the desc) and a marker
 * outlet (one string channel, irregular, the session markers), paced to the wall clock by a
 * {@link RealTimePacer} on thread {@code liminal-simulate-<name>}. Every
 * {@value #BLOCK_SECONDS} s of stream time it pushes the session markers due in the block,
 * then the block's samples, each stamped {@code start + t} on the LSL clock (markers before
 * the samples they precede, so a consumer knows the phase when the samples arrive). The
 * marker texts carry their times on the LSL clock too ({@link #onClock}).
 *
 * <p>Time compression ({@link SimulationSettings#speed()}) is the headset's: the script runs
 * faster, the EEG keeps its rate. With a consumer wait ({@link #start(Duration)}) the clock
 * starts only when both outlets have an inlet (or the wait is over), so a consumer that
 * connects first misses nothing.
 *
 * <p><b>Thread ownership:</b> the public methods are thread-safe; the headset is confined to
 * the publisher thread once started. {@link #close()} stops the thread and closes both outlets.
 */
public final class SimulationPublisher implements AutoCloseable {
    /** Push interval in stream seconds: 20 ms, in the range of consumer headsets' LSL chunks (10-50 ms). */
    public static final double BLOCK_SECONDS = 0.02;
    /** LSL unit name of the EEG channels (XDF meta-data convention). */
    public static final String UNIT = "microvolts";
    private static final System.Logger LOG = System.getLogger(SimulationPublisher.class.getName());

    /** Lifecycle: NEW -> RUNNING -> (ENDED | STOPPED | FAILED). */
    public enum State { NEW, RUNNING, ENDED, STOPPED, FAILED }

    private final SimulatedHeadset headset;
    private final double seconds;
    private final LslOutlet eegOutlet;
    private final LslOutlet markerOutlet;
    private final Thread thread;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile Duration consumerWait = Duration.ZERO;
    private volatile long samplesPushed;
    private volatile long markersPushed;
    private volatile double startSeconds = Double.NaN;
    private volatile double maxLateSeconds;

    private SimulationPublisher(SimulatedHeadset headset, double seconds, LslOutlet eeg, LslOutlet markers) {
        this.headset = headset;
        this.seconds = seconds;
        this.eegOutlet = eeg;
        this.markerOutlet = markers;
        this.thread = new Thread(this::run, "liminal-simulate-" + headset.name());
        this.thread.setDaemon(true);
    }

    /**
     * Opens both outlets (they are visible to resolvers at once); publishing starts with
     * {@link #start(Duration)}.
     *
     * @param seconds stream seconds to publish, finite and > 0 (e.g. the session's
     *                {@link SimulatedSession#streamSeconds(double)})
     * @param config  LSL ports and scope
     * @throws IOException if an outlet cannot be opened (no free port)
     */
    public static SimulationPublisher open(SimulatedHeadset headset, double seconds, LslConfig config)
            throws IOException {
        Objects.requireNonNull(headset, "headset");
        Objects.requireNonNull(config, "config");
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("simulation of '" + headset.name() + "': " + seconds
                    + " s to publish is not finite and > 0");
        }
        LslOutlet eeg = LslOutlet.open(eegInfo(headset.eegStream()), config);
        try {
            LslOutlet markers = LslOutlet.open(markerInfo(headset.markerStream()), config);
            return new SimulationPublisher(headset, seconds, eeg, markers);
        } catch (IOException | RuntimeException e) {
            eeg.close();
            throw e;
        }
    }

    /** The LSL description of the EEG stream: float32, labels, unit and type per channel, manufacturer. */
    static LslStreamInfo eegInfo(StreamInfo eeg) {
        List<String> labels = eeg.channels().stream().map(c -> c.label()).toList();
        LslStreamInfo info = LslStreamInfo.create(eeg.name(), eeg.type(), eeg.channelCount(), eeg.nominalRateHz(),
                ChannelFormat.FLOAT32, eeg.sourceId()).withChannelLabels(labels, UNIT, SimulatedHeadset.EEG_TYPE);
        return info.withDescXml(info.descXml() + "<manufacturer>" + SafeXml.escape(eeg.property("manufacturer"))
                + "</manufacturer>");
    }

    /** The LSL description of the marker stream: one string channel, irregular. */
    static LslStreamInfo markerInfo(StreamInfo markers) {
        return LslStreamInfo.create(markers.name(), markers.type(), markers.channelCount(), 0.0, ChannelFormat.STRING,
                markers.sourceId());
    }

    /** The EEG outlet's description (uid, ports and session filled in). */
    public LslStreamInfo eegOutletInfo() {
        return eegOutlet.info();
    }

    /** The marker outlet's description. */
    public LslStreamInfo markerOutletInfo() {
        return markerOutlet.info();
    }

    /** The headset published. */
    public SimulatedHeadset headset() {
        return headset;
    }

    /** Stream seconds this publisher pushes in all. */
    public double seconds() {
        return seconds;
    }

    /**
     * Starts the publisher thread.
     *
     * @param waitForConsumers how long to wait for an inlet on each outlet before the clock
     *                         starts; {@link Duration#ZERO} starts at once (a headset does not wait)
     */
    public void start(Duration waitForConsumers) {
        Objects.requireNonNull(waitForConsumers, "waitForConsumers");
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("simulation of '" + headset.name() + "' is " + state.get());
        }
        this.consumerWait = waitForConsumers;
        thread.start();
    }

    /** Waits for the publisher to push its last block (or fail or be stopped). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** The lifecycle state. */
    public State state() {
        return state.get();
    }

    /** Why publishing failed, if it did. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** EEG samples (frames) pushed so far. */
    public long samplesPushed() {
        return samplesPushed;
    }

    /** Markers pushed so far. */
    public long markersPushed() {
        return markersPushed;
    }

    /**
     * The most this publisher's thread was behind its schedule when a block was due, s: samples
     * then go out late with their scheduled timestamps (a starved machine, a GC pause), which a
     * consumer sees as data age, not as its own delay.
     */
    public double maxLateSeconds() {
        return maxLateSeconds;
    }

    /** LSL clock time of stream second 0, NaN before the clock started. */
    public double startSeconds() {
        return startSeconds;
    }

    /** Stops the thread (within about one block) and closes both outlets. Idempotent. */
    @Override
    public void close() {
        stopRequested = true;
        thread.interrupt();
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            closeOutlets();
            return;
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeOutlets();
    }

    private void closeOutlets() {
        eegOutlet.close();
        markerOutlet.close();
    }

    private void run() {
        State end = State.ENDED;
        try {
            Duration wait = consumerWait;
            if (!wait.isZero()) {
                long deadline = System.nanoTime() + wait.toNanos();
                eegOutlet.waitForConsumers(wait);
                markerOutlet.waitForConsumers(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            publish();
            if (stopRequested) end = State.STOPPED;
        } catch (InterruptedException e) {
            end = State.STOPPED;
        } catch (RuntimeException e) {
            if (stopRequested) {
                end = State.STOPPED;
            } else {
                failure.set(e);
                end = State.FAILED;
                LOG.log(System.Logger.Level.ERROR, "simulation of ''{0}'' failed: {1}", headset.name(), e.toString());
            }
        } finally {
            state.set(end);
        }
    }

    /**
     * The session moved onto the LSL clock: stream second {@code t} becomes {@code start + t},
     * for phase bounds and dose starts alike, so that the marker texts ({@code PHASE ... end=},
     * {@code DOSE ...}) agree with the marker timestamps and a recording of the two streams
     * (LabRecorder, {@code liminal record}, the demo) decodes back to the session.
     */
    static SessionTimeline onClock(SessionTimeline t, double startSeconds) {
        List<SessionPhase> phases = new ArrayList<>();
        for (SessionPhase p : t.phases()) {
            phases.add(new SessionPhase(p.name(), startSeconds + p.startSeconds(), startSeconds + p.endSeconds()));
        }
        List<Dose> doses = new ArrayList<>();
        for (Dose d : t.doses()) {
            doses.add(new Dose(d.mgPerKg(), d.totalMg(), d.bodyWeightKg(), d.route(), d.formulation(),
                    d.infusionDurationSeconds(), startSeconds + d.startSeconds()));
        }
        return new SessionTimeline(t.protocol(), phases, doses, t.tierTable(), t.eyeStates(), t.probes(), t.events(),
                t.instruments());
    }

    private void publish() throws InterruptedException {
        SimulatedEeg eeg = headset.eeg();
        int channels = eeg.channelCount();
        double rate = eeg.sampleRateHz();
        int block = Math.max(1, (int) Math.round(rate * BLOCK_SECONDS));
        long total = Math.round(seconds * rate);
        double[][] values = new double[channels][block];
        float[] interleaved = new float[block * channels];
        double[] stamps = new double[block];
        String[] marker = new String[1];
        RealTimePacer pacer = new RealTimePacer();
        pacer.awaitStreamTime(0);
        double start = LslClock.nowSeconds();
        startSeconds = start;
        SessionMarkers markers = new SessionMarkers(onClock(headset.eeg().session().timeline(headset.eeg().settings().speed()), start));
        long sent = 0;
        while (!stopRequested && sent < total) {
            int n = (int) Math.min(block, total - sent);
            SimulatedHeadset.SimulatedBlock b = headset.next(values, n);
            double blockEnd = eeg.timeSeconds(eeg.position());
            double late = pacer.awaitStreamTime(blockEnd);
            if (late > maxLateSeconds) maxLateSeconds = late;
            for (TimedMarker m : markers.due(start + blockEnd)) {
                marker[0] = m.text();
                markerOutlet.pushSample(marker, m.timeSeconds());
                markersPushed++;
            }
            for (int k = 0; k < n; k++) {
                int base = k * channels;
                for (int c = 0; c < channels; c++) interleaved[base + c] = (float) values[c][k];
                stamps[k] = start + b.firstSampleSeconds() + k / rate;
            }
            eegOutlet.pushChunk(interleaved, n, stamps);
            sent += n;
            samplesPushed = sent;
        }
    }
}
