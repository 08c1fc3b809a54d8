package dev.liminal.core.session;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The ordered phase names a study uses. Immutable.
 *
 * @param name       protocol name, e.g. {@code "ketamine-iv-40min"}; non-blank
 * @param phaseNames phase names in protocol order; non-empty, unique, non-blank
 */
public record ProtocolDefinition(String name, List<String> phaseNames) {
    /** The default protocol of DOMAIN.md: BASELINE, INFUSION, EMERGENCE, RECOVERY. */
    public static final ProtocolDefinition DEFAULT = new ProtocolDefinition("default",
            List.of("BASELINE", "INFUSION", "EMERGENCE", "RECOVERY"));

    public ProtocolDefinition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("protocol name is blank");
        phaseNames = List.copyOf(phaseNames);
        if (phaseNames.isEmpty()) throw new IllegalArgumentException("protocol " + name + " has no phases");
        if (new HashSet<>(phaseNames).size() != phaseNames.size()) {
            throw new IllegalArgumentException("protocol " + name + " repeats a phase name: " + phaseNames);
        }
        for (String p : phaseNames) {
            if (p.isBlank()) throw new IllegalArgumentException("protocol " + name + " has a blank phase name");
        }
    }
}
