package dev.liminal.core.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoseTest {
    private static final double EXACT = 0;

    @Test
    void ofDerivesTotalFromMgPerKgAndWeight() {
        Dose d = Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 600);
        assertEquals(35.0, d.totalMg(), EXACT);
    }

    @Test
    void rateIsMgPerKgPerHourForInfusionAndNaNForBolus() {
        assertEquals(0.75, Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 0)
                .rateMgPerKgPerHour(), 1e-12);
        assertTrue(Double.isNaN(Dose.of(1, 70, Route.IM, Formulation.ESKETAMINE, 0, 0).rateMgPerKgPerHour()));
    }

    @Test
    void acceptsTotalRoundedWithinFivePercent() {
        Dose d = new Dose(0.5, 36, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 0);
        assertEquals(36.0, d.totalMg(), EXACT);
    }

    @Test
    void rejectsTotalDisagreeingWithMgPerKgTimesWeight() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dose(0.5, 50, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 0));
        assertTrue(e.getMessage().contains("50.0 mg"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveAmountsAndNegativeInfusion() {
        assertThrows(IllegalArgumentException.class, () -> Dose.of(0, 70, Route.IV, Formulation.ESKETAMINE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Dose.of(0.5, -70, Route.IV, Formulation.ESKETAMINE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Dose.of(0.5, 70, Route.IV, Formulation.ESKETAMINE, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Dose.of(0.5, 70, Route.IV, Formulation.ESKETAMINE, 0, Double.NaN));
    }
}
