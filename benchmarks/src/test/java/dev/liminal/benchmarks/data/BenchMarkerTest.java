package dev.liminal.benchmarks.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchMarkerTest {
    @Test
    void scheduleAlternatesEyesClosedAndOpenEveryThirtySeconds() {
        assertEquals(List.of(new BenchMarker(10.5, "eyes closed"), new BenchMarker(25.25, "eyes open"),
                new BenchMarker(40.5, "eyes closed"), new BenchMarker(55.25, "eyes open")), BenchMarker.schedule(65));
        assertEquals(240, BenchMarker.schedule(3600).size());
        assertEquals(List.of(), BenchMarker.schedule(10));
    }

    @Test
    void rejectsControlCharactersThatWouldBreakAnEdfPlusTal() {
        assertThrows(IllegalArgumentException.class, () -> new BenchMarker(1, "a\u0014b"));
        assertThrows(IllegalArgumentException.class, () -> new BenchMarker(-1, "x"));
    }
}
