package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * Welch PSD of a multichannel span (see {@link WelchParameters} for the definition).
 *
 * <p>Thread-safety: confined to one thread (owns a {@link Periodogram} and scratch); use one
 * estimator per thread.
 */
public final class WelchEstimator {
    private final WelchParameters parameters;
    private final Periodogram periodogram;
    private final double[] segmentDensity;

    /** An estimator for {@code parameters}, with the calling thread's FFT plan. */
    public WelchEstimator(WelchParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("Welch parameters must not be null");
        }
        this.parameters = parameters;
        this.periodogram = new Periodogram(parameters.segmentSamples(), parameters.window(), parameters.sampleRateHz());
        this.segmentDensity = new double[parameters.binCount()];
    }

    /** The parameters. */
    public WelchParameters parameters() {
        return parameters;
    }

    /**
     * Writes the Welch density of every channel of {@code input} into {@code output}.
     *
     * @param input  {@code [channel][sample]} in uV, rectangular, at least one segment long; Not modified
     * @param output {@code [channel][binCount]}, uV^2/Hz; Modified
     * @return the number of segments averaged
     * @throws IllegalArgumentException on shapes that do not match (quoting them) or a span shorter than a segment
     */
    public int process(double[][] input, double[][] output) {
        int samples = Validation.requireRectangular(input, "Welch input");
        int segments = parameters.segmentCount(samples);
        Validation.requireShape(output, input.length, parameters.binCount(), "Welch output");
        int step = parameters.stepSamples();
        for (int c = 0; c < input.length; c++) {
            double[] out = output[c];
            Arrays.fill(out, 0.0);
            for (int s = 0; s < segments; s++) {
                periodogram.density(input[c], s * step, segmentDensity);
                for (int k = 0; k < out.length; k++) out[k] += segmentDensity[k];
            }
            for (int k = 0; k < out.length; k++) out[k] /= segments;
        }
        return segments;
    }

    /** Convenience: the Welch spectrum of {@code input} ({@code [channel][sample]}, uV) as a new record. */
    public PowerSpectrum estimate(double[][] input) {
        Validation.requireRectangular(input, "Welch input");
        double[][] output = new double[input.length][parameters.binCount()];
        int segments = process(input, output);
        return new PowerSpectrum(parameters, segments, output);
    }
}
