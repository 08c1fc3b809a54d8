package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misbehaving peers give a clear error for their stream; other streams keep running. */
class LslFaultIT {
    private static final float[] PATTERN_4 = {4, -5, 6};
    private static final float[] PATTERN_2 = {2, -3, 4};

    @Test
    @Timeout(20)
    void wrongTestPatternIsRejectedNamingTheChannel() throws Exception {
        try (FakeLslPeer fake = new FakeLslPeer("BadPattern", 3, ChannelFormat.FLOAT32, out -> {
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, 4, 5, 6));
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, PATTERN_2));
        })) {
            LslProtocolException e = assertThrows(LslProtocolException.class,
                    () -> LslInlet.open(fake.info, LslTestPorts.options()));
            assertTrue(e.getMessage().contains("stream 'BadPattern'"), e.getMessage());
            assertTrue(e.getMessage().contains("wrong test pattern (offset 4) in channel 1: expected -5.0, got 5.0"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    @Timeout(20)
    void peerClosingMidSampleLosesOnlyThatStream() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet healthy = LslOutlet.open(LslStreamInfo.create("Healthy", "EEG", 1, 100, ChannelFormat.DOUBLE64, "h-1"), config);
             FakeLslPeer fake = new FakeLslPeer("Truncated", 3, ChannelFormat.FLOAT32, out -> {
                 out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, PATTERN_4));
                 out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, PATTERN_2));
                 out.write(FakeLslPeer.floatSample(7.0, 1, 2, 3));
                 byte[] second = FakeLslPeer.floatSample(7.01, 4, 5, 6);
                 out.write(second, 0, 13);
             })) {
            LslStreamInfo h = LslResolver.resolve("name='Healthy'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            try (LslInlet good = LslInlet.open(h, LslTestPorts.options());
                 LslInlet bad = LslInlet.open(fake.info, LslTestPorts.options())) {
                double[][] v = new double[3][4];
                double[] ts = new double[4];
                assertEquals(1, bad.pullChunk(v, ts, LslTestPorts.PULL_TIMEOUT), "the complete sample arrives");
                assertEquals(7.0, ts[0]);
                assertEquals(3.0, v[2][0]);
                LslProtocolException e = assertThrows(LslProtocolException.class, () -> bad.pullChunk(v, ts, LslTestPorts.PULL_TIMEOUT));
                assertTrue(e.getMessage().contains("stream 'Truncated'"), e.getMessage());
                assertTrue(e.getMessage().contains("peer closed mid-sample"), e.getMessage());
                assertEquals(LslInlet.State.LOST, bad.state());

                assertTrue(healthy.waitForConsumers(Duration.ofSeconds(5)));
                healthy.pushSample(new double[] {42.0}, 5.0);
                double[][] g = new double[1][1];
                assertEquals(1, good.pullChunk(g, new double[1], LslTestPorts.PULL_TIMEOUT));
                assertEquals(42.0, g[0][0]);
                assertEquals(LslInlet.State.CONNECTED, good.state());
            }
        }
    }

    @Test
    @Timeout(20)
    void stalledOutletIsReportedAsStalled() throws Exception {
        try (FakeLslPeer fake = new FakeLslPeer("Stalled", 3, ChannelFormat.FLOAT32, out -> {
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, PATTERN_4));
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, PATTERN_2));
            out.flush();
            Thread.sleep(5000);
        })) {
            LslInletOptions options = LslTestPorts.options().withStallTimeout(Duration.ofMillis(300));
            try (LslInlet inlet = LslInlet.open(fake.info, options)) {
                double[][] v = new double[3][4];
                LslProtocolException e = assertThrows(LslProtocolException.class,
                        () -> inlet.pullChunk(v, new double[4], Duration.ofSeconds(5)));
                assertTrue(e.getMessage().contains("stalled: no data for 300 ms"), e.getMessage());
                assertTrue(e.getMessage().contains("no source_id, cannot recover"), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(20)
    void hostileDiscoveryReplyIsIgnoredAndTheRealStreamStillResolves() throws Exception {
        LslConfig config = LslTestPorts.config();
        AtomicBoolean stop = new AtomicBoolean();
        try (LslOutlet real = LslOutlet.open(LslStreamInfo.create("Real", "EEG", 1, 100, ChannelFormat.FLOAT32, "r-1"), config);
             DatagramSocket hostile = bindInRange()) {
            Thread t = new Thread(() -> answerHostile(hostile, stop), "liminal-lsl-hostile-test");
            t.setDaemon(true);
            t.start();
            List<LslStreamInfo> found = LslResolver.resolve("", 0, Duration.ofMillis(800), config);
            stop.set(true);
            assertEquals(1, found.size(), "only the real stream: " + found);
            assertEquals(real.info().uid(), found.get(0).uid());
            t.join(TimeUnit.SECONDS.toMillis(2));
        }
    }

    private static DatagramSocket bindInRange() throws Exception {
        for (int p = LslTestPorts.BASE_PORT; p < LslTestPorts.BASE_PORT + LslTestPorts.PORT_RANGE; p++) {
            try {
                return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            } catch (java.net.BindException e) {
                // taken by an outlet: next
            }
        }
        throw new IllegalStateException("no free test port");
    }

    private static void answerHostile(DatagramSocket socket, AtomicBoolean stop) {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout(100);
            while (!stop.get()) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String[] lines = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8).split("\r\n");
                String[] portId = lines[2].split(" ");
                String reply = portId[1] + "\r\n<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                        + "<info><name>&b;</name><channel_count>1</channel_count></info>";
                byte[] r = reply.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(r, r.length, p.getAddress(), Integer.parseInt(portId[0])));
                String absurd = portId[1] + "\r\n" + LslStreamInfo.create("Absurd", "EEG", 1, 100, ChannelFormat.FLOAT32, "")
                        .forOutlet("u-absurd", 1, "liminal-test", "h", 1, 1).toShortInfoXml()
                        .replace("<channel_count>1</channel_count>", "<channel_count>99999999</channel_count>");
                byte[] a = absurd.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(a, a.length, p.getAddress(), Integer.parseInt(portId[0])));
            }
        } catch (Exception e) {
            // test thread ends with the socket
        }
    }
}
