package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * Absolute band powers per channel and frame (uV^2), with frame times and parameters.
 * Immutable; thread-safe; arrays are copied in and out.
 *
 * @param parameters       the timeline parameters
 * @param bands            the bands
 * @param startTimeSeconds time of the first input sample, seconds
 * @param frameCount       number of frames, at least 0
 * @param absolute         uV^2, {@code [channel][frame * bands.size() + band]}; copied in
 */
public record BandPowerTimeline(TimelineParameters parameters, BandSet bands, double startTimeSeconds,
                                int frameCount, double[][] absolute) {
    /** Validates shapes and copies the array. */
    public BandPowerTimeline {
        if (parameters == null || bands == null) {
            throw new IllegalArgumentException("band-power timeline needs its parameters and bands");
        }
        if (!Double.isFinite(startTimeSeconds)) {
            throw new IllegalArgumentException("band-power timeline start time " + startTimeSeconds + " s must be finite");
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("band-power timeline frame count " + frameCount + " must be at least 0");
        }
        if (absolute == null || absolute.length == 0) {
            throw new IllegalArgumentException("band-power timeline needs at least one channel");
        }
        Validation.requireShape(absolute, absolute.length, frameCount * bands.size(), "band-power timeline");
        absolute = PowerSpectrum.deepCopy(absolute);
    }

    /** A copy of the powers, {@code [channel][frame * bands + band]}, uV^2. */
    @Override
    public double[][] absolute() {
        return PowerSpectrum.deepCopy(absolute);
    }

    /** Absolute power of {@code band} in {@code channel} and {@code frame}, uV^2. */
    public double absolute(int channel, int frame, int band) {
        return absolute[channel][frame * bands.size() + band];
    }

    /** Relative power: band / sum over the configured bands in that channel and frame; NaN if all are zero. */
    public double relative(int channel, int frame, int band) {
        return BandPowers.relative(absolute[channel], frame * bands.size(), bands.size(), band);
    }

    /** Number of channels. */
    public int channelCount() {
        return absolute.length;
    }

    /** Time (s) of the end of frame {@code frame}'s window. */
    public double frameEndTimeSeconds(int frame) {
        return parameters.frameEndTimeSeconds(startTimeSeconds, frame);
    }

    /** A new array with every frame's end time in seconds. */
    public double[] frameEndTimesSeconds() {
        double[] t = new double[frameCount];
        for (int f = 0; f < frameCount; f++) t[f] = frameEndTimeSeconds(f);
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandPowerTimeline t && t.parameters.equals(parameters) && t.bands.equals(bands)
                && Double.compare(t.startTimeSeconds, startTimeSeconds) == 0 && t.frameCount == frameCount
                && Arrays.deepEquals(t.absolute, absolute);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(absolute) + 31 * (parameters.hashCode() + 31 * bands.hashCode());
    }

    @Override
    public String toString() {
        return "BandPowerTimeline[" + parameters + ", " + bands.format() + ", start=" + startTimeSeconds
                + " s, channels=" + absolute.length + ", frames=" + frameCount + "]";
    }
}
