package dev.liminal.dsp.pharmacokinetics;

/**
 * The parameters of a two-compartment model with first-order elimination from the central
 * compartment: central volume V1, peripheral volume V2, elimination clearance CL and
 * inter-compartmental clearance Q. Equivalent forms are derived on demand: the micro rate
 * constants {@code k10 = CL/V1}, {@code k12 = Q/V1}, {@code k21 = Q/V2} and the macro
 * (hybrid) rate constants alpha > beta, the roots of
 * {@code s^2 - (k10 + k12 + k21) s + k10 k21 = 0}. Immutable; thread-safe.
 *
 * @param centralVolumeLitres                      V1 in L, finite and > 0
 * @param peripheralVolumeLitres                   V2 in L, finite and > 0
 * @param clearanceLitresPerHour                   CL in L/h, finite and > 0
 * @param intercompartmentalClearanceLitresPerHour Q in L/h, finite and > 0
 */
public record TwoCompartmentParameters(double centralVolumeLitres, double peripheralVolumeLitres,
                                       double clearanceLitresPerHour,
                                       double intercompartmentalClearanceLitresPerHour) {
    private static final double SECONDS_PER_HOUR = 3600.0;

    /** Validates every parameter; messages quote the value and unit. */
    public TwoCompartmentParameters {
        positive("central volume V1", centralVolumeLitres, "L");
        positive("peripheral volume V2", peripheralVolumeLitres, "L");
        positive("clearance CL", clearanceLitresPerHour, "L/h");
        positive("inter-compartmental clearance Q", intercompartmentalClearanceLitresPerHour, "L/h");
    }

    /**
     * The parameters that give a unit-bolus response with the two half-lives, clearance and
     * central volume given (the figures papers quote): with {@code C(t) = D (A e^-alpha t + B
     * e^-beta t)}, {@code A + B = 1/V1} and {@code A/alpha + B/beta = 1/CL}.
     *
     * @param alphaHalfLifeSeconds  distribution half-life ln2/alpha, s, > 0
     * @param betaHalfLifeSeconds   elimination half-life ln2/beta, s, > alpha half-life
     * @param clearanceLitresPerHour CL, L/h, > 0
     * @param centralVolumeLitres   V1, L, > 0
     * @throws IllegalArgumentException when the figures do not make a two-compartment model
     *                                  (both exponentials must have positive weight), quoting them
     */
    public static TwoCompartmentParameters fromHalfLives(double alphaHalfLifeSeconds, double betaHalfLifeSeconds,
                                                         double clearanceLitresPerHour, double centralVolumeLitres) {
        positive("alpha half-life", alphaHalfLifeSeconds, "s");
        positive("beta half-life", betaHalfLifeSeconds, "s");
        positive("clearance CL", clearanceLitresPerHour, "L/h");
        positive("central volume V1", centralVolumeLitres, "L");
        String figures = "alpha half-life " + alphaHalfLifeSeconds + " s, beta half-life " + betaHalfLifeSeconds
                + " s, CL " + clearanceLitresPerHour + " L/h, V1 " + centralVolumeLitres + " L";
        if (!(betaHalfLifeSeconds > alphaHalfLifeSeconds)) {
            throw new IllegalArgumentException("two-compartment model: " + figures
                    + ": the beta half-life must be longer than the alpha half-life");
        }
        double alpha = Math.log(2) / alphaHalfLifeSeconds;
        double beta = Math.log(2) / betaHalfLifeSeconds;
        double clearance = clearanceLitresPerHour / SECONDS_PER_HOUR;
        double a = (1 / clearance - 1 / (centralVolumeLitres * beta)) / (1 / alpha - 1 / beta);
        double b = 1 / centralVolumeLitres - a;
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("two-compartment model: " + figures
                    + " give bolus coefficients A " + a + " /L and B " + b + " /L; both must be > 0");
        }
        double k21 = (a * beta + b * alpha) / (a + b);
        double k10 = alpha * beta / k21;
        double k12 = alpha + beta - k21 - k10;
        double v2 = centralVolumeLitres * k12 / k21;
        return new TwoCompartmentParameters(centralVolumeLitres, v2, clearanceLitresPerHour,
                k12 * centralVolumeLitres * SECONDS_PER_HOUR);
    }

    /** These parameters with volumes and clearances multiplied by {@code factor} (weight scaling); half-lives unchanged. */
    public TwoCompartmentParameters scaled(double factor) {
        positive("scale factor", factor, "");
        return new TwoCompartmentParameters(centralVolumeLitres * factor, peripheralVolumeLitres * factor,
                clearanceLitresPerHour * factor, intercompartmentalClearanceLitresPerHour * factor);
    }

    /** Elimination rate constant k10 = CL/V1, 1/s. */
    public double k10PerSecond() {
        return clearanceLitresPerHour / SECONDS_PER_HOUR / centralVolumeLitres;
    }

    /** Transfer rate constant k12 = Q/V1, 1/s. */
    public double k12PerSecond() {
        return intercompartmentalClearanceLitresPerHour / SECONDS_PER_HOUR / centralVolumeLitres;
    }

    /** Transfer rate constant k21 = Q/V2, 1/s. */
    public double k21PerSecond() {
        return intercompartmentalClearanceLitresPerHour / SECONDS_PER_HOUR / peripheralVolumeLitres;
    }

    /** The fast (distribution) macro rate constant alpha, 1/s. */
    public double alphaPerSecond() {
        double sum = k10PerSecond() + k12PerSecond() + k21PerSecond();
        return (sum + root()) / 2;
    }

    /** The slow (elimination) macro rate constant beta, 1/s. */
    public double betaPerSecond() {
        // product form avoids the cancellation of (sum - root) when beta << alpha
        return k10PerSecond() * k21PerSecond() / alphaPerSecond();
    }

    /** Distribution half-life ln2/alpha, s. */
    public double alphaHalfLifeSeconds() {
        return Math.log(2) / alphaPerSecond();
    }

    /** Elimination half-life ln2/beta, s. */
    public double betaHalfLifeSeconds() {
        return Math.log(2) / betaPerSecond();
    }

    /** Volume of distribution at steady state V1 + V2, L. */
    public double steadyStateVolumeLitres() {
        return centralVolumeLitres + peripheralVolumeLitres;
    }

    private double root() {
        double sum = k10PerSecond() + k12PerSecond() + k21PerSecond();
        return Math.sqrt(sum * sum - 4 * k10PerSecond() * k21PerSecond());
    }

    private static void positive(String what, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("two-compartment model: " + what + " " + value
                    + (unit.isEmpty() ? "" : " " + unit) + " is not a finite value > 0");
        }
    }
}
