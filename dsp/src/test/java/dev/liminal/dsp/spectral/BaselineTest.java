package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.liminal.dsp.fft.WindowFunction;
import org.junit.jupiter.api.Test;

class BaselineTest {
    /** Arithmetic on a handful of exactly representable values: rounding only. */
    private static final double EXACT = 1e-12;

    // 10 Hz, 2 s window (20 samples), 1 s hop (10 samples): frame f ends at 2 + f seconds.
    private static final TimelineParameters PARAMETERS = new TimelineParameters(10.0, 20, 10, WindowFunction.HANN);
    private static final BandSet BANDS = BandSet.parse("a:1-2,b:2-3");

    /** One channel; band a has powers 1, 2, 3, 4, 8; band b is constant 5. */
    private static BandPowerTimeline timeline() {
        double[] a = {1, 2, 3, 4, 8};
        double[] row = new double[10];
        for (int f = 0; f < 5; f++) {
            row[2 * f] = a[f];
            row[2 * f + 1] = 5;
        }
        return new BandPowerTimeline(PARAMETERS, BANDS, 0.0, 5, new double[][] {row});
    }

    @Test
    void averagesOnlyFramesWhoseWholeWindowLiesInTheInterval() {
        // Frames end at 2, 3, 4, 5, 6 s with windows starting at 0, 1, 2, 3, 4 s; [0, 4] holds the first three.
        Baseline baseline = Baseline.of(timeline(), 0.0, 4.0);
        assertEquals(3, baseline.frameCount());
        assertEquals(2.0, baseline.mean(0, 0), EXACT);
        assertEquals(Math.sqrt(2.0 / 3.0), baseline.sd(0, 0), EXACT);
        assertEquals(5.0, baseline.mean(0, 1), EXACT);
        assertEquals(0.0, baseline.sd(0, 1), EXACT);
        // [0.5, 4] loses the frame whose window starts at 0 s.
        assertEquals(2, Baseline.of(timeline(), 0.5, 4.0).frameCount());
    }

    @Test
    void expressesPowersInDecibelPercentRatioAndZScore() {
        Baseline baseline = Baseline.of(timeline(), 0.0, 4.0);
        assertEquals(10 * Math.log10(4.0), baseline.shift(0, 0, 8.0, ShiftMeasure.DECIBEL), EXACT);
        assertEquals(300.0, baseline.shift(0, 0, 8.0, ShiftMeasure.PERCENT), EXACT);
        assertEquals(4.0, baseline.shift(0, 0, 8.0, ShiftMeasure.RATIO), EXACT);
        assertEquals(6.0 / Math.sqrt(2.0 / 3.0), baseline.shift(0, 0, 8.0, ShiftMeasure.Z_SCORE), EXACT);
        assertEquals(0.0, baseline.shift(0, 1, 5.0, ShiftMeasure.DECIBEL), EXACT);
    }

    @Test
    void shiftsAWholeTimeline() {
        BandPowerTimeline timeline = timeline();
        Baseline baseline = Baseline.of(timeline, 0.0, 4.0);
        double[][] out = new double[1][10];
        baseline.shift(timeline, ShiftMeasure.RATIO, out);
        assertArrayEquals(new double[] {0.5, 1, 1, 1, 1.5, 1, 2, 1, 4, 1}, out[0], EXACT);
    }

    @Test
    void intervalWithoutAWholeWindowIsRejectedQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baseline.of(timeline(), 0.0, 1.5));
        assertEquals("baseline 0.0-1.5 s holds no whole 2.0 s window; frames end at 2.0..6.0 s", e.getMessage());
    }

    @Test
    void zScoreNeedsTwoBaselineFrames() {
        Baseline single = Baseline.of(timeline(), 0.0, 2.0);
        assertEquals(1, single.frameCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> single.shift(0, 0, 3.0, ShiftMeasure.Z_SCORE));
        assertEquals("z-score needs at least 2 baseline frames; baseline 0.0-2.0 s has 1", e.getMessage());
        assertEquals(3.0, single.shift(0, 0, 3.0, ShiftMeasure.RATIO), EXACT);
    }
}
