package dev.liminal.dsp.pharmacokinetics;

/**
 * The default two-compartment parameter set for intravenous racemic ketamine, per kg of body
 * weight, built from four figures:
 * <ul>
 *   <li>distribution (alpha) half-life {@value #ALPHA_HALF_LIFE_MINUTES} min and elimination
 *       (beta) half-life {@value #BETA_HALF_LIFE_HOURS} h: the midpoints of the 2-4 min and
 *       2-4 h ranges of DOMAIN.md "Pharmacokinetics" (from the KAP source papers);</li>
 *   <li>systemic clearance {@value #CLEARANCE_LITRES_PER_HOUR_70_KG} L/h for
 *       {@value #REFERENCE_WEIGHT_KG} kg: the midpoint of DOMAIN.md's 60-147 L/h;</li>
 *   <li>central volume {@value #CENTRAL_VOLUME_LITRES_PER_KG} L/kg: calibrated so that
 *       0.5 mg/kg over 40 min gives {@value #CALIBRATION_PEAK_NG_PER_ML} ng/mL at the end of
 *       the infusion, the mean peak reported by Zarate et al. 2006 (Arch Gen Psychiatry 63:856)
 *       for that regimen, as tabulated in Zanos et al. 2018 (Pharmacol Rev 70:621, Table 1),
 *       which also gives 100-250 ng/mL for the same regimen from Krystal et al. 1994.</li>
 * </ul>
 * The figures imply V2 of about 4.4 L/kg and Vss of about 4.8 L/kg (see
 * {@code KetamineParametersTest}). Volumes and clearances scale linearly with body weight
 * (the half-lives do not): a per-kg model, no allometry, no age or sex covariates, and one
 * set for racemic ketamine (DOMAIN.md notes S-ketamine alone is cleared faster; not modelled).
 * Immutable constants; thread-safe.
 */
public final class KetamineParameters {
    /** Distribution half-life, min: midpoint of DOMAIN.md's 2-4 min. */
    public static final double ALPHA_HALF_LIFE_MINUTES = 3.0;
    /** Elimination half-life, h: midpoint of DOMAIN.md's 2-4 h. */
    public static final double BETA_HALF_LIFE_HOURS = 3.0;
    /** Systemic clearance for a {@value #REFERENCE_WEIGHT_KG} kg adult, L/h: midpoint of DOMAIN.md's 60-147 L/h. */
    public static final double CLEARANCE_LITRES_PER_HOUR_70_KG = 103.5;
    /** The body weight DOMAIN.md's clearance is quoted for, kg. */
    public static final double REFERENCE_WEIGHT_KG = 70.0;
    /**
     * Central volume V1, L/kg, calibrated to {@link #CALIBRATION_PEAK_NG_PER_ML} (the
     * calibration is re-checked by {@code KetamineParametersTest} to 1 ng/mL).
     */
    public static final double CENTRAL_VOLUME_LITRES_PER_KG = 0.3932;
    /** End-of-infusion plasma concentration for 0.5 mg/kg over 40 min, ng/mL (Zarate et al. 2006). */
    public static final double CALIBRATION_PEAK_NG_PER_ML = 185.0;

    private static final double SECONDS_PER_MINUTE = 60.0;
    private static final double SECONDS_PER_HOUR = 3600.0;

    private KetamineParameters() {}

    /**
     * The default set for a body weight.
     *
     * @param bodyWeightKg body weight, kg, finite and > 0
     */
    public static TwoCompartmentParameters forBodyWeight(double bodyWeightKg) {
        if (!(bodyWeightKg > 0) || Double.isInfinite(bodyWeightKg)) {
            throw new IllegalArgumentException("ketamine parameters: body weight " + bodyWeightKg
                    + " kg is not a finite value > 0");
        }
        return TwoCompartmentParameters.fromHalfLives(
                ALPHA_HALF_LIFE_MINUTES * SECONDS_PER_MINUTE,
                BETA_HALF_LIFE_HOURS * SECONDS_PER_HOUR,
                CLEARANCE_LITRES_PER_HOUR_70_KG / REFERENCE_WEIGHT_KG * bodyWeightKg,
                CENTRAL_VOLUME_LITRES_PER_KG * bodyWeightKg);
    }
}
