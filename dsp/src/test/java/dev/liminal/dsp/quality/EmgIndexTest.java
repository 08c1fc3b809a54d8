package dev.liminal.dsp.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmgIndexTest {
    private static final double FS_HZ = 256.0;
    private static final int N = (int) (20 * FS_HZ);

    private static PowerSpectrum spectrum(double[][] x, double fs) {
        return new WelchEstimator(WelchParameters.defaults(fs)).estimate(x);
    }

    /** EEG-like: 1/f-shaped sum of sines 1..40 Hz plus a 10 uV alpha. */
    private static double[] eegLike(Random rnd) {
        double[] x = new double[N];
        for (int f = 1; f <= 40; f++) {
            double a = 20.0 / f;
            double ph = 2 * Math.PI * rnd.nextDouble();
            for (int i = 0; i < N; i++) x[i] += a * Math.sin(2 * Math.PI * f * i / FS_HZ + ph);
        }
        for (int i = 0; i < N; i++) x[i] += 10 * Math.sin(2 * Math.PI * 10.25 * i / FS_HZ);
        return x;
    }

    @Test
    void whiteNoiseIndexIsBandwidthRatio() {
        Random rnd = new Random(42L);
        double[] white = new double[10 * N];
        for (int i = 0; i < white.length; i++) white[i] = 10 * rnd.nextGaussian();
        double index = EmgIndex.of(spectrum(new double[][] {white}, FS_HZ))[0];
        // A flat density gives (69 - 51) / (69 - 1) = 18/68 = 0.265 (36 of 136 bins of 0.5 Hz);
        // 200 s of Welch averaging leaves about 2 % relative estimation noise in the ratio.
        assertEquals(18.0 / 68.0, index, 0.015);
    }

    @Test
    void eegLikeSignalHasLowIndexAndNoWarning() {
        Random rnd = new Random(1L);
        double[][] x = {eegLike(rnd)};
        double index = EmgIndex.of(spectrum(x, FS_HZ))[0];
        assertTrue(index < 0.01, "index " + index);
        FrameQuality q = new QualityAssessor().assess(x, spectrum(x, FS_HZ));
        assertFalse(q.channel(0).contains(QualityFlag.EMG));
    }

    @Test
    void addedBroadbandMuscleActivityRaisesWarning() {
        Random rnd = new Random(2L);
        double[] eeg = eegLike(rnd);
        double[] emg = eeg.clone();
        // Muscle-like: white noise high-passed by a first difference (power rising with frequency).
        double prev = 0;
        for (int i = 0; i < N; i++) {
            double w = 30 * rnd.nextGaussian();
            emg[i] += w - prev;
            prev = w;
        }
        double[][] x = {eeg, emg};
        PowerSpectrum s = spectrum(x, FS_HZ);
        double[] index = EmgIndex.of(s);
        assertTrue(index[1] > 0.2 && index[1] > 20 * index[0], "indices " + index[0] + ", " + index[1]);
        FrameQuality q = new QualityAssessor().assess(x, s);
        assertFalse(q.channel(0).contains(QualityFlag.EMG));
        assertTrue(q.channel(1).contains(QualityFlag.EMG));
    }

    @Test
    void sineAt60HzCountsWhollyAsMuscleBand() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = 5 * Math.sin(2 * Math.PI * 60 * i / FS_HZ) + 5 * Math.sin(2 * Math.PI * 10 * i / FS_HZ);
        double index = EmgIndex.of(spectrum(new double[][] {x}, FS_HZ))[0];
        assertEquals(0.5, index, 1e-3, "equal powers at 60 Hz and 10 Hz");
    }

    @Test
    void rejectsSpectrumNotReaching69Hz() {
        double[][] x = new double[1][1000];
        var e = assertThrows(IllegalArgumentException.class, () -> EmgIndex.of(spectrum(x, 128)));
        assertTrue(e.getMessage().contains("64.0 Hz"), e.getMessage());
    }

    @Test
    void silentChannelHasNaNIndexAndNoWarning() {
        double[][] x = new double[1][N];
        assertTrue(Double.isNaN(EmgIndex.of(spectrum(x, FS_HZ))[0]));
        assertFalse(new QualityAssessor().assess(x, spectrum(x, FS_HZ)).channel(0).contains(QualityFlag.EMG));
    }
}
