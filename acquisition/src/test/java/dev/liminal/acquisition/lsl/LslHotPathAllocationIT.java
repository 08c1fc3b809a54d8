package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With samples pushed one at a time (the live case) the outlet's session thread and the inlet's
 * reader thread each wake once per sample; neither may allocate per wake-up, or a 1000 Hz stream
 * feeds the garbage collector from the data path. (The session thread once did: a method
 * reference evaluated inside its wait loop, 16 bytes per wake-up.)
 */
class LslHotPathAllocationIT {
    private static final int CHANNELS = 64;
    private static final double RATE_HZ = 1000;
    /** Pushes measured, each followed by a pause so that the session wakes for each one. */
    private static final int PUSHES = 1000;
    private static final long PAUSE_NANOS = 500_000;
    /** Untimed pushes first, so that class loading and first-use caches of the socket path are done. */
    private static final int WARM_UP_PUSHES = 500;
    /**
     * Bound on each thread's allocation over all measured pushes: well under one small object
     * (16 bytes) per wake-up, and room for a rare JDK-internal allocation.
     */
    private static final long MAX_ALLOCATED_BYTES = PUSHES * 4L;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sessionAndReaderThreadsAllocateNothingPerSample() throws Exception {
        String name = "alloc-" + ProcessHandle.current().pid();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", CHANNELS, RATE_HZ, ChannelFormat.FLOAT32, name);
        try (LslOutlet outlet = LslOutlet.open(info, LslTestPorts.config())) {
            List<LslStreamInfo> found = LslResolver.resolve("name='" + name + "'", 1, LslTestPorts.RESOLVE_TIMEOUT,
                    LslTestPorts.config());
            assertFalse(found.isEmpty(), "stream " + name + " not resolved");
            try (LslInlet inlet = LslInlet.open(found.get(0), LslTestPorts.options())) {
                assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)), "no consumer");
                Thread session = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("liminal-lsl-session-" + name)).findFirst().orElseThrow();
                Thread reader = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("liminal-lsl-inlet-" + name)).findFirst().orElseThrow();
                com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                float[] sample = new float[CHANNELS];
                float[] pulled = new float[CHANNELS * 64];
                double[] stamps = new double[64];
                pushPaced(outlet, sample, WARM_UP_PUSHES);
                drain(inlet, pulled, stamps, WARM_UP_PUSHES);
                long before = threads.getThreadAllocatedBytes(session.getId());
                long readerBefore = threads.getThreadAllocatedBytes(reader.getId());
                pushPaced(outlet, sample, PUSHES);
                drain(inlet, pulled, stamps, PUSHES);
                long allocated = threads.getThreadAllocatedBytes(session.getId()) - before;
                long readerAllocated = threads.getThreadAllocatedBytes(reader.getId()) - readerBefore;
                assertTrue(allocated <= MAX_ALLOCATED_BYTES, "session thread allocated " + allocated + " bytes over "
                        + PUSHES + " single-sample pushes (at most " + MAX_ALLOCATED_BYTES + " allowed)");
                assertTrue(readerAllocated <= MAX_ALLOCATED_BYTES, "inlet reader thread allocated " + readerAllocated
                        + " bytes over " + PUSHES + " single-sample pushes (at most " + MAX_ALLOCATED_BYTES + " allowed)");
            }
        }
    }

    private static void pushPaced(LslOutlet outlet, float[] sample, int count) {
        for (int i = 0; i < count; i++) {
            sample[0] = i;
            outlet.pushSample(sample);
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Pulls until {@code count} samples came, so that the session has written them all. */
    private static void drain(LslInlet inlet, float[] pulled, double[] stamps, int count) throws LslProtocolException {
        int got = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got < count && System.nanoTime() < deadline) {
            got += inlet.pullChunk(pulled, stamps, LslTestPorts.PULL_TIMEOUT);
        }
        assertEquals(count, got, "samples pulled");
    }
}
