package dev.liminal.dsp.quality;

import java.util.Arrays;
import java.util.List;

/**
 * Quality of one frame (analysis window): one {@link QualityFlags} per channel. Immutable;
 * thread-safe.
 *
 * @param channels flags per channel, at least one; copied into an unmodifiable list
 */
public record FrameQuality(List<QualityFlags> channels) {
    /** Validates and copies. */
    public FrameQuality {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("frame quality needs at least one channel");
        }
        channels = List.copyOf(channels);
    }

    /** Builds from bitmasks as {@link QualityAssessor#assess(double[][], int, int, int[])} fills them. */
    public static FrameQuality ofBits(int[] bits) {
        QualityFlags[] flags = new QualityFlags[bits.length];
        for (int c = 0; c < bits.length; c++) flags[c] = new QualityFlags(bits[c]);
        return new FrameQuality(List.of(flags));
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** Flags of channel {@code c}. */
    public QualityFlags channel(int c) {
        return channels.get(c);
    }

    /** Whether any channel has {@code flag}. */
    public boolean any(QualityFlag flag) {
        for (QualityFlags f : channels) if (f.contains(flag)) return true;
        return false;
    }

    /**
     * Whether numbers computed from channel {@code c} of this frame may be shown: false when
     * the window held NaN or infinity. (Amplitude, flat and EMG flags mark suspect but real
     * numbers; it is up to the caller whether to hide them.)
     */
    public boolean isUsable(int c) {
        return !channels.get(c).contains(QualityFlag.NON_FINITE);
    }

    /**
     * Sets to NaN every value of each channel that is not {@link #isUsable(int) usable}, so
     * band powers of a window with non-finite samples can never travel on as numbers.
     *
     * @param valuesByChannel e.g. band powers {@code [channel][band]} of this frame, at least
     *                        {@link #channelCount()} rows; Modified
     */
    public void blankUnusable(double[][] valuesByChannel) {
        if (valuesByChannel == null || valuesByChannel.length < channels.size()) {
            throw new IllegalArgumentException("values have " + (valuesByChannel == null ? 0 : valuesByChannel.length)
                    + " channels, frame quality has " + channels.size());
        }
        for (int c = 0; c < channels.size(); c++) {
            if (!isUsable(c)) Arrays.fill(valuesByChannel[c], Double.NaN);
        }
    }
}
