package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;

/**
 * A misbehaving LSL outlet for fault tests: a loopback TCP server that answers one streamfeed
 * request with a correct 1.10 header and then whatever {@link Script} writes. Closed by the test.
 */
final class FakeLslPeer implements AutoCloseable {
    /** What the fake writes after the header. */
    interface Script {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    final ServerSocket server;
    final LslStreamInfo info;
    final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;

    private final String byteOrder;
    private final boolean suppressSubnormals;
    private final java.net.DatagramSocket timeService;
    private volatile double clockOffsetSeconds;

    FakeLslPeer(String name, int channels, ChannelFormat format, Script script) throws IOException {
        this(name, channels, format, 100, "1234", false, script);
    }

    FakeLslPeer(String name, int channels, ChannelFormat format, double rateHz, String byteOrder,
                boolean suppressSubnormals, Script script) throws IOException {
        this.byteOrder = byteOrder;
        this.suppressSubnormals = suppressSubnormals;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        timeService = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        info = LslStreamInfo.create(name, "EEG", channels, rateHz, format, "")
                .forOutlet(LslStreamInfo.newUid(), 1.0, "liminal-test", "fake", server.getLocalPort(), timeService.getLocalPort())
                .withV4Address("127.0.0.1");
        Thread time = new Thread(this::answerTimedata, "liminal-lsl-faketime-" + name);
        time.setDaemon(true);
        time.start();
        thread = new Thread(() -> serve(script), "liminal-lsl-fake-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Script script) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            TextLines.readLine(in, "fake");
            TextLines.readHeaders(in, "fake");
            OutputStream out = s.getOutputStream();
            out.write(TextLines.bytes("LSL/110 200 OK\r\nUID: " + info.uid()
                    + "\r\nByte-Order: " + byteOrder + "\r\nSuppress-Subnormals: " + (suppressSubnormals ? 1 : 0)
                    + "\r\nData-Protocol-Version: 110\r\n\r\n"));
            script.write(out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the inlet under test may hang up first; nothing to do
        } finally {
            done.countDown();
        }
    }

    /** Makes the fake's clock run {@code seconds} ahead of the local LSL clock (timedata replies). */
    void clockOffset(double seconds) {
        clockOffsetSeconds = seconds;
    }

    /** Answers LSL:timedata probes as an outlet's service socket does (§7), with the clock offset. */
    private void answerTimedata() {
        byte[] buf = new byte[1024];
        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
        while (!timeService.isClosed()) {
            try {
                p.setLength(buf.length);
                timeService.receive(p);
                double t1 = LslClock.nowSeconds() + clockOffsetSeconds;
                String[] lines = new String(buf, 0, p.getLength(), java.nio.charset.StandardCharsets.US_ASCII).split("\r\n");
                String[] idT0 = lines[1].split(" ");
                String reply = " " + idT0[0] + " " + idT0[1] + " " + t1 + " " + (LslClock.nowSeconds() + clockOffsetSeconds);
                byte[] r = reply.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                timeService.send(new java.net.DatagramPacket(r, r.length, p.getAddress(), p.getPort()));
            } catch (IOException | RuntimeException e) {
                // socket closed by close(), or a probe the fake does not understand
            }
        }
    }

    /** One little-endian float32 sample with an explicit timestamp. */
    static byte[] floatSample(double ts, float... values) {
        ByteBuffer b = ByteBuffer.allocate(9 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).putDouble(ts);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    @Override
    public void close() throws IOException {
        timeService.close();
        server.close();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }
}
