package dev.liminal.core.session;

import java.util.Objects;

/**
 * A named dose range in mg/kg: lower bound inclusive, upper exclusive (the table's top tier
 * also includes its upper bound, see {@link DoseTierTable}). Immutable.
 *
 * @param name        tier name, e.g. {@code "LOW"}
 * @param lowMgPerKg  lower bound in mg/kg, finite and >= 0
 * @param highMgPerKg upper bound in mg/kg, finite and > low
 */
public record DoseTier(String name, double lowMgPerKg, double highMgPerKg) {
    public DoseTier {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("dose tier name is blank");
        if (!(lowMgPerKg >= 0) || !(highMgPerKg > lowMgPerKg) || Double.isInfinite(highMgPerKg)) {
            throw new IllegalArgumentException("dose tier " + name + ": range " + lowMgPerKg + "-" + highMgPerKg
                    + " mg/kg is not finite with 0 <= low < high");
        }
    }
}
