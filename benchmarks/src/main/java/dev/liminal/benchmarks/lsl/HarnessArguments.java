package dev.liminal.benchmarks.lsl;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments of a harness main, checked against the names it knows.
 *
 * <p>Immutable.
 */
final class HarnessArguments {
    private final String harness;
    private final Map<String, String> values = new HashMap<>();

    /**
     * @throws IllegalArgumentException on an unknown name, a name without value or a stray word
     */
    HarnessArguments(String harness, String[] args, Set<String> known) {
        this.harness = harness;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException(harness + ": unknown argument '" + name + "'; known: " + known);
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(harness + ": " + name + " needs a value");
            values.put(name, args[++i]);
        }
    }

    /** The value of {@code name}, or {@code fallback}. */
    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * The number given for {@code name}, or {@code fallback}, within {@code [min, max]}.
     *
     * @throws IllegalArgumentException when it is not a number or out of range
     */
    double number(String name, double fallback, double min, double max) {
        String text = values.get(name);
        double v;
        try {
            v = text == null ? fallback : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(harness + ": " + name + " '" + text + "' is not a number");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(harness + ": " + name + " " + v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** {@link #number} as an int. */
    int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }
}
