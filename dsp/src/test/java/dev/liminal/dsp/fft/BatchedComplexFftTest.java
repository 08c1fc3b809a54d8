package dev.liminal.dsp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchedComplexFftTest {
    /** Rounding of FFT and naive DFT, relative to the largest coefficient (see PackedRealSpectrumTest). */
    private static final double TOLERANCE_OF_MAX = 1e-10;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 25, 27, 30, 60, 125, 250, 256, 500, 1000, 2000})
    void everyLaneEqualsANaiveDft(int n) {
        everyLaneEqualsANaiveDft(n, 3);
        everyLaneEqualsANaiveDft(n, BatchedComplexFft.SPLIT_MIN_LANES + 1);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 3, 4, 5, 60, 1000})
    void splitAndFusedButterfliesGiveTheSameBits(int n) {
        Random random = new Random(n);
        double[] re = random.doubles(n, -1, 1).toArray();
        double[] im = random.doubles(n, -1, 1).toArray();
        BatchedComplexFft fused = new BatchedComplexFft(n, 2);
        BatchedComplexFft split = new BatchedComplexFft(n, BatchedComplexFft.SPLIT_MIN_LANES + 3);
        for (int i = 0; i < n; i++) {
            fused.inputReal()[i][1] = re[i];
            fused.inputImaginary()[i][1] = im[i];
            split.inputReal()[i][17] = re[i];
            split.inputImaginary()[i][17] = im[i];
        }
        fused.forward();
        split.forward();
        for (int k = 0; k < n; k++) {
            assertEquals(fused.outputReal()[k][1], split.outputReal()[k][17], 0.0, "Re X[" + k + "]");
            assertEquals(fused.outputImaginary()[k][1], split.outputImaginary()[k][17], 0.0, "Im X[" + k + "]");
        }
    }

    private static void everyLaneEqualsANaiveDft(int n, int lanes) {
        BatchedComplexFft fft = new BatchedComplexFft(n, lanes);
        Random random = new Random(n);
        double[][] re = new double[lanes][n];
        double[][] im = new double[lanes][n];
        for (int b = 0; b < lanes; b++) {
            for (int i = 0; i < n; i++) {
                re[b][i] = random.nextDouble() * 2 - 1;
                im[b][i] = random.nextDouble() * 2 - 1;
                fft.inputReal()[i][b] = re[b][i];
                fft.inputImaginary()[i][b] = im[b][i];
            }
        }
        fft.forward();
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int r = 0; r < n; r++) {
            cos[r] = Math.cos(-2.0 * Math.PI * r / n);
            sin[r] = Math.sin(-2.0 * Math.PI * r / n);
        }
        // The first, a middle and the last lane: the same code runs for every lane.
        for (int b : new int[] {0, lanes / 2, lanes - 1}) {
            double[] xr = new double[n];
            double[] xi = new double[n];
            double max = 0;
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    int r = (int) (((long) j * k) % n);
                    double c = cos[r];
                    double s = sin[r];
                    xr[k] += re[b][j] * c - im[b][j] * s;
                    xi[k] += re[b][j] * s + im[b][j] * c;
                }
                max = Math.max(max, Math.hypot(xr[k], xi[k]));
            }
            for (int k = 0; k < n; k++) {
                assertEquals(xr[k], fft.outputReal()[k][b], TOLERANCE_OF_MAX * max, "lane " + b + " Re X[" + k + "]");
                assertEquals(xi[k], fft.outputImaginary()[k][b], TOLERANCE_OF_MAX * max, "lane " + b + " Im X[" + k + "]");
            }
        }
    }

    @Test
    void supportsOnlyTwoThreeFiveSmoothSizes() {
        assertTrue(BatchedComplexFft.supports(2000));
        assertTrue(BatchedComplexFft.supports(1));
        assertFalse(BatchedComplexFft.supports(975));
        assertFalse(BatchedComplexFft.supports(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedComplexFft(14, 2));
        assertEquals("batched FFT size 14 must be at least 1 with prime factors 2, 3, 5 only", e.getMessage());
    }
}
