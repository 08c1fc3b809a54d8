package dev.liminal.dsp.pharmacokinetics;

/**
 * A linear concentration-to-effect ramp: the effect is 0 at or below
 * {@code thresholdNgPerMl}, 1 at or above {@code saturationNgPerMl}, and linear in between.
 * DOMAIN.md: psychotomimetic intensity rises roughly linearly with plasma ketamine concentration
 * over 50-200 ng/mL (Bowdle et al. 1998, Anesthesiology 88:82), which is
 * {@link #BOWDLE_1998}. Clamping outside the range is this model's choice (the source reports
 * the linear range only). No effect-site delay: the effect follows the plasma concentration.
 * Immutable; thread-safe.
 *
 * @param thresholdNgPerMl  concentration at which the effect starts, ng/mL, finite and >= 0
 * @param saturationNgPerMl concentration of full effect, ng/mL, finite and > threshold
 */
public record ConcentrationEffect(double thresholdNgPerMl, double saturationNgPerMl) {
    /** The 50-200 ng/mL linear range of Bowdle et al. 1998 (DOMAIN.md). */
    public static final ConcentrationEffect BOWDLE_1998 = new ConcentrationEffect(50.0, 200.0);

    /** Validates the range; the message quotes both ends. */
    public ConcentrationEffect {
        if (!(thresholdNgPerMl >= 0) || !(saturationNgPerMl > thresholdNgPerMl) || Double.isInfinite(saturationNgPerMl)) {
            throw new IllegalArgumentException("concentration effect: range " + thresholdNgPerMl + "-"
                    + saturationNgPerMl + " ng/mL is not finite with 0 <= threshold < saturation");
        }
    }

    /**
     * The effect of a concentration, in [0, 1].
     *
     * @param concentrationNgPerMl plasma concentration, ng/mL; NaN gives NaN
     */
    public double fraction(double concentrationNgPerMl) {
        if (Double.isNaN(concentrationNgPerMl)) return Double.NaN;
        double f = (concentrationNgPerMl - thresholdNgPerMl) / (saturationNgPerMl - thresholdNgPerMl);
        return Math.max(0.0, Math.min(1.0, f));
    }
}
