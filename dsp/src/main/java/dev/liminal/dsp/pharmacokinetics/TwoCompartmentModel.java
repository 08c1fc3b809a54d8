package dev.liminal.dsp.pharmacokinetics;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.Route;

import java.util.List;
import java.util.Objects;

/**
 * Predicted plasma concentration of a two-compartment model (central and peripheral, first-order
 * elimination from the central one) for intravenous boluses and constant-rate infusions, in
 * closed form. A bolus of D mg gives {@code C(t) = D (A e^-alpha t + B e^-beta t)} with
 * {@code A = (alpha - k21) / (V1 (alpha - beta))} and {@code B = (k21 - beta) / (V1 (alpha - beta))};
 * an infusion at R mg/s for T s is its integral: {@code R sum_i (c_i / l_i) (1 - e^-l_i t)}
 * while running and {@code R sum_i (c_i / l_i) (1 - e^-l_i T) e^-l_i (t - T)} after it, with
 * {@code (c_i, l_i)} = (A, alpha), (B, beta). Several doses add (the model is linear).
 *
 * <p>Concentrations are ng/mL (1 mg/L = 1000 ng/mL); times are seconds on the session clock,
 * before a dose's start it contributes nothing. Immutable; thread-safe.
 */
public final class TwoCompartmentModel {
    /** ng/mL per mg/L. */
    private static final double NG_PER_ML_PER_MG_PER_L = 1000.0;

    private final TwoCompartmentParameters parameters;
    private final double alpha;
    private final double beta;
    /** Bolus coefficients, 1/L. */
    private final double a;
    private final double b;

    /** A model with the given parameters. */
    public TwoCompartmentModel(TwoCompartmentParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.alpha = parameters.alphaPerSecond();
        this.beta = parameters.betaPerSecond();
        double k21 = parameters.k21PerSecond();
        double v1 = parameters.centralVolumeLitres();
        this.a = (alpha - k21) / (v1 * (alpha - beta));
        this.b = (k21 - beta) / (v1 * (alpha - beta));
    }

    /** The default racemic ketamine model ({@link KetamineParameters}) for a body weight in kg. */
    public static TwoCompartmentModel ketamine(double bodyWeightKg) {
        return new TwoCompartmentModel(KetamineParameters.forBodyWeight(bodyWeightKg));
    }

    /** The parameters. */
    public TwoCompartmentParameters parameters() {
        return parameters;
    }

    /**
     * Concentration after a constant-rate infusion (or bolus) started at time 0.
     *
     * @param amountMg                total amount, mg, finite and >= 0
     * @param infusionDurationSeconds infusion length, s, finite and >= 0; 0 is a bolus
     * @param tSeconds                time since the start, s; negative gives 0
     * @return plasma concentration, ng/mL
     */
    public double concentrationNgPerMl(double amountMg, double infusionDurationSeconds, double tSeconds) {
        if (!(amountMg >= 0) || Double.isInfinite(amountMg)) {
            throw new IllegalArgumentException("two-compartment model: amount " + amountMg
                    + " mg is not a finite value >= 0");
        }
        if (!(infusionDurationSeconds >= 0) || Double.isInfinite(infusionDurationSeconds)) {
            throw new IllegalArgumentException("two-compartment model: infusion duration " + infusionDurationSeconds
                    + " s is not a finite value >= 0");
        }
        if (Double.isNaN(tSeconds)) {
            throw new IllegalArgumentException("two-compartment model: time is NaN");
        }
        if (tSeconds <= 0) return 0.0;
        double mgPerLitre;
        if (infusionDurationSeconds == 0) {
            mgPerLitre = amountMg * (a * Math.exp(-alpha * tSeconds) + b * Math.exp(-beta * tSeconds));
        } else {
            double rateMgPerSecond = amountMg / infusionDurationSeconds;
            double running = Math.min(tSeconds, infusionDurationSeconds);
            double after = tSeconds - running;
            // -expm1(-x) = 1 - e^-x without cancellation for small x
            mgPerLitre = rateMgPerSecond * (a / alpha * -Math.expm1(-alpha * running) * Math.exp(-alpha * after)
                    + b / beta * -Math.expm1(-beta * running) * Math.exp(-beta * after));
        }
        return mgPerLitre * NG_PER_ML_PER_MG_PER_L;
    }

    /**
     * Concentration from one recorded dose at a session time.
     *
     * @param dose     an intravenous dose (infusion or bolus); its start is on the session clock
     * @param tSeconds session time, s
     * @throws IllegalArgumentException for a route other than IV (absorption is not modelled)
     */
    public double concentrationNgPerMl(Dose dose, double tSeconds) {
        Objects.requireNonNull(dose, "dose");
        if (dose.route() != Route.IV) {
            throw new IllegalArgumentException("two-compartment model: dose of " + dose.mgPerKg() + " mg/kg by route "
                    + dose.route() + " is not modelled; only IV infusions and boluses are");
        }
        return concentrationNgPerMl(dose.totalMg(), dose.infusionDurationSeconds(), tSeconds - dose.startSeconds());
    }

    /** Concentration from several intravenous doses at a session time (superposition), ng/mL. */
    public double concentrationNgPerMl(List<Dose> doses, double tSeconds) {
        double sum = 0;
        for (Dose d : doses) sum += concentrationNgPerMl(d, tSeconds);
        return sum;
    }

    /** Steady-state concentration of an infusion of {@code rateMgPerHour} run forever, Css = rate / CL, ng/mL. */
    public double steadyStateNgPerMl(double rateMgPerHour) {
        return rateMgPerHour / parameters.clearanceLitresPerHour() * NG_PER_ML_PER_MG_PER_L;
    }
}
