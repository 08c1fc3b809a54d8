package dev.liminal.dsp.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class CommonAverageReferenceTest {
    /** Rounding bound for sums of ~10 re-referenced values of ~100 uV: a few ulps each. */
    private static final double SUM_TOLERANCE_UV = 1e-11;

    private static double[][] randomEeg(int channels, int samples, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[channels][samples];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < samples; i++) x[c][i] = 40 * rnd.nextGaussian() + 10 * c + 25 * Math.sin(i * 0.05);
        }
        return x;
    }

    @Test
    void knownThreeChannelExampleWithOneExcluded() {
        double[][] x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] y = CommonAverageReference.apply(x, new int[] {2});
        assertArrayEquals(new double[] {-1.5, -1.5, -1.5}, y[0], 0.0);
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, y[1], 0.0);
        assertArrayEquals(new double[] {7, 8, 9}, y[2], 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, x[0], 0.0, "input not modified");
    }

    @Test
    void includedChannelsSumToZeroAtEverySampleAndExcludedAreUnchanged() {
        int channels = 10;
        int n = 3001;
        double[][] x = randomEeg(channels, n, 7L);
        int[] excluded = {3, 9};
        CommonAverageReference car = new CommonAverageReference(channels, excluded, 256);
        double[][] y = new double[channels][n];
        car.process(x, 0, n, y);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c : car.includedChannels()) sum += y[c][i];
            assertEquals(0, sum, SUM_TOLERANCE_UV, "sample " + i);
        }
        assertArrayEquals(x[3], y[3], 0.0);
        assertArrayEquals(x[9], y[9], 0.0);
    }

    @Test
    void matrixProductEqualsDirectMeanSubtraction() {
        int channels = 8;
        int n = 700;
        double[][] x = randomEeg(channels, n, 11L);
        int[] excluded = {0};
        double[][] y = CommonAverageReference.apply(x, excluded);
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int c = 1; c < channels; c++) mean += x[c][i];
            mean /= channels - 1;
            for (int c = 1; c < channels; c++) assertEquals(x[c][i] - mean, y[c][i], 1e-12, "channel " + c + " sample " + i);
        }
    }

    @Test
    void projectionIsIdempotentAndHasIdentityRowsForExcluded() {
        CommonAverageReference car = new CommonAverageReference(5, new int[] {1, 4}, 8);
        double[][] p = car.projection();
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, p[1], 0.0);
        assertArrayEquals(new double[] {2.0 / 3, 0, -1.0 / 3, -1.0 / 3, 0}, p[0], 1e-15);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double pp = 0;
                for (int k = 0; k < 5; k++) pp += p[i][k] * p[k][j];
                assertEquals(p[i][j], pp, 1e-15);
            }
        }
    }

    @Test
    void blockwiseAndInPlaceProcessingMatchOneCall() {
        int channels = 6;
        int n = 1000;
        double[][] x = randomEeg(channels, n, 3L);
        double[][] expected = CommonAverageReference.apply(x, new int[] {5});
        CommonAverageReference car = new CommonAverageReference(channels, new int[] {5}, 37);
        double[][] buf = new double[channels][];
        for (int c = 0; c < channels; c++) buf[c] = x[c].clone();
        for (int pos = 0; pos < n; pos += 123) car.process(buf, pos, Math.min(123, n - pos), buf);
        for (int c = 0; c < channels; c++) assertArrayEquals(expected[c], buf[c], 1e-12);
    }

    @Test
    void nonFiniteExcludedChannelDoesNotLeakIntoOthers() {
        double[][] x = {{1, 2}, {3, 4}, {Double.NaN, Double.POSITIVE_INFINITY}};
        double[][] y = CommonAverageReference.apply(x, new int[] {2});
        assertArrayEquals(new double[] {-1, -1}, y[0], 0.0);
        assertTrue(Double.isNaN(y[2][0]) && y[2][1] == Double.POSITIVE_INFINITY);
    }

    @Test
    void rejectsBadSelectionsQuotingIndices() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CommonAverageReference(4, new int[] {4}, 8));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("0..3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CommonAverageReference(4, new int[] {1, 1}, 8));
        assertThrows(IllegalArgumentException.class, () -> new CommonAverageReference(2, new int[] {0, 1}, 8));
        assertThrows(IllegalArgumentException.class, () -> new CommonAverageReference(2, new int[0], 0));
        CommonAverageReference car = new CommonAverageReference(2, new int[0], 8);
        assertThrows(IllegalArgumentException.class, () -> car.process(new double[2][5], 3, 3, new double[2][5]));
    }

    @Test
    void processAllocatesNothingAfterWarmUp() {
        double[][] x = randomEeg(16, 300, 9L);
        double[][] y = new double[16][300];
        CommonAverageReference car = new CommonAverageReference(16, new int[] {15}, 128);
        for (int k = 0; k < 5000; k++) car.process(x, 0, 300, y);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 3000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < calls; k++) car.process(x, 0, 300, y);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < calls, allocated + " bytes allocated over " + calls + " blocks");
    }
}
