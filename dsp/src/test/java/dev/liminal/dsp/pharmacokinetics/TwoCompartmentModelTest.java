package dev.liminal.dsp.pharmacokinetics;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.Route;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoCompartmentModelTest {
    private static final double WEIGHT_KG = 70.0;
    private static final double FORTY_MINUTES_SECONDS = 2400.0;
    /** Closed form against itself or exact identities: only rounding. */
    private static final double EXACT_RELATIVE = 1e-9;

    private final TwoCompartmentModel model = TwoCompartmentModel.ketamine(WEIGHT_KG);

    @Test
    void longInfusionReachesRateOverClearance() {
        double rateMgPerHour = 60.0;
        double hours = 100; // over 30 elimination half-lives
        double c = model.concentrationNgPerMl(rateMgPerHour * hours, hours * 3600, hours * 3600);
        double css = rateMgPerHour / model.parameters().clearanceLitresPerHour() * 1000;
        assertEquals(css, model.steadyStateNgPerMl(rateMgPerHour), css * EXACT_RELATIVE);
        // e^-(100 h / 3 h ln2) ~ 1e-10 of the slow term is still missing
        assertEquals(css, c, css * 1e-8);
    }

    @Test
    void halfMgPerKgOverFortyMinutesPeaksAtTheEndNear185NgPerMl() {
        double doseMg = 0.5 * WEIGHT_KG;
        double peakTime = 0;
        double peak = 0;
        for (double t = 0; t <= 3 * FORTY_MINUTES_SECONDS; t += 10) {
            double c = model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, t);
            if (c > peak) {
                peak = c;
                peakTime = t;
            }
        }
        assertEquals(FORTY_MINUTES_SECONDS, peakTime, 0.0, "a constant-rate infusion rises until it stops");
        // the calibration target (Zarate et al. 2006); V1 is rounded to 4 digits
        assertEquals(KetamineParameters.CALIBRATION_PEAK_NG_PER_ML, peak, 1.0);
        // Krystal et al. 1994 range for the same regimen (Zanos et al. 2018, Table 1)
        assertTrue(peak > 100 && peak < 250, "peak " + peak + " ng/mL");
    }

    @Test
    void afterTheStopDecaysWithTheBetaThenTheAlphaHalfLife() {
        double doseMg = 0.5 * WEIGHT_KG;
        TwoCompartmentParameters p = model.parameters();
        double alphaHalf = p.alphaHalfLifeSeconds();
        double betaHalf = p.betaHalfLifeSeconds();
        assertEquals(3 * 60, alphaHalf, 180 * EXACT_RELATIVE);
        assertEquals(3 * 3600, betaHalf, 10800 * EXACT_RELATIVE);
        // five hours after the stop the fast term is e^-100 of its size: pure beta decay
        double late = FORTY_MINUTES_SECONDS + 5 * 3600;
        double cLate = model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, late);
        assertEquals(0.5, model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, late + betaHalf) / cLate,
                EXACT_RELATIVE);
        // early on, what exceeds the slow term extrapolated back halves every alpha half-life
        double beta = p.betaPerSecond();
        double t1 = FORTY_MINUTES_SECONDS + 60;
        double fast1 = model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, t1)
                - cLate * Math.exp(beta * (late - t1));
        double fast2 = model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, t1 + alphaHalf)
                - cLate * Math.exp(beta * (late - t1 - alphaHalf));
        assertTrue(fast1 > 0);
        assertEquals(0.5, fast2 / fast1, 1e-6);
    }

    @Test
    void matchesAFineStepIntegrationOfTheCompartmentEquations() {
        TwoCompartmentParameters p = model.parameters();
        double k10 = p.k10PerSecond();
        double k12 = p.k12PerSecond();
        double k21 = p.k21PerSecond();
        double doseMg = 35;
        double rate = doseMg / FORTY_MINUTES_SECONDS;
        double dt = 0.5;
        double x1 = 0; // mg in the central compartment
        double x2 = 0; // mg in the peripheral one
        int steps = (int) (2 * 3600 / dt);
        double worst = 0;
        for (int i = 0; i < steps; i++) {
            double t = i * dt;
            // classic RK4 on dx1 = R - (k10 + k12) x1 + k21 x2, dx2 = k12 x1 - k21 x2;
            // the input switches off at 2400 s, a step boundary
            double r = t < FORTY_MINUTES_SECONDS ? rate : 0;
            double a1 = r - (k10 + k12) * x1 + k21 * x2;
            double a2 = k12 * x1 - k21 * x2;
            double b1 = r - (k10 + k12) * (x1 + dt / 2 * a1) + k21 * (x2 + dt / 2 * a2);
            double b2 = k12 * (x1 + dt / 2 * a1) - k21 * (x2 + dt / 2 * a2);
            double c1 = r - (k10 + k12) * (x1 + dt / 2 * b1) + k21 * (x2 + dt / 2 * b2);
            double c2 = k12 * (x1 + dt / 2 * b1) - k21 * (x2 + dt / 2 * b2);
            double d1 = r - (k10 + k12) * (x1 + dt * c1) + k21 * (x2 + dt * c2);
            double d2 = k12 * (x1 + dt * c1) - k21 * (x2 + dt * c2);
            x1 += dt / 6 * (a1 + 2 * b1 + 2 * c1 + d1);
            x2 += dt / 6 * (a2 + 2 * b2 + 2 * c2 + d2);
            double numeric = x1 / p.centralVolumeLitres() * 1000;
            double analytic = model.concentrationNgPerMl(doseMg, FORTY_MINUTES_SECONDS, t + dt);
            worst = Math.max(worst, Math.abs(numeric - analytic));
        }
        // RK4 with a 0.5 s step against time constants of minutes: error far below 1e-6 ng/mL
        assertTrue(worst < 1e-6, "largest difference " + worst + " ng/mL");
    }

    @Test
    void bolusStartsAtDoseOverCentralVolume() {
        double c = model.concentrationNgPerMl(70, 0, 1e-9);
        assertEquals(70 / model.parameters().centralVolumeLitres() * 1000, c, c * 1e-6);
        assertEquals(0.0, model.concentrationNgPerMl(70, 0, -5));
    }

    @Test
    void dosesOnTheSessionClockAdd() {
        Dose first = Dose.of(0.5, WEIGHT_KG, Route.IV, Formulation.RACEMIC_KETAMINE, FORTY_MINUTES_SECONDS, 600);
        Dose second = Dose.of(0.25, WEIGHT_KG, Route.IV, Formulation.RACEMIC_KETAMINE, 0, 4000);
        double t = 5000;
        double expected = model.concentrationNgPerMl(35, FORTY_MINUTES_SECONDS, t - 600)
                + model.concentrationNgPerMl(17.5, 0, t - 4000);
        assertEquals(expected, model.concentrationNgPerMl(List.of(first, second), t), expected * EXACT_RELATIVE);
        assertEquals(0.0, model.concentrationNgPerMl(first, 599));
    }

    @Test
    void rejectsRoutesItDoesNotModel() {
        Dose im = Dose.of(1.0, WEIGHT_KG, Route.IM, Formulation.RACEMIC_KETAMINE, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.concentrationNgPerMl(im, 10));
        assertTrue(e.getMessage().contains("IM"), e.getMessage());
    }

    @Test
    void rejectsNegativeAmounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.concentrationNgPerMl(-1, 10, 10));
        assertTrue(e.getMessage().contains("-1.0 mg"), e.getMessage());
    }
}
