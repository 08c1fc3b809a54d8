/**
 * Per-frame scalar metrics of one channel's spectrum (and, for time-domain metrics, of the
 * window it came from): the {@link dev.liminal.dsp.metrics.SpectralMetric} extension point
 * of ARCHITECTURE.md, its input record {@link dev.liminal.dsp.metrics.MetricInput}, the
 * {@link java.util.ServiceLoader}-backed registry {@link dev.liminal.dsp.metrics.SpectralMetrics}
 * and the built-in metrics (peak alpha frequency, 95% spectral edge frequency, spectral
 * entropy, aperiodic exponent, Lempel-Ziv complexity).
 *
 * <p>Metrics are stateless and thread-safe; undefined results are {@code NaN}, never an
 * exception. Depends on {@code core}, the JDK and {@link dev.liminal.dsp.spectral}; never on
 * {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp.metrics;
