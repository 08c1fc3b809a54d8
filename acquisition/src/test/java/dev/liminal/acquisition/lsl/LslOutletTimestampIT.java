package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outlet timestamp rules (liblsl semantics) seen through a Liminal inlet. */
class LslOutletTimestampIT {
    private static final double RATE_HZ = 200;
    private static final double EXACT = 1e-9;

    @Test
    @Timeout(20)
    void chunkWithOneTimestampIsSpacedByTheNominalRateAndDeducedStampsFollow() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Stamps", "EEG", 1, RATE_HZ, ChannelFormat.DOUBLE64, "st"), config)) {
            LslStreamInfo r = LslResolver.resolve("name='Stamps'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet inlet = LslInlet.open(r, LslTestPorts.options())) {
                assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
                outlet.pushChunk(new double[] {1, 2, 3, 4}, 4, 20.0);
                outlet.pushSample(new double[] {5}, LslOutlet.DEDUCED_TIMESTAMP);
                double before = LslClock.nowSeconds();
                outlet.pushSample(new double[] {6});
                double after = LslClock.nowSeconds();
                double[][] v = new double[1][6];
                double[] ts = new double[6];
                int n = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (n < 6 && System.nanoTime() < deadline) {
                    double[][] part = new double[1][6];
                    double[] pts = new double[6];
                    int k = inlet.pullChunk(part, pts, LslTestPorts.PULL_TIMEOUT);
                    System.arraycopy(part[0], 0, v[0], n, k);
                    System.arraycopy(pts, 0, ts, n, k);
                    n += k;
                }
                assertEquals(6, n);
                assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v[0]);
                double dt = 1 / RATE_HZ;
                assertArrayEquals(new double[] {20 - 3 * dt, 20 - 2 * dt, 20 - dt, 20, 20 + dt}, java.util.Arrays.copyOf(ts, 5), EXACT);
                assertTrue(ts[5] >= before && ts[5] <= after, "0.0 means now: " + ts[5]);
            }
        }
    }

    @Test
    @Timeout(20)
    void pushChecksShapesAndClosedState() throws Exception {
        LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Shapes", "EEG", 2, RATE_HZ, ChannelFormat.FLOAT32, ""), LslTestPorts.config());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outlet.pushSample(new float[3]));
        assertEquals("outlet 'Shapes': sample of 3 values for 2 channels", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> outlet.pushChunk(new float[6], 4, 0.0));
        assertThrows(IllegalArgumentException.class, () -> outlet.pushSample(new String[] {"a", "b"}));
        outlet.close();
        assertThrows(IllegalStateException.class, () -> outlet.pushSample(new float[2]));
    }
}
