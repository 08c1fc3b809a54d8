package dev.liminal.acquisition.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhaseStatisticsTest {
    private static final double TOLERANCE_DB = 1e-12;

    @Test
    void meanShiftIsTheMeanOfPerFrameDecibelsAgainstTheBaselineMean() {
        PhaseStatistics s = new PhaseStatistics(2, "BASELINE");
        // baseline phase from 10 s; a 2 s window ending at 11 s starts before it and is left out
        s.add("BASELINE", 10, 9, new double[] {1000, 1});
        s.add("BASELINE", 10, 10, new double[] {1, 2});
        s.add("BASELINE", 10, 11, new double[] {3, 2});
        assertFalse(s.baselineComplete());
        s.add("INFUSION", 20, 20, new double[] {4, 1});
        s.add("INFUSION", 20, 21, new double[] {16, Double.NaN});
        assertTrue(s.baselineComplete());
        assertEquals(2, s.baselineFrames());
        assertEquals(2.0, s.baselineMean(0));
        // mean of 10*log10(4/2) and 10*log10(16/2) = 10*log10(4)
        assertEquals(10 * Math.log10(4), s.meanShiftDb("INFUSION", 0), TOLERANCE_DB);
        assertEquals(10 * Math.log10(1 / 2.0), s.meanShiftDb("INFUSION", 1), TOLERANCE_DB, "the NaN cell is skipped");
        assertEquals(1, s.count("INFUSION", 1));
        assertEquals(2, s.frames("INFUSION"));
        assertEquals(List.of("BASELINE", "INFUSION"), s.phases());
    }

    @Test
    void framesWithoutAPhaseAndLaterBaselineFramesDoNotMoveTheBaseline() {
        PhaseStatistics s = new PhaseStatistics(1, "BASELINE");
        s.add(null, Double.NaN, 0, new double[] {100});
        s.add("BASELINE", 0, 0, new double[] {5});
        s.add("INFUSION", 5, 5, new double[] {10});
        s.add("BASELINE", 9, 9, new double[] {1000});
        assertEquals(5.0, s.baselineMean(0));
        assertEquals(List.of("BASELINE", "INFUSION"), s.phases());
        assertEquals(Double.NaN, new PhaseStatistics(1, "BASELINE").meanShiftDb("INFUSION", 0));
    }
}
