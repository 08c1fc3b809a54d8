package dev.liminal.app;

import dev.liminal.dsp.fft.WindowFunction;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streamed Welch average against the estimator on whole runs. */
class RunWelchAverageTest {
    private static final long SEED = 20261121L;

    @Test
    void chunksOfAnySizeGiveExactlyTheWholeRunEstimate() {
        Random random = new Random(SEED);
        double[][] x = new double[2][1000];
        for (double[] row : x) for (int i = 0; i < row.length; i++) row[i] = random.nextGaussian() * 10;
        WelchParameters p = new WelchParameters(100, 64, 21, WindowFunction.HANN);
        PowerSpectrum expected = new WelchEstimator(p).estimate(x);
        for (int chunk : new int[] {1, 7, 64, 65, 300, 1000}) {
            RunWelchAverage welch = new RunWelchAverage(p, 2);
            welch.restart();
            for (int from = 0; from < 1000; from += chunk) {
                int n = Math.min(chunk, 1000 - from);
                double[][] block = {Arrays.copyOfRange(x[0], from, from + n), Arrays.copyOfRange(x[1], from, from + n)};
                welch.add(block, n);
            }
            assertEquals(expected.segmentsAveraged(), welch.segments(), "chunk " + chunk);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(expected.density()[c], welch.result().density()[c], 0.0, "chunk " + chunk + " channel " + c);
            }
        }
    }

    @Test
    void restartStartsSegmentsAtTheNewRunAndWeighsRunsBySegmentCount() {
        Random random = new Random(SEED + 1);
        double[][] first = {new double[300]};
        double[][] second = {new double[130]};
        for (int i = 0; i < 300; i++) first[0][i] = random.nextGaussian();
        for (int i = 0; i < 130; i++) second[0][i] = random.nextGaussian() * 3;
        WelchParameters p = new WelchParameters(50, 40, 20, WindowFunction.HANN);
        PowerSpectrum a = new WelchEstimator(p).estimate(first);
        PowerSpectrum b = new WelchEstimator(p).estimate(second);
        RunWelchAverage welch = new RunWelchAverage(p, 1);
        welch.restart();
        welch.add(first, 300);
        welch.restart();
        welch.add(second, 130);
        assertEquals(a.segmentsAveraged() + b.segmentsAveraged(), welch.segments());
        for (int k = 0; k < p.binCount(); k++) {
            double expected = (a.density(0, k) * a.segmentsAveraged() + b.density(0, k) * b.segmentsAveraged())
                    / (a.segmentsAveraged() + b.segmentsAveraged());
            assertEquals(expected, welch.result().density(0, k), 1e-12 * expected, "bin " + k);
        }
    }
}
