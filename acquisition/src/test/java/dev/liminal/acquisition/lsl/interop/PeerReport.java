package dev.liminal.acquisition.lsl.interop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a C peer printed, parsed: lines {@code <ROLE> <phase> key=value key=value ...}. A token
 * without {@code =} continues the previous value (error messages contain spaces). When a phase is
 * printed twice the first line wins. Immutable after construction.
 */
public final class PeerReport {
    private final String text;
    private final Map<String, Map<String, String>> phases = new LinkedHashMap<>();

    /** Parses the lines of {@code role} (e.g. {@code OUTLET}) from {@code lines}. */
    public PeerReport(String role, List<String> lines) {
        this.text = String.join("\n", lines);
        for (String line : lines) {
            String[] tokens = line.trim().split(" ");
            if (tokens.length < 2 || !tokens[0].equals(role)) continue;
            Map<String, String> values = new LinkedHashMap<>();
            String lastKey = null;
            for (int t = 2; t < tokens.length; t++) {
                int eq = tokens[t].indexOf('=');
                if (eq > 0) {
                    lastKey = tokens[t].substring(0, eq);
                    values.put(lastKey, tokens[t].substring(eq + 1));
                } else if (lastKey != null) {
                    values.put(lastKey, values.get(lastKey) + " " + tokens[t]);
                }
            }
            phases.putIfAbsent(tokens[1], values);
        }
    }

    /** Whether the peer printed {@code phase}. */
    public boolean has(String phase) {
        return phases.containsKey(phase);
    }

    /** The value of {@code key} in {@code phase}; throws naming the whole output when absent. */
    public String value(String phase, String key) {
        Map<String, String> values = phases.get(phase);
        String v = values == null ? null : values.get(key);
        if (v == null) throw new IllegalStateException("peer printed no " + phase + " " + key + "; output:\n" + text);
        return v;
    }

    /** The value of {@code key} in {@code phase}, if printed. */
    public Optional<String> optional(String phase, String key) {
        Map<String, String> values = phases.get(phase);
        return Optional.ofNullable(values == null ? null : values.get(key));
    }

    public double doubleValue(String phase, String key) {
        return Double.parseDouble(value(phase, key));
    }

    public long longValue(String phase, String key) {
        return Long.parseLong(value(phase, key));
    }

    /** Everything the peer printed, for failure messages. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
