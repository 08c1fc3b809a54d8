package dev.liminal.acquisition.pipeline;

/**
 * How late band-power frames came out: local clock when the frame was published minus the end
 * of its window, over every frame of a run. Immutable.
 *
 * @param frames     frames measured
 * @param p50Seconds median, s
 * @param p99Seconds 99th percentile, s
 * @param maxSeconds largest, s
 */
public record FrameLatency(long frames, double p50Seconds, double p99Seconds, double maxSeconds) {
    /** Histogram resolution: 50 us, fine against the 2 ms target. */
    static final double BUCKET_SECONDS = 50e-6;
    /** Buckets up to 1 s; later frames land in the last one (the maximum is kept exactly). */
    static final int BUCKETS = 20_000;

    /**
     * Percentiles from a histogram of {@link #BUCKETS} buckets of {@link #BUCKET_SECONDS}: the
     * upper edge of the bucket holding the rank (at most {@code maxSeconds}).
     */
    static FrameLatency of(long[] histogram, long frames, double maxSeconds) {
        if (frames == 0) return new FrameLatency(0, Double.NaN, Double.NaN, Double.NaN);
        // bucket upper edges can exceed the exact maximum; never report a percentile above it
        return new FrameLatency(frames, Math.min(maxSeconds, percentile(histogram, frames, 0.50)),
                Math.min(maxSeconds, percentile(histogram, frames, 0.99)), maxSeconds);
    }

    private static double percentile(long[] histogram, long frames, double q) {
        long rank = (long) Math.ceil(q * frames);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) return (i + 1) * BUCKET_SECONDS;
        }
        return histogram.length * BUCKET_SECONDS;
    }

    /** The histogram bucket of a latency (negative latencies, from clock rounding, count as 0). */
    static int bucket(double seconds) {
        if (!(seconds > 0)) return 0;
        return (int) Math.min(BUCKETS - 1, seconds / BUCKET_SECONDS);
    }
}
