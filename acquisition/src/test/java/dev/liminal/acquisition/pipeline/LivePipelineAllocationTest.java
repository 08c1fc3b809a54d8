package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.simulation.SimulationSettings;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the dsp thread allocates per frame once warm: the published snapshot (an object and two
 * arrays of regions x bands doubles) and the timeline writer's amortised buffer flushes, nothing
 * that grows with the channels or the samples. Measured with the JVM's per-thread allocation
 * counter between two halves of a session, so start-up (processor, JIT, class loading) drops out.
 */
class LivePipelineAllocationTest {
    /**
     * Per-frame budget: the snapshot is about 520 bytes (object ~90, two double[25] of 216);
     * the 32-channel chunk data (32 x 50 doubles = 12.8 kB per frame) must not show up.
     */
    private static final long MAX_BYTES_PER_FRAME = 1024;

    /** Serves the first {@code half} frames, then the rest once released, then waits for close. */
    private static final class GatedSource implements StreamSource {
        private final StreamInfo info;
        private final double[][] values;
        private final double[] times;
        private final int half;
        private final Semaphore release = new Semaphore(0);
        private volatile boolean closed;
        private int next;

        GatedSource(StreamInfo info, double[][] values, double[] times) {
            this.info = info;
            this.values = values;
            this.times = times;
            this.half = times.length / 2;
        }

        @Override
        public StreamInfo info() {
            return info;
        }

        @Override
        public int read(double[][] dst, double[] ts, int offset, int maxFrames, Duration timeout) throws java.io.IOException {
            if (closed) return END_OF_STREAM;
            int limit = next < half ? half : times.length;
            if (next == half) {
                try {
                    if (!release.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) return 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("gated source interrupted");
                }
                release.release();
            }
            if (next == times.length) {
                try {
                    Thread.sleep(Math.min(10, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return closed ? END_OF_STREAM : 0;
            }
            int n = Math.min(maxFrames, limit - next);
            for (int c = 0; c < info.channelCount(); c++) System.arraycopy(values[c], next, dst[c], offset, n);
            System.arraycopy(times, next, ts, offset, n);
            next += n;
            return n;
        }

        @Override
        public int readStrings(String[][] dst, double[] ts, int offset, int maxFrames, Duration timeout) {
            throw new UnsupportedOperationException("numeric");
        }

        @Override
        public void close() {
            closed = true;
            release.release();
        }
    }

    @Test
    @Timeout(60)
    void warmDspThreadAllocatesOnlyTheSnapshotPerFrame(@TempDir Path dir) throws Exception {
        SimulatedStreams s = new SimulatedStreams(SimulationSettings.DEFAULT.withSpeed(100), 40, 1000);
        GatedSource eeg = new GatedSource(s.headset.eegStream(), s.eeg, s.eegTimes);
        LivePipeline p = new LivePipeline(PipelineInput.local(eeg), null,
                LivePipelineOptions.defaults().withRingSeconds(60).withTimelineCsv(dir.resolve("timeline.csv")));
        p.start();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long dsp = -1;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("liminal-dsp-" + s.headset.eegStream().name())) dsp = t.getId();
        }
        assertTrue(dsp >= 0, "dsp thread found");
        // first half: 20 s -> frames ending at 2.0 .. 20.0 s
        long firstHalf = 181;
        long total = 381;
        awaitFrames(p, firstHalf);
        Thread.sleep(100); // let the dsp thread settle into its wait
        long before = threads.getThreadAllocatedBytes(dsp);
        eeg.release.release();
        awaitFrames(p, total);
        Thread.sleep(100);
        long after = threads.getThreadAllocatedBytes(dsp);
        assertTrue(p.stop(Duration.ofSeconds(5)));
        long perFrame = (after - before) / (total - firstHalf);
        assertTrue(perFrame <= MAX_BYTES_PER_FRAME, perFrame + " bytes per frame (" + (after - before) + " for "
                + (total - firstHalf) + " frames)");
        assertTrue(perFrame >= 400, perFrame + " bytes per frame: the snapshots must be counted, or the counter is dead");
    }

    private static void awaitFrames(LivePipeline p, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.latest().map(LiveSnapshot::frames).orElse(0L) < frames && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.latest().map(LiveSnapshot::frames).orElse(0L) >= frames, "reached " + frames + " frames");
    }
}
