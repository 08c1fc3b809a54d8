package dev.liminal.benchmarks.lsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyRecorderTest {
    /** Microsecond figures of values given in whole microseconds: exact up to double rounding. */
    private static final double TOLERANCE_MICROS = 1e-6;

    @Test
    void summarizesWithTheCProgramsNearestRankRule() {
        LatencyRecorder r = new LatencyRecorder(1000);
        // 1..1000 us in reverse order: the summary must sort
        for (int us = 1000; us >= 1; us--) r.add(us * 1e-6);
        LatencyRecorder.Summary s = r.summary();
        assertEquals(1000, s.count());
        assertEquals(500.5, s.meanMicros(), TOLERANCE_MICROS);
        // element round(q * 999): 0.5 -> 500 (value 501), 0.9 -> 899 (900), 0.99 -> 989 (990), 0.999 -> 998 (999)
        assertEquals(501, s.p50Micros(), TOLERANCE_MICROS);
        assertEquals(900, s.p90Micros(), TOLERANCE_MICROS);
        assertEquals(990, s.p99Micros(), TOLERANCE_MICROS);
        assertEquals(999, s.p999Micros(), TOLERANCE_MICROS);
        assertEquals(1000, s.maxMicros(), TOLERANCE_MICROS);
    }

    @Test
    void countsValuesBeyondCapacityAsOverflowWithoutKeepingThem() {
        LatencyRecorder r = new LatencyRecorder(2);
        r.add(1e-6);
        r.add(2e-6);
        r.add(1.0);
        assertEquals(2, r.count());
        assertEquals(1, r.overflow());
        assertEquals(2, r.summary().maxMicros(), TOLERANCE_MICROS);
    }

    @Test
    void emptyRecorderSummarizesToZeros() {
        LatencyRecorder.Summary s = new LatencyRecorder(1).summary();
        assertEquals(0, s.count());
        assertEquals("mean_us=0.0 p50_us=0.0 p90_us=0.0 p99_us=0.0 p999_us=0.0 max_us=0.0", s.resultFields());
    }

    @Test
    void rejectsZeroCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LatencyRecorder(0));
        assertEquals("a latency recorder needs room for at least 1 value, got 0", e.getMessage());
    }
}
