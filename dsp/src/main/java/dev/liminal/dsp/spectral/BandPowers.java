package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * Absolute band powers per channel (uV^2) for one spectrum, and the relative powers derived
 * from them. Immutable; thread-safe; arrays are copied in and out.
 *
 * @param bands    the bands, in the order of the columns
 * @param absolute band power in uV^2, {@code [channel][band]}, non-negative; copied in,
 *                 {@link #absolute()} returns a copy
 */
public record BandPowers(BandSet bands, double[][] absolute) {
    /** Validates shapes and copies the array. */
    public BandPowers {
        if (bands == null) {
            throw new IllegalArgumentException("band powers need their band set");
        }
        if (absolute == null || absolute.length == 0) {
            throw new IllegalArgumentException("band powers need at least one channel");
        }
        Validation.requireShape(absolute, absolute.length, bands.size(), "band powers");
        absolute = PowerSpectrum.deepCopy(absolute);
    }

    /** A copy of the absolute powers, {@code [channel][band]}, uV^2. */
    @Override
    public double[][] absolute() {
        return PowerSpectrum.deepCopy(absolute);
    }

    /** Absolute power of {@code band} in {@code channel}, uV^2. */
    public double absolute(int channel, int band) {
        return absolute[channel][band];
    }

    /**
     * Relative power: band power / sum over all configured bands (dimensionless, 0..1 for
     * non-overlapping bands); NaN when every band of the channel is zero.
     */
    public double relative(int channel, int band) {
        return relative(absolute[channel], 0, bands.size(), band);
    }

    /** Number of channels. */
    public int channelCount() {
        return absolute.length;
    }

    static double relative(double[] values, int offset, int bandCount, int band) {
        double total = 0;
        for (int b = 0; b < bandCount; b++) total += values[offset + b];
        return values[offset + band] / total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandPowers p && p.bands.equals(bands) && Arrays.deepEquals(p.absolute, absolute);
    }

    @Override
    public int hashCode() {
        return 31 * bands.hashCode() + Arrays.deepHashCode(absolute);
    }

    @Override
    public String toString() {
        return "BandPowers[" + bands.format() + ", channels=" + absolute.length + "]";
    }
}
