package dev.liminal.dsp.region;

import java.util.Arrays;

/**
 * One named group of channels. Immutable; thread-safe.
 *
 * @param name     region name, e.g. {@code frontal}: non-blank, no whitespace, ':', ',' or ';'
 * @param channels indices of its channels into the channel list the map was built for, at
 *                 least one, ascending, no repeats; copied in and out
 */
public record ChannelRegion(String name, int[] channels) {
    /** Validates and copies. */
    public ChannelRegion {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("region name must not be blank: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == ',' || c == ';' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("region name '" + name + "' must not contain ':', ',', ';' or whitespace");
            }
        }
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("region " + name + " has no channels; expected at least one");
        }
        channels = channels.clone();
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] < 0 || (i > 0 && channels[i] <= channels[i - 1])) {
                throw new IllegalArgumentException("region " + name + " channels " + Arrays.toString(channels)
                        + " must be distinct non-negative indices in ascending order");
            }
        }
    }

    /** A copy of the channel indices. */
    @Override
    public int[] channels() {
        return channels.clone();
    }

    /** Number of channels. */
    public int size() {
        return channels.length;
    }

    /** Index of the {@code i}th channel of this region. */
    public int channel(int i) {
        return channels[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelRegion r && r.name.equals(name) && Arrays.equals(r.channels, channels);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(channels);
    }

    @Override
    public String toString() {
        return "ChannelRegion[" + name + " " + Arrays.toString(channels) + "]";
    }
}
