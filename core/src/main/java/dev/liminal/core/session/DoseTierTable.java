package dev.liminal.core.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a dose in mg/kg to a tier. Tiers may not overlap; a dose outside every tier has no tier.
 * The tier with the highest upper bound includes that bound. Route and rate are kept beside the
 * tier by {@link Dose}, because 1-2 mg/kg is psychedelic IM but anaesthetic as an IV bolus.
 * Immutable.
 *
 * @param tiers the tiers; non-overlapping, with unique names; stored sorted by lower bound
 */
public record DoseTierTable(List<DoseTier> tiers) {
    /** DOMAIN.md defaults: LOW 0.25-0.5, MODERATE 0.5-1.0, HIGH 1.0-2.0 mg/kg. */
    public static final DoseTierTable DEFAULT = new DoseTierTable(List.of(
            new DoseTier("LOW", 0.25, 0.5),
            new DoseTier("MODERATE", 0.5, 1.0),
            new DoseTier("HIGH", 1.0, 2.0)));

    public DoseTierTable {
        List<DoseTier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparingDouble(DoseTier::lowMgPerKg));
        Set<String> names = new HashSet<>();
        for (DoseTier t : sorted) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("dose tier name " + t.name() + " appears twice");
            }
        }
        for (int i = 1; i < sorted.size(); i++) {
            DoseTier a = sorted.get(i - 1);
            DoseTier b = sorted.get(i);
            if (b.lowMgPerKg() < a.highMgPerKg()) {
                throw new IllegalArgumentException("dose tiers " + a.name() + " (" + a.lowMgPerKg() + "-"
                        + a.highMgPerKg() + " mg/kg) and " + b.name() + " (" + b.lowMgPerKg() + "-"
                        + b.highMgPerKg() + " mg/kg) overlap");
            }
        }
        tiers = List.copyOf(sorted);
    }

    /** The tier holding {@code mgPerKg}, if any. */
    public Optional<DoseTier> tierOf(double mgPerKg) {
        for (int i = 0; i < tiers.size(); i++) {
            DoseTier t = tiers.get(i);
            boolean top = i == tiers.size() - 1;
            if (mgPerKg >= t.lowMgPerKg() && (mgPerKg < t.highMgPerKg() || (top && mgPerKg == t.highMgPerKg()))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The tier of a dose, by its mg/kg. */
    public Optional<DoseTier> tierOf(Dose dose) {
        return tierOf(dose.mgPerKg());
    }
}
