package dev.liminal.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one stream of samples: an LSL stream, an XDF stream, or a group of file channels
 * sharing one sampling rate. Immutable.
 *
 * @param name          human-readable name, e.g. {@code "obci_eeg1"}
 * @param type          content type as LSL uses it, e.g. {@code "EEG"}, {@code "Markers"}
 * @param sourceId      the source's unique id, or {@code ""} when unknown
 * @param channels      the channels in order; at least one
 * @param nominalRateHz sampling rate in Hz, {@code 0} for irregular streams (markers)
 * @param format        how values are stored by the source
 * @param properties    further stream facts (hostname, created_at, uid, version...)
 */
public record StreamInfo(String name, String type, String sourceId, List<ChannelInfo> channels,
                         double nominalRateHz, SampleFormat format, Map<String, String> properties) {
    /** The rate LSL and XDF write for irregular streams. */
    public static final double IRREGULAR_RATE = 0.0;

    public StreamInfo {
        Objects.requireNonNull(name, "name");
        type = type == null ? "" : type;
        sourceId = sourceId == null ? "" : sourceId;
        channels = List.copyOf(channels);
        Objects.requireNonNull(format, "format");
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        if (!(nominalRateHz >= 0) || Double.isInfinite(nominalRateHz)) {
            throw new IllegalArgumentException("stream '" + name + "': nominal rate " + nominalRateHz
                    + " Hz is not a finite value >= 0");
        }
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** Whether the stream has no nominal rate (markers, events). */
    public boolean isIrregular() {
        return nominalRateHz == IRREGULAR_RATE;
    }

    /** A property, or {@code ""} when absent. */
    public String property(String key) {
        return properties.getOrDefault(key, "");
    }
}
