package dev.liminal.core;

import java.util.OptionalDouble;

/**
 * Physical units as files spell them. Liminal keeps voltages in microvolts; every other unit
 * is kept as the file gave it. Immutable utility; thread-safe.
 */
public final class Units {
    /** The canonical spelling Liminal uses for microvolts in memory and in files it writes. */
    public static final String MICROVOLT = "uV";

    private Units() {}

    /**
     * The factor that turns a value in {@code unit} into microvolts, or empty when the unit is
     * not a voltage. Accepts V, mV, uV, µV (micro sign U+00B5 or Greek mu U+03BC), nV and the
     * upper-case spellings some devices write ("UV", "MV").
     */
    public static OptionalDouble microvoltFactor(String unit) {
        if (unit == null) return OptionalDouble.empty();
        String u = unit.trim().replace('\u00B5', 'u').replace('\u03BC', 'u');
        switch (u) {
            case "V": return OptionalDouble.of(1e6);
            case "mV": case "MV": case "mv": return OptionalDouble.of(1e3);
            case "uV": case "UV": case "uv": return OptionalDouble.of(1.0);
            case "nV": case "NV": case "nv": return OptionalDouble.of(1e-3);
            default: return OptionalDouble.empty();
        }
    }

    /** Whether {@code unit} is a voltage (see {@link #microvoltFactor}). */
    public static boolean isVoltage(String unit) {
        return microvoltFactor(unit).isPresent();
    }

    /** The unit a channel has in memory: {@link #MICROVOLT} for voltages, else {@code unit} trimmed. */
    public static String inMemoryUnit(String unit) {
        return isVoltage(unit) ? MICROVOLT : (unit == null ? "" : unit.trim());
    }
}
