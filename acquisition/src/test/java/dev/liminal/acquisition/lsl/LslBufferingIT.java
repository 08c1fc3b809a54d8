package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several inlets on one outlet, and the inlet buffer's drop-oldest accounting. */
class LslBufferingIT {

    @Test
    @Timeout(20)
    void everyInletReceivesEverySample() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("FanOut", "EEG", 2, 100, ChannelFormat.INT32, "fan"), config)) {
            LslStreamInfo r = LslResolver.resolve("name='FanOut'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet a = LslInlet.open(r, LslTestPorts.options());
                 LslInlet b = LslInlet.open(r, LslTestPorts.options().withProtocolVersion(100))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (outlet.consumerCount() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
                assertEquals(2, outlet.consumerCount());
                int[] chunk = new int[200];
                for (int i = 0; i < chunk.length; i++) chunk[i] = i;
                outlet.pushChunk(chunk, 100, 0.0);
                for (LslInlet inlet : new LslInlet[] {a, b}) {
                    long sum = 0;
                    int n = 0;
                    long[][] v = new long[2][64];
                    double[] ts = new double[64];
                    while (n < 100 && System.nanoTime() < deadline) {
                        int k = inlet.pullChunk(v, ts, LslTestPorts.PULL_TIMEOUT);
                        for (int i = 0; i < k; i++) sum += v[0][i] + v[1][i];
                        n += k;
                    }
                    assertEquals(100, n);
                    assertEquals(199L * 200 / 2, sum);
                }
            }
        }
    }

    @Test
    @Timeout(20)
    void fullInletBufferDropsTheOldestAndCountsThem() throws Exception {
        LslConfig config = LslTestPorts.config();
        int capacity = 100;
        int pushed = 1000;
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Overflow", "EEG", 1, 1000, ChannelFormat.FLOAT32, "of"), config)) {
            LslStreamInfo r = LslResolver.resolve("name='Overflow'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet inlet = LslInlet.open(r, LslTestPorts.options().withMaxBufferedSamples(capacity))) {
                assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
                // bursts smaller than the outlet-side window (Max-Buffer-Length = capacity), so the
                // outlet drops nothing and every drop happens in the inlet buffer
                int burst = capacity / 2;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                for (int i = 0; i < pushed; i++) {
                    outlet.pushSample(new float[] {i}, 1.0 + i / 1000.0);
                    if ((i + 1) % burst == 0) {
                        while (inlet.droppedSamples() + inlet.samplesAvailable() < i + 1 && System.nanoTime() < deadline) Thread.sleep(2);
                    }
                }
                assertEquals(pushed - capacity, inlet.droppedSamples());
                float[] v = new float[2 * capacity];
                double[] ts = new double[2 * capacity];
                assertEquals(capacity, inlet.pullChunk(v, ts, Duration.ZERO));
                assertEquals(pushed - capacity, v[0], "the newest samples are kept");
                assertEquals(pushed - 1, v[capacity - 1]);
            }
        }
    }

    @Test
    @Timeout(20)
    void pullSampleReturnsOneSampleOrNanOnTimeout() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet markers = LslOutlet.open(LslStreamInfo.create("Markers1", "Markers", 1, 0, ChannelFormat.STRING, "mk"), config);
             LslOutlet numbers = LslOutlet.open(LslStreamInfo.create("Numbers1", "EEG", 2, 0, ChannelFormat.INT64, "nb"), config)) {
            LslStreamInfo m = LslResolver.resolve("name='Markers1'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            LslStreamInfo n = LslResolver.resolve("name='Numbers1'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet mi = LslInlet.open(m, LslTestPorts.options()); LslInlet ni = LslInlet.open(n, LslTestPorts.options())) {
                String[] marker = new String[1];
                assertTrue(Double.isNaN(mi.pullSample(marker, Duration.ofMillis(50))), "nothing pushed yet");
                markers.pushSample(new String[] {"eyes-closed"}, 12.5);
                numbers.pushSample(new long[] {7, -8}, 13.5);
                assertEquals(12.5, mi.pullSample(marker, LslTestPorts.PULL_TIMEOUT));
                assertEquals("eyes-closed", marker[0]);
                double[] v = new double[2];
                assertEquals(13.5, ni.pullSample(v, LslTestPorts.PULL_TIMEOUT));
                assertEquals(7.0, v[0]);
                assertEquals(-8.0, v[1]);
            }
        }
    }
}
