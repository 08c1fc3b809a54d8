package dev.liminal.benchmarks.lsl;

import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslOutlet;

import java.util.concurrent.locks.LockSupport;

/**
 * Pushes one float32 sample every {@code 1/rate} seconds on an absolute schedule, as the pusher
 * thread of {@code lsl_bench_latency.c}: sample {@code i} is due at {@code start + i/rate}; it is
 * stamped with {@link LslClock#nowSeconds()} read just before the push, so the stamp is the push
 * time. Channel 0 carries the sample index (exact in float32 below 2^24) so that the receiver can
 * count lost samples; the other channels are filled by a {@link Filler}. Optionally a burst of
 * samples goes first, pushed as fast as they go with channel 0 = {@link #BURST_MARKER} (receivers
 * skip them): it runs the JVM's hot path often enough for the JIT to compile it before the paced
 * samples, which at 1000 Hz would otherwise reach the compile thresholds only seconds into the
 * measurement. The schedule then starts {@code startDelaySeconds} after the burst.
 *
 * <p>Runs on its own thread; {@link #latePushes()} and {@link #failure()} may be read after
 * joining it.
 */
final class PacedPusher implements Runnable {
    /** Largest index channel 0 can carry exactly (float32 has a 24-bit significand). */
    static final long MAX_SAMPLES = 1L << 24;
    /** Channel 0 of burst samples (not part of the schedule). */
    static final float BURST_MARKER = -1f;

    /** Writes channels 1.. of sample {@code index} into {@code row}. */
    @FunctionalInterface
    interface Filler {
        /**
         * @param row   Modified: one value per channel; channel 0 is overwritten afterwards
         * @param index sample index from 0
         */
        void fill(float[] row, long index);
    }

    private final LslOutlet outlet;
    private final float[] row;
    private final double rateHz;
    private final double startDelaySeconds;
    private final long samples;
    private final long burstSamples;
    private final Filler filler;
    private long latePushes;
    private volatile Throwable failure;

    /**
     * @param startDelaySeconds time from the end of the burst (or the start of {@link #run()}) to
     *                          the moment sample 0 is due
     * @param samples           samples to push on the schedule, at most {@link #MAX_SAMPLES}
     * @param burstSamples      samples pushed unpaced before the schedule, 0 for none
     */
    PacedPusher(LslOutlet outlet, int channels, double rateHz, double startDelaySeconds, long samples, long burstSamples,
                Filler filler) {
        if (samples > MAX_SAMPLES) throw new IllegalArgumentException(samples + " samples exceed " + MAX_SAMPLES);
        if (burstSamples < 0) throw new IllegalArgumentException("burst of " + burstSamples + " samples");
        this.outlet = outlet;
        this.row = new float[channels];
        this.rateHz = rateHz;
        this.startDelaySeconds = startDelaySeconds;
        this.samples = samples;
        this.burstSamples = burstSamples;
        this.filler = filler;
    }

    @Override
    public void run() {
        try {
            double period = 1.0 / rateHz;
            for (long k = 0; k < burstSamples && !outlet.isClosed(); k++) {
                row[0] = BURST_MARKER;
                outlet.pushSample(row, LslClock.nowSeconds());
            }
            double startSeconds = LslClock.nowSeconds() + startDelaySeconds;
            for (long i = 0; i < samples && !outlet.isClosed(); i++) {
                double due = startSeconds + i * period;
                sleepUntil(due);
                filler.fill(row, i);
                row[0] = i;
                double now = LslClock.nowSeconds();
                if (now - due > period) latePushes++;
                outlet.pushSample(row, now);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Pushes that started more than one period after their schedule (the thread was not scheduled in time). */
    long latePushes() {
        return latePushes;
    }

    /** What stopped the pusher early, or null. */
    Throwable failure() {
        return failure;
    }

    /** Parks until the LSL clock reaches {@code deadlineSeconds} (at most as long as the gap, never early). */
    static void sleepUntil(double deadlineSeconds) {
        double left;
        while ((left = deadlineSeconds - LslClock.nowSeconds()) > 0) {
            LockSupport.parkNanos((long) (left * 1e9));
        }
    }
}
