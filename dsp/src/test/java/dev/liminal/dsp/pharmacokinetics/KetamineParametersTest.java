package dev.liminal.dsp.pharmacokinetics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KetamineParametersTest {
    /** The derivation from half-lives is exact up to rounding. */
    private static final double RELATIVE = 1e-9;

    @Test
    void reproducesTheDomainFiguresItIsBuiltFrom() {
        TwoCompartmentParameters p = KetamineParameters.forBodyWeight(70);
        assertEquals(180, p.alphaHalfLifeSeconds(), 180 * RELATIVE);
        assertEquals(10800, p.betaHalfLifeSeconds(), 10800 * RELATIVE);
        assertEquals(103.5, p.clearanceLitresPerHour(), 103.5 * RELATIVE);
        assertEquals(0.3932 * 70, p.centralVolumeLitres(), RELATIVE);
        // implied volumes quoted in the class Javadoc
        assertEquals(4.4, p.peripheralVolumeLitres() / 70, 0.05);
        assertEquals(4.8, p.steadyStateVolumeLitres() / 70, 0.05);
    }

    @Test
    void scalesVolumesAndClearancesWithWeightButNotHalfLives() {
        TwoCompartmentParameters light = KetamineParameters.forBodyWeight(50);
        TwoCompartmentParameters heavy = KetamineParameters.forBodyWeight(100);
        assertEquals(2.0, heavy.centralVolumeLitres() / light.centralVolumeLitres(), RELATIVE);
        assertEquals(2.0, heavy.clearanceLitresPerHour() / light.clearanceLitresPerHour(), RELATIVE);
        assertEquals(light.alphaHalfLifeSeconds(), heavy.alphaHalfLifeSeconds(), 180 * RELATIVE);
        // the same mg/kg gives the same concentration
        double cLight = new TwoCompartmentModel(light).concentrationNgPerMl(25, 2400, 2400);
        double cHeavy = new TwoCompartmentModel(heavy).concentrationNgPerMl(50, 2400, 2400);
        assertEquals(cLight, cHeavy, cLight * RELATIVE);
    }

    @Test
    void rejectsFiguresThatMakeNoTwoCompartmentModel() {
        // with V1 larger than CL/beta the slow coefficient would be negative
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoCompartmentParameters.fromHalfLives(180, 10800, 100, 5000));
        assertTrue(e.getMessage().contains("V1 5000.0 L"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TwoCompartmentParameters.fromHalfLives(600, 300, 100, 20));
        assertThrows(IllegalArgumentException.class, () -> KetamineParameters.forBodyWeight(0));
    }
}
