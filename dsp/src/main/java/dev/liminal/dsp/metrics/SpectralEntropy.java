package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.FrequencyBand;

/**
 * Normalised spectral entropy (dimensionless, 0..1): the Shannon entropy in bits of the
 * density normalised to a probability distribution over the bins of the range (default
 * 1-45 Hz, {@code 1 <= f < 45}), divided by {@code log2(N)} for {@code N} bins, so a flat
 * (white) spectrum gives 1 and a single-bin line gives 0. Zero bins contribute 0
 * ({@code 0 log 0 = 0}).
 *
 * <p>NaN when the range reaches above the Nyquist frequency, holds fewer than two bins
 * (the normaliser {@code log2 N} is 0), or a density in it is negative or non-finite, or all
 * are zero. Immutable; thread-safe.
 */
public final class SpectralEntropy implements SpectralMetric {
    /** Default range: 1-45 Hz, the span of {@code BandSet.DEFAULT}. */
    public static final FrequencyBand DEFAULT_RANGE = new FrequencyBand("entropy-range", 1.0, 45.0);

    private final FrequencyBand range;

    /** Entropy over {@link #DEFAULT_RANGE}. */
    public SpectralEntropy() {
        this(DEFAULT_RANGE);
    }

    /** Entropy over {@code range} (Hz). */
    public SpectralEntropy(FrequencyBand range) {
        if (range == null) {
            throw new IllegalArgumentException("spectral entropy needs a range");
        }
        this.range = range;
    }

    @Override
    public String id() {
        return "spectral-entropy";
    }

    @Override
    public String displayName() {
        return "Spectral entropy (normalised)";
    }

    @Override
    public String unit() {
        return "";
    }

    @Override
    public double compute(MetricInput input) {
        BinRange bins = BinRange.of(input.spectrum(), range);
        if (bins.count() < 2 || !bins.hasUsablePower(input)) return Double.NaN;
        double total = 0;
        for (int k = bins.first(); k <= bins.last(); k++) total += input.density(k);
        double entropyBits = 0;
        for (int k = bins.first(); k <= bins.last(); k++) {
            double p = input.density(k) / total;
            if (p > 0) entropyBits -= p * Math.log(p);
        }
        entropyBits /= Math.log(2);
        double normalised = entropyBits / (Math.log(bins.count()) / Math.log(2));
        return Math.min(1.0, Math.max(0.0, normalised));
    }
}
