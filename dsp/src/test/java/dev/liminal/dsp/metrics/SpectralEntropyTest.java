package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralEntropyTest {
    private static final double EXACT = 1e-12;
    /**
     * White noise Welch density (59 segments) scatters ~13% per bin; the entropy loss is about
     * var/(2 ln N) ~ 0.002, so 0.99 leaves ample margin while still failing for any shaped spectrum.
     */
    private static final double WHITE_NOISE_MINIMUM = 0.99;
    private static final int BINS = WelchParameters.defaults(MetricSignals.SAMPLE_RATE_HZ).binCount();

    private static double entropy(double[] density) {
        return new SpectralEntropy().compute(MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT));
    }

    @Test
    void flatSpectrumHasEntropyOne() {
        double[] density = new double[BINS];
        Arrays.fill(density, 2.0);
        assertEquals(1.0, entropy(density), EXACT);
    }

    @Test
    void singleLineHasEntropyZero() {
        double[] density = new double[BINS];
        density[20] = 5.0;
        assertEquals(0.0, entropy(density), EXACT);
    }

    @Test
    void twoEqualLinesHaveOneBitOverLog2OfBinCount() {
        // 1-45 Hz at 0.5 Hz resolution: 88 bins; two equal lines carry exactly 1 bit
        double[] density = new double[BINS];
        density[10] = 1.0;
        density[30] = 1.0;
        assertEquals(1.0 / (Math.log(88) / Math.log(2)), entropy(density), EXACT);
    }

    @Test
    void whiteNoiseHasEntropyNearOne() {
        double[] x = MetricSignals.whiteNoise((int) (60 * MetricSignals.SAMPLE_RATE_HZ), 5.0, 31);
        double value = new SpectralEntropy().compute(MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT));
        assertTrue(value > WHITE_NOISE_MINIMUM && value <= 1.0, "white noise entropy " + value);
    }

    @Test
    void sineInNoiseHasLowEntropy() {
        double[] x = MetricSignals.addSine(MetricSignals.whiteNoise((int) (60 * MetricSignals.SAMPLE_RATE_HZ), 0.1, 32), 10, 10);
        double value = new SpectralEntropy().compute(MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT));
        assertTrue(value < 0.5, "sine entropy " + value);
    }

    @Test
    void honoursCustomRange() {
        double[] density = new double[BINS];
        Arrays.fill(density, 1.0);
        density[20] = 1e6; // 10 Hz, outside 20-30 Hz
        double value = new SpectralEntropy(new FrequencyBand("beta", 20, 30))
                .compute(MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT));
        assertEquals(1.0, value, EXACT);
    }
}
