package dev.liminal.benchmarks.lsl;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HarnessArgumentsTest {
    private static final Set<String> KNOWN = Set.of("--channels", "--mode");

    @Test
    void readsGivenValuesAndFallsBackOtherwise() {
        HarnessArguments a = new HarnessArguments("H", new String[] {"--channels", "32"}, KNOWN);
        assertEquals(32, a.integer("--channels", 64, 1, 100));
        assertEquals("in-process", a.text("--mode", "in-process"));
    }

    @Test
    void rejectsUnknownNamesMissingValuesAndOutOfRangeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new HarnessArguments("H", new String[] {"--chanels", "3"}, KNOWN));
        assertThrows(IllegalArgumentException.class, () -> new HarnessArguments("H", new String[] {"--channels"}, KNOWN));
        HarnessArguments a = new HarnessArguments("H", new String[] {"--channels", "0", "--mode", "x1"}, KNOWN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.integer("--channels", 64, 1, 100));
        assertEquals("H: --channels 0.0 is outside [1.0, 100.0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.number("--mode", 1, 0, 10));
    }
}
