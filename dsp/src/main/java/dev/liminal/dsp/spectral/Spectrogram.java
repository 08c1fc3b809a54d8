package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * A periodogram timeline: one one-sided density per channel and frame (see
 * {@link TimelineParameters} for the definition and frame times). Immutable; thread-safe;
 * arrays are copied in and out.
 *
 * @param parameters       window, hop, sample rate and window function
 * @param startTimeSeconds time of the first input sample, seconds
 * @param density          uV^2/Hz, {@code [channel][frame][bin]}, rectangular; copied in
 */
public record Spectrogram(TimelineParameters parameters, double startTimeSeconds, double[][][] density) {
    /** Validates shapes and copies the array. */
    public Spectrogram {
        if (parameters == null) {
            throw new IllegalArgumentException("spectrogram needs its parameters");
        }
        if (!Double.isFinite(startTimeSeconds)) {
            throw new IllegalArgumentException("spectrogram start time " + startTimeSeconds + " s must be finite");
        }
        if (density == null || density.length == 0) {
            throw new IllegalArgumentException("spectrogram needs at least one channel");
        }
        int frames = density[0] == null ? 0 : density[0].length;
        double[][][] copy = new double[density.length][][];
        for (int c = 0; c < density.length; c++) {
            Validation.requireShape(density[c], frames, parameters.binCount(), "spectrogram channel " + c);
            copy[c] = PowerSpectrum.deepCopy(density[c]);
        }
        density = copy;
    }

    /** A copy of the density, {@code [channel][frame][bin]}, uV^2/Hz. */
    @Override
    public double[][][] density() {
        double[][][] copy = new double[density.length][][];
        for (int c = 0; c < density.length; c++) copy[c] = PowerSpectrum.deepCopy(density[c]);
        return copy;
    }

    /** Density of {@code channel} in {@code frame} at {@code bin}, uV^2/Hz. */
    public double density(int channel, int frame, int bin) {
        return density[channel][frame][bin];
    }

    /** Number of channels. */
    public int channelCount() {
        return density.length;
    }

    /** Number of frames. */
    public int frameCount() {
        return density[0].length;
    }

    /** Time (s) of the end of frame {@code frame}'s window. */
    public double frameEndTimeSeconds(int frame) {
        return parameters.frameEndTimeSeconds(startTimeSeconds, frame);
    }

    /** Frequency of bin {@code k} in Hz: {@code k * fs / nfft}. */
    public double frequencyHz(int k) {
        return BandBins.frequencyHz(k, parameters.sampleRateHz(), parameters.windowSamples());
    }

    /**
     * The band-power timeline of this spectrogram, band by band from the full spectra. This
     * is the straightforward reference path; {@link BandPowerTimelineEstimator} computes the
     * same numbers without keeping the spectra.
     */
    public BandPowerTimeline bandPowerTimeline(BandSet bands) {
        BandBins bins = new BandBins(bands, parameters.sampleRateHz(), parameters.windowSamples());
        int frames = frameCount();
        double[][] absolute = new double[density.length][frames * bands.size()];
        for (int c = 0; c < density.length; c++) {
            for (int f = 0; f < frames; f++) bins.integrate(density[c][f], absolute[c], f * bands.size());
        }
        return new BandPowerTimeline(parameters, bands, startTimeSeconds, frames, absolute);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrogram s && s.parameters.equals(parameters)
                && Double.compare(s.startTimeSeconds, startTimeSeconds) == 0 && Arrays.deepEquals(s.density, density);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * parameters.hashCode() + Double.hashCode(startTimeSeconds)) + Arrays.deepHashCode(density);
    }

    @Override
    public String toString() {
        return "Spectrogram[" + parameters + ", start=" + startTimeSeconds + " s, channels=" + density.length
                + ", frames=" + frameCount() + "]";
    }
}
