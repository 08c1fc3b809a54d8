package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.FrequencyBand;

/**
 * Aperiodic (1/f) exponent (dimensionless): {@code k} of a {@code 1/f^k} power law fitted to
 * the density by ordinary least squares of {@code log10 p} against {@code log10 f} over the fit
 * range (default 2-40 Hz, bins with {@code 2 <= f < 40}), excluding a fixed alpha region
 * (default 7-14 Hz, {@code 7 <= f < 14}); the exponent is minus the slope.
 *
 * <p>The exclusion is a fixed region rather than the detected peak ± 2 Hz on purpose: it does
 * not depend on a peak detector that may fail or wander between frames, so frame-to-frame
 * changes reflect the background, and a spectrum without an alpha peak loses only a few
 * points of an otherwise straight line. This is a simple power-law fit, not FOOOF/specparam
 * (no knee, no Gaussian peak model); other oscillatory peaks inside the range (e.g. beta)
 * bias it.
 *
 * <p>Bins with zero density (log undefined) are skipped. NaN when the fit range reaches above
 * the Nyquist frequency, fewer than
 * {@value #MINIMUM_FIT_POINTS} bins remain, a density in the range is negative or non-finite,
 * or every remaining frequency is the same. Immutable; thread-safe.
 */
public final class AperiodicExponent implements SpectralMetric {
    /** Default fit range: 2-40 Hz (above the DC/drift region, below 50 Hz mains and muscle). */
    public static final FrequencyBand DEFAULT_FIT_RANGE = new FrequencyBand("aperiodic-fit", 2.0, 40.0);
    /** Default excluded region: 7-14 Hz, the alpha band with 1 Hz margins. */
    public static final FrequencyBand DEFAULT_EXCLUDED = new FrequencyBand("alpha-exclusion", 7.0, 14.0);
    /** Fewest points a line fit is accepted on: below three a line always fits exactly. */
    public static final int MINIMUM_FIT_POINTS = 3;

    private final FrequencyBand fitRange;
    private final FrequencyBand excluded;

    /** The exponent over {@link #DEFAULT_FIT_RANGE} without {@link #DEFAULT_EXCLUDED}. */
    public AperiodicExponent() {
        this(DEFAULT_FIT_RANGE, DEFAULT_EXCLUDED);
    }

    /**
     * The exponent over {@code fitRange} without {@code excluded}.
     *
     * @param fitRange fit range, Hz; its low edge must be above 0 Hz (log of 0)
     * @param excluded region left out of the fit, Hz, or {@code null} for none
     */
    public AperiodicExponent(FrequencyBand fitRange, FrequencyBand excluded) {
        if (fitRange == null) {
            throw new IllegalArgumentException("aperiodic exponent needs a fit range");
        }
        if (!(fitRange.lowHz() > 0)) {
            throw new IllegalArgumentException("aperiodic fit range " + fitRange.format()
                    + " Hz must start above 0 Hz (log-log fit)");
        }
        this.fitRange = fitRange;
        this.excluded = excluded;
    }

    @Override
    public String id() {
        return "aperiodic-exponent";
    }

    @Override
    public String displayName() {
        return "Aperiodic exponent";
    }

    @Override
    public String unit() {
        return "";
    }

    @Override
    public double compute(MetricInput input) {
        BinRange bins = BinRange.of(input.spectrum(), fitRange);
        int n = 0;
        double sumX = 0;
        double sumY = 0;
        for (int k = bins.first(); k <= bins.last(); k++) {
            double p = input.density(k);
            if (!(p >= 0) || p == Double.POSITIVE_INFINITY) return Double.NaN;
            double f = input.spectrum().frequencyHz(k);
            if (p == 0 || (excluded != null && excluded.contains(f))) continue;
            n++;
            sumX += Math.log10(f);
            sumY += Math.log10(p);
        }
        if (n < MINIMUM_FIT_POINTS) return Double.NaN;
        double meanX = sumX / n;
        double meanY = sumY / n;
        double sxx = 0;
        double sxy = 0;
        for (int k = bins.first(); k <= bins.last(); k++) {
            double p = input.density(k);
            double f = input.spectrum().frequencyHz(k);
            if (p == 0 || (excluded != null && excluded.contains(f))) continue;
            double dx = Math.log10(f) - meanX;
            sxx += dx * dx;
            sxy += dx * (Math.log10(p) - meanY);
        }
        if (!(sxx > 0)) return Double.NaN;
        return -sxy / sxx;
    }
}
