package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;

import java.util.Random;

/** Deterministic synthetic signals and spectra for metric tests (seeded, uV). */
final class MetricSignals {
    /** Sampling rate of the synthetic EEG: 256 Hz, a common EEG amplifier rate. */
    static final double SAMPLE_RATE_HZ = 256.0;
    /** Grid spacing of the summed sinusoids that make coloured noise, Hz. */
    private static final double SYNTHESIS_GRID_HZ = 0.1;

    private MetricSignals() {
    }

    /** Gaussian white noise with standard deviation {@code sigmaMicrovolts}. */
    static double[] whiteNoise(int samples, double sigmaMicrovolts, long seed) {
        Random random = new Random(seed);
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) x[i] = sigmaMicrovolts * random.nextGaussian();
        return x;
    }

    /** {@code amplitude * sin(2 pi f t)} added to {@code x} in place; returns {@code x}. */
    static double[] addSine(double[] x, double frequencyHz, double amplitudeMicrovolts) {
        for (int i = 0; i < x.length; i++) {
            x[i] += amplitudeMicrovolts * Math.sin(2 * Math.PI * frequencyHz * i / SAMPLE_RATE_HZ);
        }
        return x;
    }

    /**
     * Noise whose one-sided density is {@code scale / f^exponent} uV^2/Hz from {@code fromHz}
     * up to just below Nyquist: a sum of sinusoids on a 0.1 Hz grid with random phases, each
     * of power {@code S(f) * 0.1 Hz}.
     */
    static double[] powerLawNoise(int samples, double exponent, double scale, double fromHz, long seed) {
        Random random = new Random(seed);
        double[] x = new double[samples];
        double nyquistHz = SAMPLE_RATE_HZ / 2;
        for (double f = fromHz; f < nyquistHz - 1; f += SYNTHESIS_GRID_HZ) {
            double amplitude = Math.sqrt(2 * scale / Math.pow(f, exponent) * SYNTHESIS_GRID_HZ);
            double phase = 2 * Math.PI * random.nextDouble();
            double omega = 2 * Math.PI * f / SAMPLE_RATE_HZ;
            for (int i = 0; i < samples; i++) x[i] += amplitude * Math.sin(omega * i + phase);
        }
        return x;
    }

    /**
     * A realistic resting-EEG-like window: 1/f background (about 20 uV rms), a 10 Hz alpha
     * rhythm of 15 uV amplitude and 1 uV white noise, 30 s at 256 Hz.
     */
    static double[] eegLike(long seed) {
        int samples = (int) (30 * SAMPLE_RATE_HZ);
        double[] x = powerLawNoise(samples, 1.0, 100.0, 0.5, seed);
        double[] noise = whiteNoise(samples, 1.0, seed + 1);
        for (int i = 0; i < samples; i++) x[i] += noise[i];
        return addSine(x, 10.0, 15.0);
    }

    /** The default Welch spectrum (2 s Hann, 50% overlap) of one channel. */
    static PowerSpectrum welch(double[] x) {
        return new WelchEstimator(WelchParameters.defaults(SAMPLE_RATE_HZ)).estimate(new double[][] {x});
    }

    /**
     * A one-channel spectrum with the default Welch parameters at 256 Hz whose density is
     * {@code 1 / f^exponent} (bin 0 set to 0).
     */
    static PowerSpectrum powerLawSpectrum(double exponent) {
        WelchParameters parameters = WelchParameters.defaults(SAMPLE_RATE_HZ);
        double[] density = new double[parameters.binCount()];
        for (int k = 1; k < density.length; k++) density[k] = Math.pow(k * parameters.binWidthHz(), -exponent);
        return new PowerSpectrum(parameters, 1, new double[][] {density});
    }

    /** A one-channel spectrum with the default Welch parameters at 256 Hz and the given density. */
    static PowerSpectrum spectrum(double[] density) {
        return new PowerSpectrum(WelchParameters.defaults(SAMPLE_RATE_HZ), 1, new double[][] {density});
    }
}
