package dev.liminal.acquisition.simulation;

import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.SessionTimeline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedSessionTest {
    private final SimulatedSession session = SimulatedSession.DEFAULT;

    @Test
    void defaultScriptLastsOneHundredMinutesAndTwoAtDemoSpeed() {
        assertEquals(6000.0, session.totalSeconds());
        assertEquals(120.0, session.streamSeconds(SimulationSettings.DEMO_SPEED));
        assertEquals(300.0, session.infusionStartSeconds());
        assertEquals(2700.0, session.infusionEndSeconds());
    }

    @Test
    void concentrationRisesThroughTheInfusionAndFallsAfter() {
        assertEquals(0.0, session.concentrationNgPerMl(299));
        double end = session.concentrationNgPerMl(2700);
        assertTrue(end > session.concentrationNgPerMl(2000));
        assertTrue(end > session.concentrationNgPerMl(2760));
        // calibrated peak of the PK model (Zarate et al. 2006)
        assertEquals(185, end, 1.0);
        assertEquals(0.0, session.effectOf(session.concentrationNgPerMl(100)));
        assertEquals((end - 50) / 150, session.effectOf(end), 1e-12);
    }

    @Test
    void esketamineCountsTwiceInTheEffect() {
        SimulatedSession s = new SimulatedSession(300, 2400, 2700, 600, 0.5, 70, Formulation.ESKETAMINE);
        assertEquals(ConcentrationOf.effect(2 * 80), s.effectOf(80), 1e-12);
    }

    @Test
    void timelineAtSpeedOneIsTheScript() {
        SessionTimeline t = session.timeline(1);
        assertEquals(300.0, t.phase("BASELINE").orElseThrow().endSeconds());
        assertEquals(2700.0, t.phase("INFUSION").orElseThrow().endSeconds());
        assertEquals(5400.0, t.phase("EMERGENCE").orElseThrow().endSeconds());
        assertEquals(Double.POSITIVE_INFINITY, t.phase("RECOVERY").orElseThrow().endSeconds());
        assertEquals(2400.0, t.doses().get(0).infusionDurationSeconds());
        assertEquals(35.0, t.doses().get(0).totalMg(), 1e-12);
    }

    @Test
    void rejectsNonPositiveFigures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedSession(300, 0, 2700, 600, 0.5, 70, Formulation.RACEMIC_KETAMINE));
        assertTrue(e.getMessage().contains("infusion 0.0 s"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> session.withDose(-0.5));
        assertThrows(IllegalArgumentException.class, () -> session.timeline(Double.NaN));
    }

    /** The Bowdle ramp, restated for the test. */
    private static final class ConcentrationOf {
        static double effect(double ngPerMl) {
            return Math.max(0, Math.min(1, (ngPerMl - 50) / 150));
        }
    }
}
