package dev.liminal.acquisition.simulation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RealTimePacerTest {
    @Test
    void sleepsUntilEachStreamTimeFromTheFirstCall() throws InterruptedException {
        long[] now = {1_000_000_000L};
        List<Long> sleeps = new ArrayList<>();
        RealTimePacer pacer = new RealTimePacer(() -> now[0], nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        });
        assertEquals(0.0, pacer.awaitStreamTime(0));
        assertEquals(List.of(), sleeps);
        assertEquals(0.0, pacer.awaitStreamTime(0.25));
        // 250 ms in slices of at most 100 ms
        assertEquals(List.of(100_000_000L, 100_000_000L, 50_000_000L), sleeps);
        now[0] += 400_000_000L; // the caller took 0.4 s elsewhere
        sleeps.clear();
        assertEquals(0.15, pacer.awaitStreamTime(0.5), 1e-9);
        assertEquals(List.of(), sleeps);
    }
}
