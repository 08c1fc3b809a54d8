package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * One frame of live band powers: the absolute power of every band in every channel for the
 * window ending at {@code endTimeSeconds}. Immutable, so it may cross threads (dsp thread to
 * viewer); arrays are copied in and out.
 *
 * @param endTimeSeconds time of the end of the frame's window (the time of the first sample
 *                       after it), on the clock of the samples given to the processor
 * @param bands          the bands, in column order
 * @param absolute       uV^2, {@code [channel][band]}; copied in
 */
public record BandPowerFrame(double endTimeSeconds, BandSet bands, double[][] absolute) {
    /** Validates shapes and copies the array. */
    public BandPowerFrame {
        if (!Double.isFinite(endTimeSeconds)) {
            throw new IllegalArgumentException("frame time " + endTimeSeconds + " s must be finite");
        }
        if (bands == null || absolute == null || absolute.length == 0) {
            throw new IllegalArgumentException("band-power frame needs bands and at least one channel");
        }
        Validation.requireShape(absolute, absolute.length, bands.size(), "band-power frame");
        absolute = PowerSpectrum.deepCopy(absolute);
    }

    /** Absolute power of {@code band} in {@code channel}, uV^2. */
    public double absolute(int channel, int band) {
        return absolute[channel][band];
    }

    /** Relative power of {@code band} in {@code channel}; NaN if all bands are zero. */
    public double relative(int channel, int band) {
        return BandPowers.relative(absolute[channel], 0, bands.size(), band);
    }

    /** A copy of the powers, {@code [channel][band]}, uV^2. */
    @Override
    public double[][] absolute() {
        return PowerSpectrum.deepCopy(absolute);
    }

    /** Number of channels. */
    public int channelCount() {
        return absolute.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandPowerFrame f && Double.compare(f.endTimeSeconds, endTimeSeconds) == 0
                && f.bands.equals(bands) && Arrays.deepEquals(f.absolute, absolute);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(endTimeSeconds) * 31 + Arrays.deepHashCode(absolute);
    }

    @Override
    public String toString() {
        return "BandPowerFrame[" + endTimeSeconds + " s, channels=" + absolute.length + ", " + bands.format() + "]";
    }
}
