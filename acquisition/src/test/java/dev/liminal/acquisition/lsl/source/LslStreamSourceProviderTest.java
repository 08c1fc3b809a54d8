package dev.liminal.acquisition.lsl.source;

import dev.liminal.core.stream.StreamSourceProvider;
import dev.liminal.core.stream.StreamSourceProviders;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code lsl} provider's registration and option checks (no network reached). */
class LslStreamSourceProviderTest {
    @Test
    void isRegisteredUnderLsl() {
        StreamSourceProvider p = StreamSourceProviders.byId("lsl").orElseThrow();
        assertTrue(p instanceof LslStreamSourceProvider);
        assertTrue(p.description().contains("clock_sync"));
    }

    @Test
    void refusesUnknownAndMalformedOptionsQuotingThem() {
        LslStreamSourceProvider p = new LslStreamSourceProvider();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> p.open("EEG", Map.of("speed", "2")));
        assertTrue(unknown.getMessage().contains("'speed'"), unknown.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> p.open("EEG", Map.of("timeout", "-1")));
        assertTrue(timeout.getMessage().contains("-1.0"), timeout.getMessage());
        IllegalArgumentException sync = assertThrows(IllegalArgumentException.class,
                () -> p.open("EEG", Map.of("clock_sync", "yes")));
        assertEquals("lsl clock_sync 'yes' is neither true nor false", sync.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.open(" ", Map.of()));
    }
}
