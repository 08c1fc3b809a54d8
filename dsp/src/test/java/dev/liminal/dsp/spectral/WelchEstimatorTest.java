package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WelchEstimatorTest {
    @Test
    void defaultsAreTwoSecondHannSegmentsWithHalfOverlap() {
        WelchParameters p = WelchParameters.defaults(487.5);
        assertEquals(975, p.segmentSamples());
        assertEquals(487, p.overlapSamples());
        assertEquals(488, p.binCount());
    }

    @Test
    void countsOnlyWholeSegmentsLikeScipy() {
        WelchParameters p = WelchParameters.defaults(100);
        assertEquals(1, p.segmentCount(200));
        assertEquals(1, p.segmentCount(299));
        assertEquals(2, p.segmentCount(300));
        assertEquals(9, p.segmentCount(1000));
    }

    @Test
    void spanShorterThanOneSegmentIsRejectedQuotingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WelchEstimator(WelchParameters.defaults(250)).estimate(new double[1][400]));
        assertEquals("span of 400 samples (1.6 s) is shorter than one Welch segment of 500 samples (2.0 s at 250.0 Hz)",
                e.getMessage());
    }

    @Test
    void overlapMustBeShorterThanTheSegment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WelchParameters(100, 200, 200, dev.liminal.dsp.fft.WindowFunction.HANN));
        assertEquals("Welch overlap of 200 samples must be in 0..199 for a 200-sample segment", e.getMessage());
    }

    @Test
    void spectrumIsACopyTheCallerCannotChange() {
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(2, 1000, 4);
        PowerSpectrum psd = new WelchEstimator(WelchParameters.defaults(100)).estimate(x);
        double before = psd.density(1, 10);
        psd.density()[1][10] = -1;
        assertEquals(before, psd.density(1, 10));
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, java.util.Arrays.copyOf(psd.frequenciesHz(), 3), 0.0);
    }
}
