package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.FrequencyBand;

import java.math.BigDecimal;

/**
 * Spectral edge frequency (Hz): the frequency below which a fraction (default 95%) of the
 * power in the analysed range (default 1-45 Hz, bins with {@code 1 <= f < 45}) lies.
 *
 * <p>The density is treated as a step function, bin {@code k} spreading its power
 * {@code p[k] * df} uniformly over {@code [f_k, f_k + df)} — the same rectangle rule that
 * makes band powers — and the edge is found by linear interpolation inside the bin where the
 * cumulative power crosses the fraction. So white noise over 1-45 Hz gives
 * {@code 1 + 0.95 * 44 = 42.8} Hz, and the power below the edge equals the band power of
 * {@code [low, edge)} when the edge falls on a bin boundary.
 *
 * <p>NaN when the range reaches above the Nyquist frequency or holds no bin, or a density in
 * it is negative or non-finite, or all are zero. The {@link #id()} is the same for every
 * fraction and range (the registered instance is the default SEF95); a caller configuring
 * another edge labels it itself. Immutable; thread-safe.
 */
public final class SpectralEdgeFrequency implements SpectralMetric {
    /** Default analysed range: 1-45 Hz, the span of {@code BandSet.DEFAULT}. */
    public static final FrequencyBand DEFAULT_RANGE = new FrequencyBand("sef-range", 1.0, 45.0);
    /** Default power fraction: 0.95 (SEF95, the usual anaesthesia-monitoring edge). */
    public static final double DEFAULT_FRACTION = 0.95;

    private final FrequencyBand range;
    private final double fraction;

    /** SEF95 over {@link #DEFAULT_RANGE}. */
    public SpectralEdgeFrequency() {
        this(DEFAULT_RANGE, DEFAULT_FRACTION);
    }

    /**
     * The edge for {@code fraction} of the power in {@code range}.
     *
     * @param fraction in (0, 1]
     */
    public SpectralEdgeFrequency(FrequencyBand range, double fraction) {
        if (range == null) {
            throw new IllegalArgumentException("spectral edge frequency needs a range");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("spectral edge fraction " + fraction + " must be in (0, 1]");
        }
        this.range = range;
        this.fraction = fraction;
    }

    @Override
    public String id() {
        return "spectral-edge-frequency";
    }

    @Override
    public String displayName() {
        String percent = BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
        return "Spectral edge frequency (" + percent + "%)";
    }

    @Override
    public String unit() {
        return "Hz";
    }

    @Override
    public double compute(MetricInput input) {
        BinRange bins = BinRange.of(input.spectrum(), range);
        if (bins.count() == 0 || !bins.hasUsablePower(input)) return Double.NaN;
        double total = 0;
        for (int k = bins.first(); k <= bins.last(); k++) total += input.density(k);
        double target = fraction * total;
        double binWidthHz = input.spectrum().parameters().binWidthHz();
        double cumulative = 0;
        for (int k = bins.first(); k <= bins.last(); k++) {
            double p = input.density(k);
            if (p > 0 && cumulative + p >= target) {
                double inside = Math.min(1.0, Math.max(0.0, (target - cumulative) / p));
                return input.spectrum().frequencyHz(k) + inside * binWidthHz;
            }
            cumulative += p;
        }
        // rounding left the target a hair above the sum: the edge is the top of the last bin
        return input.spectrum().frequencyHz(bins.last()) + binWidthHz;
    }
}
