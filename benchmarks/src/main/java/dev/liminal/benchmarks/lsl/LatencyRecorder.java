package dev.liminal.benchmarks.lsl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Collects latencies into a preallocated array (nothing is allocated per value) and summarizes
 * them with the quantile rule of liblsl's benchmark programs ({@code lsl_bench_latency.c}): the
 * q-quantile of n sorted values is element {@code round(q × (n − 1))}.
 *
 * <p>Confined to one thread.
 */
public final class LatencyRecorder {
    private final double[] seconds;
    private int count;
    private long overflow;

    /**
     * @param capacity most values kept, at least 1; further values are counted as overflow
     * @throws IllegalArgumentException when {@code capacity < 1}
     */
    public LatencyRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a latency recorder needs room for at least 1 value, got " + capacity);
        }
        this.seconds = new double[capacity];
    }

    /** Adds one latency in seconds; beyond the capacity it is only counted ({@link #overflow()}). */
    public void add(double latencySeconds) {
        if (count < seconds.length) {
            seconds[count++] = latencySeconds;
        } else {
            overflow++;
        }
    }

    /** Values kept. */
    public int count() {
        return count;
    }

    /** Values that did not fit. */
    public long overflow() {
        return overflow;
    }

    /** Mean, quantiles and maximum of the values kept, in microseconds (all 0 when empty). */
    public Summary summary() {
        if (count == 0) return new Summary(0, 0, 0, 0, 0, 0, 0);
        double[] sorted = Arrays.copyOf(seconds, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (double s : sorted) sum += s;
        return new Summary(count, sum / count * 1e6, quantile(sorted, 0.5) * 1e6, quantile(sorted, 0.9) * 1e6,
                quantile(sorted, 0.99) * 1e6, quantile(sorted, 0.999) * 1e6, sorted[count - 1] * 1e6);
    }

    /** Element {@code round(q × (n − 1))} of {@code sorted} (liblsl's benchmark rule). */
    static double quantile(double[] sorted, double q) {
        long k = (long) (q * (sorted.length - 1) + 0.5);
        return sorted[(int) k];
    }

    /**
     * A latency distribution in microseconds.
     *
     * @param count       values summarized
     * @param meanMicros  arithmetic mean
     * @param p50Micros   median
     * @param p90Micros   90th percentile
     * @param p99Micros   99th percentile
     * @param p999Micros  99.9th percentile
     * @param maxMicros   largest value
     */
    public record Summary(int count, double meanMicros, double p50Micros, double p90Micros, double p99Micros,
                          double p999Micros, double maxMicros) {
        /** The fields of a {@code RESULT} line: {@code mean_us=.. p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..}. */
        public String resultFields() {
            return String.format(Locale.ROOT, "mean_us=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f",
                    meanMicros, p50Micros, p90Micros, p99Micros, p999Micros, maxMicros);
        }
    }
}
