package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timedata exchange on one machine: both ends read the same clock, so the correction is about 0. */
class LslTimeCorrectionIT {
    /** Loopback round trips are well below a millisecond; allow for a loaded 2-core machine. */
    private static final double SAME_CLOCK_TOLERANCE_SECONDS = 0.005;
    private static final double MAX_RTT_SECONDS = 0.050;

    @Test
    @Timeout(30)
    void correctionIsNearZeroOnOneMachineAndClockSyncKeepsTimestamps() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Clock", "EEG", 1, 100, ChannelFormat.DOUBLE64, "clk"), config)) {
            LslStreamInfo resolved = LslResolver.resolve("name='Clock'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet inlet = LslInlet.open(resolved, LslTestPorts.options().withClockSync(true))) {
                LslTimeCorrection tc = inlet.timeCorrectionEstimate(Duration.ofSeconds(5));
                assertEquals(0.0, tc.correctionSeconds(), SAME_CLOCK_TOLERANCE_SECONDS, "correction " + tc);
                assertTrue(tc.rttSeconds() >= 0 && tc.rttSeconds() < MAX_RTT_SECONDS, "rtt " + tc);
                assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
                double pushed = LslClock.nowSeconds();
                outlet.pushSample(new double[] {1.5}, pushed);
                double[][] v = new double[1][1];
                double[] ts = new double[1];
                assertEquals(1, inlet.pullChunk(v, ts, LslTestPorts.PULL_TIMEOUT));
                assertEquals(1.5, v[0][0]);
                assertEquals(pushed, ts[0], SAME_CLOCK_TOLERANCE_SECONDS);
                assertEquals(pushed + tc.correctionSeconds(), ts[0], 1e-9 + Math.abs(tc.correctionSeconds()));
            }
        }
    }

    @Test
    @Timeout(30)
    void correctionIsLocalMinusRemoteAndClockSyncMapsRemoteStampsOntoTheLocalClock() throws Exception {
        double remoteAheadSeconds = 1000.0;
        float[] p4 = {4, -5, 6};
        float[] p2 = {2, -3, 4};
        try (FakeLslPeer fake = new FakeLslPeer("Offset", 3, ChannelFormat.FLOAT32, 0, "1234", false, out -> {
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, p4));
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, p2));
            out.flush();
            Thread.sleep(1500);
            out.write(FakeLslPeer.floatSample(LslClock.nowSeconds() + remoteAheadSeconds, 1, 2, 3));
            out.flush();
            Thread.sleep(2000);
        })) {
            fake.clockOffset(remoteAheadSeconds);
            try (LslInlet inlet = LslInlet.open(fake.info, LslTestPorts.options().withClockSync(true))) {
                double tc = inlet.timeCorrection(Duration.ofSeconds(5));
                assertEquals(-remoteAheadSeconds, tc, SAME_CLOCK_TOLERANCE_SECONDS, "local - remote");
                float[] v = new float[3];
                double[] ts = new double[1];
                assertEquals(1, inlet.pullChunk(v, ts, Duration.ofSeconds(5)));
                assertEquals(LslClock.nowSeconds(), ts[0], 0.5, "a fresh remote stamp lands near local now");
            }
        }
    }
}
