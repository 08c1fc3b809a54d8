package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An outlet disappears and a new one with the same source_id appears: the inlet follows. */
class LslRecoveryIT {
    /** The bound on reconnecting once the new outlet is up. */
    private static final long RECONNECT_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final double RATE_HZ = 100;

    @Test
    @Timeout(30)
    void reconnectsWithinTwoSecondsReportsTheGapAndDuplicatesNothing() throws Exception {
        LslConfig config = LslTestPorts.config();
        LslStreamInfo info = LslStreamInfo.create("Recover", "EEG", 2, RATE_HZ, ChannelFormat.FLOAT32, "recover-src-1");
        CountDownLatch reconnected = new CountDownLatch(1);
        CountDownLatch broken = new CountDownLatch(1);
        List<LslInletEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        LslInletOptions options = LslTestPorts.options().withListener(e -> {
            events.add(e);
            if (e.kind() == LslInletEvent.Kind.BROKEN) broken.countDown();
            if (e.kind() == LslInletEvent.Kind.RECONNECTED) reconnected.countDown();
        });
        List<Float> received = new ArrayList<>();
        LslOutlet first = LslOutlet.open(info, config);
        String firstUid = first.info().uid();
        LslStreamInfo resolved = LslResolver.resolve("source_id='recover-src-1'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
        try (LslInlet inlet = LslInlet.open(resolved, options)) {
            assertTrue(first.waitForConsumers(Duration.ofSeconds(5)));
            for (int i = 0; i < 50; i++) first.pushSample(new float[] {i, -i}, 100 + i / RATE_HZ);
            pull(inlet, received, 50);
            first.close();
            assertTrue(broken.await(5, TimeUnit.SECONDS), "break detected");
            Thread.sleep(300);
            long openedAt = System.nanoTime();
            try (LslOutlet second = LslOutlet.open(info, config)) {
                assertTrue(reconnected.await(5, TimeUnit.SECONDS), "reconnected; events " + events);
                long took = System.nanoTime() - openedAt;
                assertTrue(took <= RECONNECT_BOUND_NANOS, "reconnected " + took / 1e6 + " ms after the new outlet opened");
                assertTrue(second.waitForConsumers(Duration.ofSeconds(5)));
                for (int i = 50; i < 100; i++) second.pushSample(new float[] {i, -i}, 100 + i / RATE_HZ);
                pull(inlet, received, 100);
                List<LslGap> gaps = inlet.gaps();
                assertEquals(1, gaps.size(), "one gap: " + gaps);
                LslGap gap = gaps.get(0);
                assertEquals(firstUid, gap.oldUid());
                assertEquals(second.info().uid(), gap.newUid());
                assertNotEquals(gap.oldUid(), gap.newUid());
                assertEquals(50, gap.samplesBefore());
                assertEquals(100 + 49 / RATE_HZ, gap.lastTimestampBeforeSeconds(), 1e-9);
                assertEquals(LslInlet.State.CONNECTED, inlet.state());
                assertEquals(second.info().uid(), inlet.info().uid());
            }
        }
        assertEquals(100, received.size());
        for (int i = 0; i < 100; i++) assertEquals(i, received.get(i), "sample " + i + " once, in order");
    }

    private static void pull(LslInlet inlet, List<Float> into, int until) throws Exception {
        double[][] v = new double[2][32];
        double[] ts = new double[32];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (into.size() < until && System.nanoTime() < deadline) {
            int n = inlet.pullChunk(v, ts, Duration.ofMillis(200));
            for (int i = 0; i < n; i++) into.add((float) v[0][i]);
        }
        assertEquals(until, into.size(), "samples so far");
    }
}
