package dev.liminal.acquisition.monitor;

import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SourceClock;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the timing of one live stream: effective against nominal rate over a sliding window,
 * data age, clock drift, timestamp jumps and reader overruns. The stream pump reports every
 * chunk ({@link #onFrames}); readers report overruns ({@link #onOverrun}); anyone takes an
 * immutable {@link #snapshot()}.
 *
 * <p>The window keeps one entry per chunk (at most {@value #HISTORY_CHUNKS}; older entries drop
 * out even inside the window, which only shortens it for sources sending single frames faster
 * than that many per window).
 *
 * <p><b>Thread ownership:</b> thread-safe. {@link #onFrames} (pump thread) and
 * {@link #snapshot()} share a short lock that is never held across I/O or waiting;
 * {@link #onOverrun} is lock-free. {@link #onFrames} allocates nothing.
 */
public final class TimingMonitor {
    /** Chunks remembered for the sliding window. */
    public static final int HISTORY_CHUNKS = 4096;
    /** Default window: long enough to average chunking and network jitter (LSL chunks are ~10-50 ms). */
    public static final double DEFAULT_WINDOW_SECONDS = 10.0;
    /**
     * Default jump tolerance: consumer-grade amplifiers deliver timestamps with a few ms of jitter
     * and LSL stamps whole chunks; 50 ms flags lost packets and clock steps, not jitter.
     */
    public static final double DEFAULT_JUMP_TOLERANCE_SECONDS = 0.05;

    private final String streamName;
    private final double nominalRateHz;
    private final double windowSeconds;
    private final double jumpToleranceSeconds;
    private final SourceClock clock;
    private final double[] arrival = new double[HISTORY_CHUNKS];
    private final double[] lag = new double[HISTORY_CHUNKS];
    private final long[] cumulative = new long[HISTORY_CHUNKS];
    private long chunks;
    private long totalFrames;
    private double lastTimestamp = Double.NaN;
    private double lastArrival = Double.NaN;
    private long jumps;
    private double largestJump;
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong framesLost = new AtomicLong();

    /**
     * @param stream               the stream watched (name and nominal rate)
     * @param windowSeconds        sliding window for rate and drift, finite, > 0
     * @param jumpToleranceSeconds deviation from the nominal period that counts as a jump, >= 0
     * @param clock                the local clock timestamps are on
     */
    public TimingMonitor(StreamInfo stream, double windowSeconds, double jumpToleranceSeconds, SourceClock clock) {
        Objects.requireNonNull(stream, "stream");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("stream '" + stream.name() + "': window " + windowSeconds
                    + " s is not finite and > 0");
        }
        if (!(jumpToleranceSeconds >= 0) || Double.isInfinite(jumpToleranceSeconds)) {
            throw new IllegalArgumentException("stream '" + stream.name() + "': jump tolerance " + jumpToleranceSeconds
                    + " s is not finite and >= 0");
        }
        this.streamName = stream.name();
        this.nominalRateHz = stream.nominalRateHz();
        this.windowSeconds = windowSeconds;
        this.jumpToleranceSeconds = jumpToleranceSeconds;
    }

    /** A monitor with the default window and tolerance on the local clock. */
    public TimingMonitor(StreamInfo stream) {
        this(stream, DEFAULT_WINDOW_SECONDS, DEFAULT_JUMP_TOLERANCE_SECONDS, SourceClock.SYSTEM);
    }

    /**
     * Records a chunk as it arrives.
     *
     * @param timestamps     Not modified: {@code timestamps[offset + k]} is frame k's time (local clock)
     * @param arrivalSeconds when the chunk arrived, on the local clock
     */
    public synchronized void onFrames(double[] timestamps, int offset, int frames, double arrivalSeconds) {
        if (frames <= 0) return;
        double period = nominalRateHz > 0 ? 1 / nominalRateHz : 0;
        double previous = lastTimestamp;
        for (int k = offset; k < offset + frames; k++) {
            double t = timestamps[k];
            if (!Double.isNaN(previous)) {
                double deviation = (t - previous) - period;
                boolean jump = nominalRateHz > 0 ? Math.abs(deviation) > jumpToleranceSeconds
                        : t - previous < -jumpToleranceSeconds;
                if (jump) {
                    jumps++;
                    if (Math.abs(deviation) > Math.abs(largestJump)) largestJump = deviation;
                }
            }
            previous = t;
        }
        lastTimestamp = previous;
        lastArrival = arrivalSeconds;
        totalFrames += frames;
        int slot = (int) (chunks % HISTORY_CHUNKS);
        arrival[slot] = arrivalSeconds;
        lag[slot] = arrivalSeconds - previous;
        cumulative[slot] = totalFrames;
        chunks++;
    }

    /** Records an overrun a reader of the stream met. Thread-safe, lock-free. */
    public void onOverrun(long lostFrames) {
        overruns.incrementAndGet();
        framesLost.addAndGet(lostFrames);
    }

    /** The stream's timing now. */
    public synchronized TimingSnapshot snapshot() {
        double now = clock.nowSeconds();
        double effective = Double.NaN;
        double drift = Double.NaN;
        long kept = Math.min(chunks, HISTORY_CHUNKS);
        if (kept > 0) {
            // the newest entry at or before the window's start is the reference; frames after it count
            long newest = chunks - 1;
            long ref = newest;
            while (ref - 1 >= chunks - kept && arrival[slot(ref)] > now - windowSeconds) ref--;
            long refFrames = cumulative[slot(ref)];
            double elapsed = now - arrival[slot(ref)];
            if (ref < newest && elapsed > 0) {
                effective = (totalFrames - refFrames) / elapsed;
            } else if (elapsed >= windowSeconds) {
                effective = 0; // nothing arrived for a whole window
            }
            int n = 0;
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (long i = ref; i <= newest; i++) {
                double x = arrival[slot(i)] - arrival[slot(newest)];
                double y = lag[slot(i)];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double denominator = n * sxx - sx * sx;
            if (n >= 3 && denominator > 0) drift = (n * sxy - sx * sy) / denominator * 1e6;
        }
        double deviation = nominalRateHz > 0 ? effective / nominalRateHz - 1 : Double.NaN;
        return new TimingSnapshot(streamName, nominalRateHz, effective, deviation, now - lastTimestamp,
                now - lastArrival, drift, jumps, largestJump, overruns.get(), framesLost.get(), totalFrames,
                windowSeconds);
    }

    private static int slot(long chunk) {
        return (int) (chunk % HISTORY_CHUNKS);
    }
}
