package dev.liminal.acquisition.simulation;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces a pull-based generator to the wall clock: {@link #awaitStreamTime(double)} returns when
 * the given stream time has been reached, measured from the first call's moment on a monotonic
 * clock ({@link System#nanoTime()} by default). It sleeps, so it never runs on the EDT; a
 * publisher thread calls it between blocks. A late caller is not made to catch up by sleeping
 * less than zero: blocks then go out back to back until the schedule is met again.
 * Confined to one thread.
 */
public final class RealTimePacer {
    /** Longest single sleep, so an interrupt or a changed schedule is noticed promptly. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long startNanos;
    private boolean started;

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps about {@code nanos} ns; may return early. */
        void sleep(long nanos) throws InterruptedException;
    }

    /** A pacer on {@link System#nanoTime()} with {@link TimeUnit#sleep}. */
    public RealTimePacer() {
        this(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** A pacer on a given clock and sleeper (tests). */
    public RealTimePacer(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until {@code streamSeconds} after the start (the first call starts the clock).
     *
     * @return how far behind schedule the caller already was, s (0 when it had to wait)
     * @throws InterruptedException if interrupted while sleeping
     */
    public double awaitStreamTime(double streamSeconds) throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (!started) {
            startNanos = now;
            started = true;
        }
        long target = startNanos + Math.round(streamSeconds * 1e9);
        if (now >= target) return (now - target) / 1e9;
        while (now < target) {
            sleeper.sleep(Math.min(target - now, MAX_SLEEP_NANOS));
            now = nanoClock.getAsLong();
        }
        return 0;
    }
}
