package dev.liminal.core.session;

import java.util.Objects;

/**
 * One administered dose (DOMAIN.md "A dose is recorded as..."). Immutable.
 *
 * @param mgPerKg                 amount per body weight, mg/kg, finite and > 0
 * @param totalMg                 total amount in mg, finite and > 0
 * @param bodyWeightKg            body weight in kg, finite and > 0
 * @param route                   route of administration
 * @param formulation             racemic ketamine or esketamine
 * @param infusionDurationSeconds infusion length in seconds; 0 for a bolus / non-infused route
 * @param startSeconds            start on the session clock
 */
public record Dose(double mgPerKg, double totalMg, double bodyWeightKg, Route route, Formulation formulation,
                   double infusionDurationSeconds, double startSeconds) {
    /** Relative tolerance between mg/kg x kg and total mg (rounding of the recorded figures). */
    private static final double TOTAL_TOLERANCE = 0.05;

    public Dose {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(formulation, "formulation");
        positive("mgPerKg", mgPerKg, "mg/kg");
        positive("totalMg", totalMg, "mg");
        positive("bodyWeightKg", bodyWeightKg, "kg");
        if (!(infusionDurationSeconds >= 0) || Double.isInfinite(infusionDurationSeconds)) {
            throw new IllegalArgumentException("dose: infusion duration " + infusionDurationSeconds
                    + " s is not a finite value >= 0");
        }
        if (!Double.isFinite(startSeconds)) {
            throw new IllegalArgumentException("dose: start " + startSeconds + " s is not finite");
        }
        double expected = mgPerKg * bodyWeightKg;
        if (Math.abs(expected - totalMg) > TOTAL_TOLERANCE * expected) {
            throw new IllegalArgumentException("dose: total " + totalMg + " mg disagrees with " + mgPerKg
                    + " mg/kg x " + bodyWeightKg + " kg = " + expected + " mg");
        }
    }

    /** A dose whose total is derived from mg/kg and body weight. */
    public static Dose of(double mgPerKg, double bodyWeightKg, Route route, Formulation formulation,
                          double infusionDurationSeconds, double startSeconds) {
        return new Dose(mgPerKg, mgPerKg * bodyWeightKg, bodyWeightKg, route, formulation,
                infusionDurationSeconds, startSeconds);
    }

    /** Infusion rate in mg/kg per hour, or NaN for a bolus. */
    public double rateMgPerKgPerHour() {
        return infusionDurationSeconds > 0 ? mgPerKg / (infusionDurationSeconds / 3600.0) : Double.NaN;
    }

    private static void positive(String what, double v, String unit) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("dose: " + what + " " + v + " " + unit + " is not a finite value > 0");
        }
    }
}
