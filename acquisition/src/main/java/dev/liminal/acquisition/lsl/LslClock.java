package dev.liminal.acquisition.lsl;

/**
 * The LSL clock: monotonic seconds with an arbitrary epoch. {@code System.nanoTime()/1e9} reads
 * CLOCK_MONOTONIC on Linux HotSpot, the same clock as liblsl's {@code lsl_local_clock()}
 * (LSL-PROTOCOL.md section 1). Thread-safe.
 */
public final class LslClock {
    private static final double NANOS_PER_SECOND = 1e9;

    private LslClock() {}

    /** The local LSL clock in seconds. */
    public static double nowSeconds() {
        return System.nanoTime() / NANOS_PER_SECOND;
    }
}
