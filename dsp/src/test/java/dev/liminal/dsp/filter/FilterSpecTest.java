package dev.liminal.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilterSpecTest {
    @Test
    void rejectsHighEdgeAtOrAboveNyquistQuotingHertz() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CausalFilter(new BandPassSpec(1, 130, 4), 250, 1));
        assertTrue(e.getMessage().contains("130.0 Hz") && e.getMessage().contains("125.0 Hz")
                && e.getMessage().contains("250.0 Hz sampling"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZeroPhaseFilter(new BandPassSpec(1, 125, 4), 250));
    }

    @Test
    void rejectsLowEdgeNotBelowHighEdge() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BandPassSpec(40, 40, 4));
        assertTrue(e.getMessage().contains("40.0 Hz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BandPassSpec(45, 40, 4));
    }

    @Test
    void rejectsOrderBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BandPassSpec(1, 40, 0));
        assertTrue(e.getMessage().contains("order 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NotchSpec(MainsFrequency.HZ_50, 25, 0));
    }

    @Test
    void rejectsNonPositiveOrNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> new BandPassSpec(0, 40, 2));
        assertThrows(IllegalArgumentException.class, () -> new BandPassSpec(1, Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> new NotchSpec(MainsFrequency.HZ_50, 0.5, 2));
        assertThrows(IllegalArgumentException.class, () -> NotchSpec.ofWidth(MainsFrequency.HZ_50, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CausalFilter(new BandPassSpec(1, 40, 2), Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new CausalFilter(new BandPassSpec(1, 40, 2), 250, 0));
    }

    @Test
    void rejectsNotchThatDoesNotFitBelowNyquist() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CausalFilter(NotchSpec.of(MainsFrequency.HZ_60), 120, 1));
        assertTrue(e.getMessage().contains("60.0 Hz") && e.getMessage().contains("Nyquist 60.0 Hz"), e.getMessage());
    }

    @Test
    void notchWidthScalesWithHarmonicAtConstantQuality() {
        NotchSpec spec = NotchSpec.ofWidth(MainsFrequency.HZ_50, 2.0, 2);
        assertEquals(25.0, spec.qualityFactor(), 1e-12);
        assertEquals(2.0, spec.widthHz(1), 1e-12);
        assertEquals(4.0, spec.widthHz(2), 1e-12);
        assertEquals(2, spec.harmonicCount(250), "50 and 100 Hz; 150 Hz is above Nyquist");
        assertEquals(1, spec.harmonicCount(200), "100 Hz + 2 Hz half-width reaches Nyquist 100 Hz");
    }

    @Test
    void chunkOutsideArrayIsRejectedBeforeStateChanges() {
        CausalFilter f = new CausalFilter(new BandPassSpec(1, 40, 2), 250, 2);
        double[][] in = new double[2][10];
        assertThrows(IllegalArgumentException.class, () -> f.process(in, 5, 6, new double[2][10]));
        assertThrows(IllegalArgumentException.class, () -> f.process(new double[1][10], 0, 10, new double[2][10]));
        assertThrows(IllegalArgumentException.class, () -> f.process(in, -1, 2, new double[2][10]));
    }

    @Test
    void notchZerosSitExactlyOnEveryHarmonicEvenNearNyquist() {
        for (MainsFrequency mains : MainsFrequency.values()) {
            for (double fs : new double[] {250, 256, 500, 512, 1000}) {
                CausalFilter f = new CausalFilter(NotchSpec.of(mains), fs, 1);
                int harmonics = NotchSpec.of(mains).harmonicCount(fs);
                for (int k = 1; k <= harmonics; k++) {
                    double m = f.magnitude(k * mains.frequencyHz());
                    assertTrue(m < 1e-6, mains + " harmonic " + k + " at " + fs + " Hz: |H| = " + m);
                }
            }
        }
    }
}
