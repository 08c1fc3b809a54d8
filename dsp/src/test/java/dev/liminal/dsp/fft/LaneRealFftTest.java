package dev.liminal.dsp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneRealFftTest {
    /** Rounding of FFT and naive DFT relative to the largest coefficient (see PackedRealSpectrumTest). */
    private static final double TOLERANCE_OF_MAX = 1e-10;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 4, 6, 10, 16, 30, 250, 500, 512, 1000, 2000, 4096})
    void everyLaneEqualsTheJTransformsSpectrumOfItsOwnSequence(int n) {
        int lanes = 3;
        LaneRealFft fft = new LaneRealFft(n, lanes);
        Random random = new Random(n);
        double[][] x = new double[lanes][n + 7];
        for (double[] row : x) for (int i = 0; i < row.length; i++) row[i] = random.nextGaussian() * 30;
        for (int lane = 0; lane < lanes; lane++) fft.load(lane, x[lane], lane);
        fft.forward();
        int bins = n / 2 + 1;
        for (int lane = 0; lane < lanes; lane++) {
            double[] packed = java.util.Arrays.copyOfRange(x[lane], lane, lane + n);
            RealFft.forCurrentThread(n).forward(packed);
            double[] re = new double[bins];
            double[] im = new double[bins];
            fft.spectrum(lane, re, im, 0, bins);
            double max = 0;
            for (int k = 0; k < bins; k++) {
                max = Math.max(max, Math.hypot(PackedRealSpectrum.real(packed, n, k), PackedRealSpectrum.imaginary(packed, n, k)));
            }
            for (int k = 0; k < bins; k++) {
                assertEquals(PackedRealSpectrum.real(packed, n, k), re[k], TOLERANCE_OF_MAX * max, "lane " + lane + " Re X[" + k + "]");
                assertEquals(PackedRealSpectrum.imaginary(packed, n, k), im[k], TOLERANCE_OF_MAX * max, "lane " + lane + " Im X[" + k + "]");
            }
        }
    }

    @Test
    void aLaneGivesTheSameBitsWhateverItsNeighboursAndLaneCount() {
        int n = 2000;
        double[] x = new Random(1).doubles(n, -100, 100).toArray();
        double[] other = new Random(2).doubles(n, -1e6, 1e6).toArray();
        LaneRealFft alone = new LaneRealFft(n, 1);
        alone.load(0, x, 0);
        alone.forward();
        LaneRealFft crowded = new LaneRealFft(n, 5);
        for (int lane = 0; lane < 5; lane++) crowded.load(lane, lane == 3 ? x : other, 0);
        crowded.forward();
        double[] re1 = new double[1001];
        double[] im1 = new double[1001];
        double[] re2 = new double[1001];
        double[] im2 = new double[1001];
        alone.spectrum(0, re1, im1, 0, 1001);
        crowded.spectrum(3, re2, im2, 0, 1001);
        org.junit.jupiter.api.Assertions.assertArrayEquals(re1, re2, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(im1, im2, 0.0);
    }

    @Test
    void loadingAllLanesAtOnceEqualsLoadingThemOneByOne() {
        int n = 500;
        double[][] x = new double[4][n + 10];
        Random random = new Random(4);
        for (double[] row : x) for (int i = 0; i < row.length; i++) row[i] = random.nextGaussian();
        LaneRealFft oneByOne = new LaneRealFft(n, 4);
        LaneRealFft together = new LaneRealFft(n, 4);
        oneByOne.load(0, x[2], 7);
        oneByOne.load(1, x[0], 7);
        oneByOne.clear(2);
        oneByOne.clear(3);
        together.load(3, x[1], 0);
        together.loadAll(x, new int[] {2, 0}, 2, 7);
        oneByOne.forward();
        together.forward();
        for (int lane = 0; lane < 4; lane++) {
            double[] re1 = new double[251];
            double[] im1 = new double[251];
            double[] re2 = new double[251];
            double[] im2 = new double[251];
            oneByOne.spectrum(lane, re1, im1, 0, 251);
            together.spectrum(lane, re2, im2, 0, 251);
            org.junit.jupiter.api.Assertions.assertArrayEquals(re1, re2, 0.0, "lane " + lane);
            org.junit.jupiter.api.Assertions.assertArrayEquals(im1, im2, 0.0, "lane " + lane);
        }
    }

    @Test
    void transformsWithoutAllocating() {
        LaneRealFft fft = new LaneRealFft(2000, 4);
        double[] x = new Random(3).doubles(2000).toArray();
        double[] re = new double[1001];
        double[] im = new double[1001];
        for (int warm = 0; warm < 50; warm++) {
            for (int lane = 0; lane < 4; lane++) fft.load(lane, x, 0);
            fft.forward();
            fft.spectrum(0, re, im, 0, 91);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int rep = 0; rep < 100; rep++) {
            for (int lane = 0; lane < 4; lane++) fft.load(lane, x, 0);
            fft.forward();
            fft.spectrum(0, re, im, 0, 91);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1000, allocated + " bytes allocated by 100 transforms");
    }

    @Test
    void supportsEvenLengthsWithSmoothHalves() {
        assertTrue(LaneRealFft.supports(2000));
        assertTrue(LaneRealFft.supports(4096));
        assertFalse(LaneRealFft.supports(975));
        assertFalse(LaneRealFft.supports(2002));
        assertFalse(LaneRealFft.supports(0));
    }
}
