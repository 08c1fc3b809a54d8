package dev.liminal.core.stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writing and reading a ring allocate nothing: the bytes this thread allocates over many
 * write/read cycles stay below one byte per cycle (what is left is the measurement itself).
 */
class RingAllocationTest {
    static final int CYCLES = 200_000;
    /** Far below one byte per cycle: any per-call allocation (16+ bytes) would exceed it many times. */
    static final long ALLOWED_BYTES = 4096;

    static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocated bytes per thread");
        return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void numericWriteAndReadAllocateNothing() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", 64, 1024);
        SampleRingReader reader = ring.newReader();
        double[][] src = new double[64][8];
        double[][] dst = new double[64][8];
        double[] ts = new double[8];
        double[] out = new double[8];
        Duration timeout = Duration.ofMillis(1);
        for (int i = 0; i < CYCLES; i++) cycle(ring, reader, src, ts, dst, out, timeout);
        long before = allocatedBytes();
        for (int i = 0; i < CYCLES; i++) cycle(ring, reader, src, ts, dst, out, timeout);
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated in " + CYCLES + " write/read cycles");
    }

    private static void cycle(SampleRing ring, SampleRingReader reader, double[][] src, double[] ts, double[][] dst,
                              double[] out, Duration timeout) throws InterruptedException {
        ring.write(src, ts, 0, 8);
        if (reader.read(dst, out, 0, 8, timeout) != 8) throw new AssertionError("lost frames in a single-thread cycle");
    }

    @Test
    void stringWriteAndReadAllocateNothing() {
        StringRing ring = new StringRing("markers", 1, 64);
        StringRingReader reader = ring.newReader();
        String[][] src = {{"a"}, {"b"}};
        String[][] dst = new String[2][1];
        double[] ts = new double[2];
        double[] out = new double[2];
        for (int i = 0; i < CYCLES; i++) stringCycle(ring, reader, src, ts, dst, out);
        long before = allocatedBytes();
        for (int i = 0; i < CYCLES; i++) stringCycle(ring, reader, src, ts, dst, out);
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated in " + CYCLES + " write/read cycles");
    }

    private static void stringCycle(StringRing ring, StringRingReader reader, String[][] src, double[] ts,
                                    String[][] dst, double[] out) {
        ring.write(src, ts, 0, 2);
        if (reader.read(dst, out, 0, 2) != 2) throw new AssertionError("lost frames in a single-thread cycle");
    }
}
