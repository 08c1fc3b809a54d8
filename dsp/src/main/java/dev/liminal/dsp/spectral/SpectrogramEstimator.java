package dev.liminal.dsp.spectral;

/**
 * The periodogram timeline with full spectra (see {@link TimelineParameters}): the
 * straightforward reference implementation of the timeline contract.
 *
 * <p>Thread-safety: confined to one thread (owns a {@link Periodogram}).
 */
public final class SpectrogramEstimator {
    private final TimelineParameters parameters;
    private final Periodogram periodogram;

    /** An estimator for {@code parameters}, with the calling thread's FFT plan. */
    public SpectrogramEstimator(TimelineParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("timeline parameters must not be null");
        }
        this.parameters = parameters;
        this.periodogram = new Periodogram(parameters.windowSamples(), parameters.window(), parameters.sampleRateHz());
    }

    /** The parameters. */
    public TimelineParameters parameters() {
        return parameters;
    }

    /**
     * Writes every frame's density.
     *
     * @param input  {@code [channel][sample]} in uV, rectangular; Not modified
     * @param output {@code [channel][frameCount(samples)][binCount]}, uV^2/Hz; Modified
     */
    public void process(double[][] input, double[][][] output) {
        int samples = Validation.requireRectangular(input, "spectrogram input");
        int frames = parameters.frameCount(samples);
        if (output == null || output.length != input.length) {
            throw new IllegalArgumentException("spectrogram output has " + (output == null ? "no" : output.length)
                    + " channels, input " + input.length);
        }
        for (int c = 0; c < input.length; c++) {
            Validation.requireShape(output[c], frames, parameters.binCount(), "spectrogram output channel " + c);
            for (int f = 0; f < frames; f++) {
                periodogram.density(input[c], f * parameters.hopSamples(), output[c][f]);
            }
        }
    }

    /**
     * Convenience: the spectrogram of {@code input} as a new record.
     *
     * @param input            {@code [channel][sample]} in uV; Not modified
     * @param startTimeSeconds time of {@code input[*][0]}
     * @throws IllegalArgumentException if the input is shorter than one window
     */
    public Spectrogram estimate(double[][] input, double startTimeSeconds) {
        int samples = Validation.requireRectangular(input, "spectrogram input");
        int frames = parameters.frameCount(samples);
        if (frames == 0) {
            throw new IllegalArgumentException("span of " + samples + " samples is shorter than the "
                    + parameters.windowSamples() + "-sample window");
        }
        double[][][] output = new double[input.length][frames][parameters.binCount()];
        process(input, output);
        return new Spectrogram(parameters, startTimeSeconds, output);
    }
}
