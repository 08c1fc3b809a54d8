package dev.liminal.dsp.metrics;

/**
 * A per-frame scalar metric of one channel: computed from its power spectrum and band set,
 * or, for time-domain metrics, from the window samples the spectrum was estimated from
 * (ARCHITECTURE.md "Extension points"). Implementations are found by
 * {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.liminal.dsp.metrics.SpectralMetric} (a public no-argument
 * constructor giving the default configuration) and listed by {@link SpectralMetrics}.
 *
 * <p>Contract (checked by the abstract {@code SpectralMetricContract} in the dsp test-jar):
 * implementations are stateless and thread-safe (one instance serves every thread);
 * {@link #id()} is unique among registered metrics, lower case with dashes
 * ({@code [a-z0-9]+(-[a-z0-9]+)*}) and stable (CSV columns and CLI options use it);
 * {@link #compute} returns {@code NaN} when the metric is undefined for the input (range
 * outside the spectrum, all-zero or non-finite density, no peak, missing window samples for a
 * time-domain metric) and never throws for a valid {@link MetricInput}.
 */
public interface SpectralMetric {
    /** Stable identifier such as {@code "peak-alpha-frequency"}. */
    String id();

    /** Human-readable name such as "Peak alpha frequency". */
    String displayName();

    /** Unit of the result, e.g. {@code "Hz"}; the empty string for dimensionless metrics. */
    String unit();

    /**
     * The metric of {@code input}'s channel, in {@link #unit()}.
     *
     * @param input spectrum, channel, bands and optional window samples; Not modified
     * @return the value, or {@code NaN} when undefined for this input (each implementation
     *         documents when)
     */
    double compute(MetricInput input);
}
