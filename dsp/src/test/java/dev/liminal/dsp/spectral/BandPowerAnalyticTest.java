package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liminal.dsp.fft.WindowFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers that need no reference implementation. */
class BandPowerAnalyticTest {
    /** Pure rounding: sums of a few thousand terms in double precision. */
    private static final double EXACT_RELATIVE = 1e-10;
    /**
     * A sine between bins leaks beyond its band through the Hann side lobes; 2.3 Hz (4.6 bins)
     * away from the nearest edge the lost power is below 1e-4 of the total.
     */
    private static final double OFF_BIN_LEAKAGE_RELATIVE = 1e-4;

    @Test
    void sineOfAmplitudeAHasBandPowerHalfASquared() {
        double fs = 250;
        double amplitudeMicrovolts = 10;
        // 10 Hz with a 2 s window is bin 20: all of the Hann-windowed sine lies in bins 19..21.
        double[][] x = {sine(fs, 10.0, amplitudeMicrovolts, 0.3, 5000)};
        PowerSpectrum psd = new WelchEstimator(WelchParameters.defaults(fs)).estimate(x);
        BandPowers powers = psd.bandPowers(BandSet.DEFAULT);
        double expected = amplitudeMicrovolts * amplitudeMicrovolts / 2;
        assertEquals(expected, powers.absolute(0, 2), EXACT_RELATIVE * expected, "alpha");
        assertEquals(1.0, powers.relative(0, 2), EXACT_RELATIVE, "relative alpha");
        assertEquals(0.0, powers.absolute(0, 0), EXACT_RELATIVE * expected, "delta");
    }

    @Test
    void sineBetweenBinsStillHasBandPowerNearHalfASquared() {
        double fs = 500;
        double amplitudeMicrovolts = 7;
        double[][] x = {sine(fs, 10.3, amplitudeMicrovolts, 1.1, 30_000)};
        BandPowers powers = new WelchEstimator(WelchParameters.defaults(fs)).estimate(x).bandPowers(BandSet.DEFAULT);
        double expected = amplitudeMicrovolts * amplitudeMicrovolts / 2;
        assertEquals(expected, powers.absolute(0, 2), OFF_BIN_LEAKAGE_RELATIVE * expected);
    }

    @Test
    void timelineFramesOfASineAllCarryHalfASquared() {
        double fs = 256;
        double[][] x = {sine(fs, 20.0, 4.0, 0.0, 256 * 12)};
        BandPowerTimeline timeline = new BandPowerTimelineEstimator(TimelineParameters.liveDefaults(fs), BandSet.DEFAULT)
                .estimate(x, 100.0);
        assertEquals((256 * 12 - 512) / 26 + 1, timeline.frameCount());
        for (int f = 0; f < timeline.frameCount(); f++) {
            assertEquals(8.0, timeline.absolute(0, f, 3), EXACT_RELATIVE * 8.0, "beta in frame " + f);
        }
        assertEquals(102.0, timeline.frameEndTimeSeconds(0), 1e-12, "first frame ends when the first 2 s window is full");
        assertEquals(100.0 + (26.0 + 512.0) / 256.0, timeline.frameEndTimeSeconds(1), 1e-12);
    }

    /**
     * Parseval for the periodogram: the one-sided density summed over all bins times fs/n
     * equals the mean-square of the detrended, windowed segment divided by mean(w^2). Checks
     * the doubling of paired bins, the unpaired DC and Nyquist bins (even n) and the last bin
     * of odd n, which is paired.
     */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {64, 65, 255, 256, 333, 2000, 2001})
    void periodogramSatisfiesParseval(int n) {
        double fs = 200;
        double[] x = new Random(n).doubles(n, -30, 30).toArray();
        for (WindowFunction window : WindowFunction.values()) {
            double[] density = new double[n / 2 + 1];
            new Periodogram(n, window, fs).density(x, 0, density);
            double total = 0;
            for (double d : density) total += d * fs / n;

            double mean = 0;
            for (double v : x) mean += v / n;
            double[] w = window.coefficients(n);
            double energy = 0;
            double windowEnergy = 0;
            for (int i = 0; i < n; i++) {
                double y = (x[i] - mean) * w[i];
                energy += y * y;
                windowEnergy += w[i] * w[i];
            }
            assertEquals(energy / windowEnergy, total, EXACT_RELATIVE * total, window + " n=" + n);
        }
    }

    @Test
    void constantDetrendRemovesAnyOffset() {
        double fs = 100;
        double[] x = new Random(5).doubles(400, -1, 1).toArray();
        double[] shifted = x.clone();
        for (int i = 0; i < shifted.length; i++) shifted[i] += 1234.5;
        Periodogram p = new Periodogram(400, WindowFunction.HANN, fs);
        double[] a = new double[201];
        double[] b = new double[201];
        p.density(x, 0, a);
        p.density(shifted, 0, b);
        for (int k = 0; k < a.length; k++) {
            // The offset is exact in float only to ~1e-13 of 1234.5, hence an absolute bound.
            assertEquals(a[k], b[k], 1e-9 * (a[k] + 1e-3), "bin " + k);
        }
    }

    @Test
    void relativePowersOfNonOverlappingBandsSumToOne() {
        double fs = 250;
        double[][] x = {new Random(9).doubles(2500, -20, 20).toArray()};
        BandPowers powers = new WelchEstimator(WelchParameters.defaults(fs)).estimate(x).bandPowers(BandSet.DEFAULT);
        double sum = 0;
        for (int b = 0; b < 5; b++) sum += powers.relative(0, b);
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void bandPowerIsTheSumOfBinsFromLowInclusiveToHighExclusiveTimesBinWidth() {
        double fs = 100;
        double[][] x = {new Random(11).doubles(400, -5, 5).toArray()};
        PowerSpectrum psd = new WelchEstimator(new WelchParameters(fs, 200, 100, WindowFunction.HANN)).estimate(x);
        // bin width 0.5 Hz: 8 Hz is bin 16 (in), 13 Hz is bin 26 (out).
        double sum = 0;
        for (int k = 16; k < 26; k++) sum += psd.density(0, k);
        BandPowers p = psd.bandPowers(BandSet.parse("alpha:8-13"));
        assertEquals(sum * 0.5, p.absolute(0, 0), 1e-15 * sum);
    }

    static double[] sine(double fs, double hz, double amplitude, double phase, int samples) {
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / fs + phase);
        return x;
    }
}
