package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.FrequencyBand;

/**
 * Peak alpha frequency (Hz): the frequency of the largest density in the search range
 * (default 7-13 Hz, bins with {@code 7 <= f < 13}), refined by fitting a parabola through the
 * peak bin and its two neighbours (linear density, not log: the neighbours may be zero) and
 * taking its vertex: {@code f = f_k + df * (p[k-1] - p[k+1]) / (2 (p[k-1] - 2 p[k] + p[k+1]))}.
 * For a Hann-windowed sinusoid the Hann main lobe is not a parabola, so the estimate keeps a
 * bias of up to about 0.1 bin (0.05 Hz at the default 0.5 Hz resolution), zero on and halfway
 * between bins.
 *
 * <p>NaN when: the range reaches above the Nyquist frequency or holds fewer than three
 * bins; a density in the range is negative or non-finite, or all are zero; or the maximum lies
 * on the first or last bin of the range. The edge rule is deliberate: a maximum on the range
 * edge is not an alpha peak but the flank of
 * something outside the range (typically the 1/f decay from lower frequencies), so reporting
 * the edge frequency would invent a peak. Ties keep the lowest-frequency bin; a flat triple
 * (zero curvature) also gives NaN. There is no prominence test: on a spectrum without an alpha
 * rhythm but with an interior noise maximum (flat noise) the result is that maximum's frequency.
 *
 * <p>Immutable; thread-safe.
 */
public final class PeakAlphaFrequency implements SpectralMetric {
    /** Default search range: 7-13 Hz, the alpha band widened by 1 Hz below to catch slowed alpha. */
    public static final FrequencyBand DEFAULT_RANGE = new FrequencyBand("paf-search", 7.0, 13.0);

    private final FrequencyBand range;

    /** The metric over {@link #DEFAULT_RANGE}. */
    public PeakAlphaFrequency() {
        this(DEFAULT_RANGE);
    }

    /** The metric over {@code range} (Hz). */
    public PeakAlphaFrequency(FrequencyBand range) {
        if (range == null) {
            throw new IllegalArgumentException("peak alpha frequency needs a search range");
        }
        this.range = range;
    }

    /** The search range. */
    public FrequencyBand range() {
        return range;
    }

    @Override
    public String id() {
        return "peak-alpha-frequency";
    }

    @Override
    public String displayName() {
        return "Peak alpha frequency";
    }

    @Override
    public String unit() {
        return "Hz";
    }

    @Override
    public double compute(MetricInput input) {
        BinRange bins = BinRange.of(input.spectrum(), range);
        if (bins.count() < 3 || !bins.hasUsablePower(input)) return Double.NaN;
        int peak = bins.first();
        for (int k = bins.first() + 1; k <= bins.last(); k++) {
            if (input.density(k) > input.density(peak)) peak = k;
        }
        if (peak == bins.first() || peak == bins.last()) return Double.NaN;
        double below = input.density(peak - 1);
        double at = input.density(peak);
        double above = input.density(peak + 1);
        double curvature = below - 2 * at + above;
        if (!(curvature < 0)) return Double.NaN;
        double offsetBins = 0.5 * (below - above) / curvature;
        double binWidthHz = input.spectrum().parameters().binWidthHz();
        return input.spectrum().frequencyHz(peak) + offsetBins * binWidthHz;
    }
}
