package dev.liminal.acquisition.simulation;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTierTable;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.dsp.pharmacokinetics.ConcentrationEffect;
import dev.liminal.dsp.pharmacokinetics.TwoCompartmentModel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The script of a simulated dosing session (DOMAIN.md "The session protocol"): BASELINE rest,
 * one intravenous infusion over the INFUSION phase, EMERGENCE, then RECOVERY, with the dose
 * given at the start of the infusion. Times here are <em>script</em> seconds, the session as it
 * would run in real life; a simulation at {@code speed} x plays script second {@code s} at
 * stream second {@code s / speed} ({@link #timeline(double)}).
 *
 * <p>The predicted plasma concentration comes from the default ketamine two-compartment model
 * for the body weight ({@link TwoCompartmentModel#ketamine}); the drug effect, in [0, 1], from
 * the linear 50-200 ng/mL ramp of Bowdle et al. 1998 ({@link ConcentrationEffect#BOWDLE_1998}),
 * with esketamine counted as {@value #ESKETAMINE_POTENCY} times as potent (DOMAIN.md).
 * Immutable; thread-safe.
 *
 * @param baselineSeconds  BASELINE length, script s, > 0
 * @param infusionSeconds  INFUSION length and infusion duration, script s, > 0
 * @param emergenceSeconds EMERGENCE length, script s, > 0
 * @param recoverySeconds  how long RECOVERY is scripted to run, script s, > 0 (the phase itself
 *                         stays open: it lasts until discharge)
 * @param mgPerKg          dose, mg/kg, > 0
 * @param bodyWeightKg     body weight, kg, > 0
 * @param formulation      racemic ketamine or esketamine
 */
public record SimulatedSession(double baselineSeconds, double infusionSeconds, double emergenceSeconds,
                               double recoverySeconds, double mgPerKg, double bodyWeightKg, Formulation formulation) {
    /** Default baseline: 5 min, the short end of DOMAIN.md's 5-10 min. */
    public static final double DEFAULT_BASELINE_SECONDS = 5 * 60;
    /** Default infusion: 40 min (DOMAIN.md). */
    public static final double DEFAULT_INFUSION_SECONDS = 40 * 60;
    /** Default emergence: 45 min, inside DOMAIN.md's 30-60 min. */
    public static final double DEFAULT_EMERGENCE_SECONDS = 45 * 60;
    /** Default scripted recovery: 10 min, so the default script is 100 min long. */
    public static final double DEFAULT_RECOVERY_SECONDS = 10 * 60;
    /** Default dose: 0.5 mg/kg, the biochemical model's and the low session's dose (DOMAIN.md). */
    public static final double DEFAULT_MG_PER_KG = 0.5;
    /** Default body weight: 70 kg, the adult the DOMAIN.md clearance is quoted for. */
    public static final double DEFAULT_BODY_WEIGHT_KG = 70.0;
    /** Potency of esketamine relative to racemic ketamine (DOMAIN.md: "about twice as potent"). */
    public static final double ESKETAMINE_POTENCY = 2.0;

    /** The default script: 5 min baseline, 0.5 mg/kg racemic ketamine over 40 min, 45 min emergence, 10 min recovery, 70 kg. */
    public static final SimulatedSession DEFAULT = new SimulatedSession(DEFAULT_BASELINE_SECONDS,
            DEFAULT_INFUSION_SECONDS, DEFAULT_EMERGENCE_SECONDS, DEFAULT_RECOVERY_SECONDS, DEFAULT_MG_PER_KG,
            DEFAULT_BODY_WEIGHT_KG, Formulation.RACEMIC_KETAMINE);

    /** Validates every field; messages quote the value and unit. */
    public SimulatedSession {
        positive("baseline", baselineSeconds, "s");
        positive("infusion", infusionSeconds, "s");
        positive("emergence", emergenceSeconds, "s");
        positive("recovery", recoverySeconds, "s");
        positive("dose", mgPerKg, "mg/kg");
        positive("body weight", bodyWeightKg, "kg");
        Objects.requireNonNull(formulation, "formulation");
    }

    /** This script with another dose. */
    public SimulatedSession withDose(double newMgPerKg) {
        return new SimulatedSession(baselineSeconds, infusionSeconds, emergenceSeconds, recoverySeconds, newMgPerKg,
                bodyWeightKg, formulation);
    }

    /** Script length up to the end of the scripted recovery, s. */
    public double totalSeconds() {
        return baselineSeconds + infusionSeconds + emergenceSeconds + recoverySeconds;
    }

    /**
     * Stream seconds the scripted session takes at {@code speed}: {@link #totalSeconds()} /
     * speed (120 s for the default script at {@link SimulationSettings#DEMO_SPEED}).
     */
    public double streamSeconds(double speed) {
        positive("speed", speed, "x");
        return totalSeconds() / speed;
    }

    /** Script second at which the infusion starts (end of baseline). */
    public double infusionStartSeconds() {
        return baselineSeconds;
    }

    /** Script second at which the infusion stops. */
    public double infusionEndSeconds() {
        return baselineSeconds + infusionSeconds;
    }

    /** The dose on the script clock: IV over the infusion phase. */
    public Dose dose() {
        return Dose.of(mgPerKg, bodyWeightKg, Route.IV, formulation, infusionSeconds, baselineSeconds);
    }

    /** The PK model this session uses (default ketamine set for the body weight). */
    public TwoCompartmentModel pharmacokinetics() {
        return TwoCompartmentModel.ketamine(bodyWeightKg);
    }

    /**
     * The session as it appears on a stream played at {@code speed}: phase bounds, the dose start
     * and the infusion duration divided by {@code speed} (so that a recording decodes to phases
     * that line up with its EEG); the amount is unchanged. RECOVERY is open-ended.
     *
     * @param speed script seconds per stream second, finite and > 0
     */
    public SessionTimeline timeline(double speed) {
        positive("speed", speed, "x");
        double b = baselineSeconds / speed;
        double i = infusionEndSeconds() / speed;
        double e = (infusionEndSeconds() + emergenceSeconds) / speed;
        List<String> names = ProtocolDefinition.DEFAULT.phaseNames();
        List<SessionPhase> phases = List.of(
                new SessionPhase(names.get(0), 0, b),
                new SessionPhase(names.get(1), b, i),
                new SessionPhase(names.get(2), i, e),
                new SessionPhase(names.get(3), e, Double.POSITIVE_INFINITY));
        Dose d = Dose.of(mgPerKg, bodyWeightKg, Route.IV, formulation, infusionSeconds / speed, b);
        return new SessionTimeline(ProtocolDefinition.DEFAULT, phases, List.of(d), DoseTierTable.DEFAULT, List.of(),
                List.of(), List.of(), Map.of());
    }

    /** Predicted plasma concentration at a script second, ng/mL. */
    public double concentrationNgPerMl(double scriptSeconds) {
        return pharmacokinetics().concentrationNgPerMl(dose(), scriptSeconds);
    }

    /**
     * Drug effect in [0, 1] for a plasma concentration: the Bowdle ramp applied to the
     * racemic-equivalent concentration.
     */
    public double effectOf(double concentrationNgPerMl) {
        double potency = formulation == Formulation.ESKETAMINE ? ESKETAMINE_POTENCY : 1.0;
        return ConcentrationEffect.BOWDLE_1998.fraction(concentrationNgPerMl * potency);
    }

    private static void positive(String what, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("simulated session: " + what + " " + value + " " + unit
                    + " is not a finite value > 0");
        }
    }
}
