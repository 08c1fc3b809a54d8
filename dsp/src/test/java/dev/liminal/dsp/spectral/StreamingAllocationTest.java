package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.liminal.dsp.fft.WindowFunction;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The live path allocates nothing per chunk or frame once warmed up, measured with the JVM's
 * per-thread allocation counter (the same figure JMH's {@code -prof gc} reports per operation).
 */
class StreamingAllocationTest {
    /**
     * Bytes the whole measured run may allocate. Zero is the design; the counter itself and
     * a stray JIT-time allocation on this thread may add a few hundred bytes, far below the
     * 60 B per channel per frame (48 KB here) an immutable frame per hop would cost.
     */
    private static final long TOLERANCE_BYTES = 1024;
    private static final int FRAMES = 1000;

    private double checksum;

    @Test
    void feedingChunksAndReadingEveryFrameAllocatesNothingAfterWarmUp() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(),
                "this JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        int channels = 8;
        TimelineParameters parameters = new TimelineParameters(250, 500, 25, WindowFunction.HANN);
        double[][] source = BandPowerTimelineEstimatorTest.randomChannels(channels, 5000, 17);
        StreamingBandPowerProcessor processor = new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, channels, 0.0);
        StreamingFrameSink sink = f -> {
            for (int c = 0; c < f.channelCount(); c++) {
                checksum += f.qualityBits(c);
                for (int b = 0; b < f.bands().size(); b++) checksum += f.absolute(c, b) + f.relative(c, b);
            }
            checksum += f.endTimeSeconds();
        };
        int[] position = {0};
        // Warm-up: enough frames for the JIT to compile the loop; chunk sizes vary so every branch runs.
        int[] sizes = {1, 7, 25, 100, 13};
        for (int i = 0; i < 4000; i++) feedWrapping(processor, source, position, sizes[i % sizes.length], sink);
        long before = threads.getCurrentThreadAllocatedBytes();
        int frames = 0;
        int chunk = 0;
        while (frames < FRAMES) {
            frames += feedWrapping(processor, source, position, sizes[chunk++ % sizes.length], sink);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(frames >= FRAMES, frames + " frames");
        assertTrue(before >= 0, "the allocation counter is enabled");
        assertTrue(allocated < TOLERANCE_BYTES, allocated + " bytes allocated over " + FRAMES + " frames");
        assertTrue(Double.isFinite(checksum));

        // Control: the same counter sees the convenience path's immutable frame per hop.
        long beforeSnapshots = threads.getCurrentThreadAllocatedBytes();
        int snapshots = 0;
        while (snapshots < FRAMES) {
            if (position[0] + 25 > source[0].length) position[0] = 0;
            snapshots += processor.process(source, position[0], 25, f -> checksum += f.endTimeSeconds());
            position[0] += 25;
        }
        long snapshotBytes = threads.getCurrentThreadAllocatedBytes() - beforeSnapshots;
        assertTrue(snapshotBytes > (long) FRAMES * channels * BandSet.DEFAULT.size() * Double.BYTES,
                snapshotBytes + " bytes for " + FRAMES + " immutable frames: the counter must see them");
    }

    private static int feedWrapping(StreamingBandPowerProcessor processor, double[][] source, int[] position, int size,
                                    StreamingFrameSink sink) {
        if (position[0] + size > source[0].length) position[0] = 0;
        int frames = processor.feed(source, position[0], size, sink);
        position[0] += size;
        return frames;
    }
}
