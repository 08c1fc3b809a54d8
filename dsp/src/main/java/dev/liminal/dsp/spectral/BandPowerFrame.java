package dev.liminal.dsp.spectral;

import dev.liminal.dsp.quality.QualityFlag;
import dev.liminal.dsp.quality.QualityFlags;
import java.util.Arrays;

/**
 * One frame of live band powers: the absolute power of every band in every channel for the
 * window ending at {@code endTimeSeconds}, with the quality flags of each channel's window and
 * whether the frame is the first after a discontinuity. Immutable, so it may cross threads (dsp
 * thread to viewer); arrays are copied in and out. {@link StreamingFrame#snapshot()} makes one
 * from the processor's reusable frame.
 *
 * <p>A channel whose window held a NaN or infinite sample has {@link QualityFlag#NON_FINITE}
 * set and no power: {@link #hasPower(int)} is false and its absolute and relative values read
 * 0.0, a placeholder rather than a measurement. Non-finite samples never travel on as numbers.
 *
 * @param endTimeSeconds time of the end of the frame's window (the time of the first sample
 *                       after it), on the clock of the samples given to the processor
 * @param bands          the bands, in column order
 * @param absolute       uV^2, {@code [channel][band]}, finite; copied in
 * @param qualityBits    one {@link QualityFlags#bits()} mask per channel; copied in
 * @param discontinuity  whether this is the first frame after a gap in the input (the window
 *                       was restarted, see {@link StreamingBandPowerProcessor#restart(double, double)})
 * @param gapSeconds     duration of that gap in seconds, at least 0; NaN when there was no
 *                       gap or its duration is unknown
 */
public record BandPowerFrame(double endTimeSeconds, BandSet bands, double[][] absolute, int[] qualityBits,
                             boolean discontinuity, double gapSeconds) {
    /** Validates shapes, flags and values and copies the arrays. */
    public BandPowerFrame {
        if (!Double.isFinite(endTimeSeconds)) {
            throw new IllegalArgumentException("frame time " + endTimeSeconds + " s must be finite");
        }
        if (bands == null || absolute == null || absolute.length == 0) {
            throw new IllegalArgumentException("band-power frame needs bands and at least one channel");
        }
        Validation.requireShape(absolute, absolute.length, bands.size(), "band-power frame");
        if (qualityBits == null || qualityBits.length != absolute.length) {
            throw new IllegalArgumentException("band-power frame has " + absolute.length + " channels but "
                    + (qualityBits == null ? 0 : qualityBits.length) + " quality masks");
        }
        for (int bits : qualityBits) new QualityFlags(bits);
        for (int c = 0; c < absolute.length; c++) {
            for (int b = 0; b < absolute[c].length; b++) {
                if (!Double.isFinite(absolute[c][b])) {
                    throw new IllegalArgumentException("band-power frame channel " + c + " band " + bands.get(b).name()
                            + " has power " + absolute[c][b] + " uV^2; a channel without power must be flagged "
                            + QualityFlag.NON_FINITE + " and hold 0.0");
                }
            }
        }
        if (!Double.isNaN(gapSeconds) && !(gapSeconds >= 0 && Double.isFinite(gapSeconds))) {
            throw new IllegalArgumentException("gap " + gapSeconds + " s must be NaN (unknown) or finite and at least 0");
        }
        absolute = PowerSpectrum.deepCopy(absolute);
        qualityBits = qualityBits.clone();
    }

    /**
     * A frame without quality flags or discontinuity (every channel clean).
     *
     * @param absolute uV^2, {@code [channel][band]}, finite; copied in
     */
    public BandPowerFrame(double endTimeSeconds, BandSet bands, double[][] absolute) {
        this(endTimeSeconds, bands, absolute, new int[absolute == null ? 0 : absolute.length], false, Double.NaN);
    }

    /** Absolute power of {@code band} in {@code channel}, uV^2; 0.0 when the channel has no power. */
    public double absolute(int channel, int band) {
        return absolute[channel][band];
    }

    /**
     * Relative power of {@code band} in {@code channel}; 0.0 when the channel has no power or
     * all its bands are zero.
     */
    public double relative(int channel, int band) {
        double r = BandPowers.relative(absolute[channel], 0, bands.size(), band);
        return Double.isNaN(r) ? 0.0 : r;
    }

    /** Whether {@code channel}'s window was all finite, so its powers are measurements. */
    public boolean hasPower(int channel) {
        return (qualityBits[channel] & QualityFlag.NON_FINITE.bit()) == 0;
    }

    /** Quality flags of {@code channel}'s window. */
    public QualityFlags quality(int channel) {
        return new QualityFlags(qualityBits[channel]);
    }

    /** A copy of the powers, {@code [channel][band]}, uV^2. */
    @Override
    public double[][] absolute() {
        return PowerSpectrum.deepCopy(absolute);
    }

    /** A copy of the quality masks, one per channel. */
    @Override
    public int[] qualityBits() {
        return qualityBits.clone();
    }

    /** Number of channels. */
    public int channelCount() {
        return absolute.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandPowerFrame f && Double.compare(f.endTimeSeconds, endTimeSeconds) == 0
                && f.bands.equals(bands) && Arrays.deepEquals(f.absolute, absolute)
                && Arrays.equals(f.qualityBits, qualityBits) && f.discontinuity == discontinuity
                && Double.compare(f.gapSeconds, gapSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return (Double.hashCode(endTimeSeconds) * 31 + Arrays.deepHashCode(absolute)) * 31 + Arrays.hashCode(qualityBits);
    }

    @Override
    public String toString() {
        return "BandPowerFrame[" + endTimeSeconds + " s, channels=" + absolute.length + ", " + bands.format()
                + (discontinuity ? ", after gap " + gapSeconds + " s" : "") + "]";
    }
}
