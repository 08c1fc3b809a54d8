package dev.liminal.dsp.spectral;

/**
 * How a band power is expressed against its baseline (ARCHITECTURE.md "Shift against
 * baseline"); {@code mean} and {@code sd} are the baseline frames' mean and population standard
 * deviation (as MNE's {@code rescale(mode='zscore')}). Immutable; thread-safe.
 */
public enum ShiftMeasure {
    /** {@code 10 * log10(P / mean)}, decibels. */
    DECIBEL("dB"),
    /** {@code 100 * (P - mean) / mean}, percent. */
    PERCENT("%"),
    /** {@code P / mean}, dimensionless. */
    RATIO("1"),
    /** {@code (P - mean) / sd}, standard deviations of the baseline frames. */
    Z_SCORE("z");

    private final String unit;

    ShiftMeasure(String unit) {
        this.unit = unit;
    }

    /** Unit symbol for display and CSV headers: "dB", "%", "1" or "z". */
    public String unit() {
        return unit;
    }

    /**
     * The shift of {@code powerMicrovoltsSquared} against a baseline with mean
     * {@code baselineMean} and population standard deviation {@code baselineSd} (both uV^2).
     * Division by a zero mean or deviation gives an infinity or NaN, as IEEE arithmetic says.
     */
    public double apply(double powerMicrovoltsSquared, double baselineMean, double baselineSd) {
        switch (this) {
            case DECIBEL: return 10.0 * Math.log10(powerMicrovoltsSquared / baselineMean);
            case PERCENT: return 100.0 * (powerMicrovoltsSquared - baselineMean) / baselineMean;
            case RATIO: return powerMicrovoltsSquared / baselineMean;
            default: return (powerMicrovoltsSquared - baselineMean) / baselineSd;
        }
    }
}
