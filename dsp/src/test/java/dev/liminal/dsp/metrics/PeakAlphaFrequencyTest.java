package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.FrequencyBand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakAlphaFrequencyTest {
    /** The brief's requirement for a clean sine: within 0.1 Hz (a fifth of the 0.5 Hz bin). */
    private static final double SINE_TOLERANCE_HZ = 0.1;
    private static final int SAMPLES = (int) (30 * MetricSignals.SAMPLE_RATE_HZ);

    private static double paf(double[] x) {
        return new PeakAlphaFrequency().compute(MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT));
    }

    @Test
    void findsTenHertzForTenHertzSineInSmallNoise() {
        double[] x = MetricSignals.addSine(MetricSignals.whiteNoise(SAMPLES, 0.5, 11), 10.0, 10.0);
        assertEquals(10.0, paf(x), SINE_TOLERANCE_HZ);
    }

    @Test
    void interpolatesBetweenBinsForOffBinSines() {
        // not above 12.25 Hz: a peak nearer 12.5 Hz sits on the last bin of [7, 13) and is NaN by design
        for (double f : new double[] {7.4, 8.3, 9.6, 10.25, 11.1, 12.2}) {
            double[] x = MetricSignals.addSine(MetricSignals.whiteNoise(SAMPLES, 0.5, 12), f, 10.0);
            assertEquals(f, paf(x), SINE_TOLERANCE_HZ, "sine at " + f + " Hz");
        }
    }

    @Test
    void findsAlphaPeakOnTopOfOneOverFBackground() {
        assertEquals(10.0, new PeakAlphaFrequency().compute(SpectralMetricContract.eegLikeInput(3)), SINE_TOLERANCE_HZ);
    }

    @Test
    void isNanForMonotonicOneOverFSpectrumWhoseMaximumIsAtTheRangeEdge() {
        double value = new PeakAlphaFrequency().compute(MetricInput.of(MetricSignals.powerLawSpectrum(1.0), 0, BandSet.DEFAULT));
        assertTrue(Double.isNaN(value), "expected NaN, got " + value);
    }

    @Test
    void vertexOfExactParabolaIsRecovered() {
        // density 100 - (f - 10.2)^2 around 10 Hz: the parabola through any three bins is exact
        double[] density = new double[MetricSignals.powerLawSpectrum(1).binCount()];
        for (int k = 0; k < density.length; k++) {
            double f = k * 0.5;
            density[k] = Math.max(0, 100 - (f - 10.2) * (f - 10.2));
        }
        double value = new PeakAlphaFrequency().compute(MetricInput.of(MetricSignals.spectrum(density), 0, BandSet.DEFAULT));
        assertEquals(10.2, value, 1e-12);
    }

    @Test
    void honoursCustomSearchRange() {
        double[] x = MetricSignals.addSine(MetricSignals.powerLawNoise(SAMPLES, 1.0, 10.0, 1.0, 13), 6.0, 10.0);
        MetricInput input = MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT);
        assertEquals(6.0, new PeakAlphaFrequency(new FrequencyBand("wide", 4.0, 13.0)).compute(input), SINE_TOLERANCE_HZ);
        assertTrue(Double.isNaN(new PeakAlphaFrequency().compute(input)),
                "6 Hz peak lies outside 7-13 Hz, where the 1/f background peaks at the 7 Hz edge");
    }
}
