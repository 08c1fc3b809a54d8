package dev.liminal.core;

import java.util.Map;
import java.util.Objects;

/**
 * One channel: its label, what it measures and its unit as held in memory (microvolts for
 * every voltage channel, see {@link Units}). Immutable.
 *
 * @param label      the label as the source gave it, trimmed (never null, may be empty)
 * @param type       what the channel measures
 * @param unit       the in-memory unit: {@code "uV"} for voltages, otherwise the source's unit
 * @param attributes further per-channel facts a format carries and a writer may keep, e.g.
 *                   {@code transducer}, {@code prefilter}, {@code physical_min}; copied in
 */
public record ChannelInfo(String label, ChannelType type, String unit, Map<String, String> attributes) {
    /** Attribute key for an EDF transducer field. */
    public static final String TRANSDUCER = "transducer";
    /** Attribute key for an EDF prefilter field. */
    public static final String PREFILTER = "prefilter";

    public ChannelInfo {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /** A channel without attributes. */
    public ChannelInfo(String label, ChannelType type, String unit) {
        this(label, type, unit, Map.of());
    }

    /** An attribute, or {@code ""} when absent. */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }
}
