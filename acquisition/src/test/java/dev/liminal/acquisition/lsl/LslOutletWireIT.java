package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw bytes against a Liminal outlet, compared with what liblsl 1.17.7 sends (LSL-PROTOCOL.md, verified captures). */
class LslOutletWireIT {
    private static final int SOCKET_TIMEOUT_MS = 3000;

    private static String request(String uid, String valueSize, String ieee) {
        return "LSL:streamfeed/110 " + uid + "\r\nNative-Byte-Order: 1234\r\nEndian-Performance: 3.11117e+06\r\n"
                + "Has-IEEE754-Floats: " + ieee + "\r\nSupports-Subnormals: 1\r\nValue-Size: " + valueSize + "\r\n"
                + "Data-Protocol-Version: 110\r\nMax-Buffer-Length: 180000\r\nMax-Chunk-Length: 0\r\n"
                + "Hostname: vm\r\nSource-Id: example-PyOut\r\nSession-Id: default\r\n\r\n";
    }

    private static Socket connect(LslOutlet outlet) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), outlet.info().v4DataPort()), SOCKET_TIMEOUT_MS);
        s.setSoTimeout(SOCKET_TIMEOUT_MS);
        return s;
    }

    @Test
    @Timeout(20)
    void answersLiblslsRequestWithTheSameHeaderAndTestPatternBytes() throws Exception {
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Wire", "EEG", 3, 100, ChannelFormat.FLOAT32, "w"), LslTestPorts.config());
             Socket s = connect(outlet)) {
            s.getOutputStream().write(request(outlet.info().uid(), "4", "1").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals("LSL/110 200 OK", TextLines.readLine(in, "t"));
            assertEquals("UID: " + outlet.info().uid(), TextLines.readLine(in, "t"));
            assertEquals("Byte-Order: 1234", TextLines.readLine(in, "t"));
            assertEquals("Suppress-Subnormals: 0", TextLines.readLine(in, "t"));
            assertEquals("Data-Protocol-Version: 110", TextLines.readLine(in, "t"));
            assertEquals("", TextLines.readLine(in, "t"));
            byte[] patterns = in.readNBytes(2 * 21);
            assertEquals("02c976be9f0c24fe40000080400000a0c00000c040" + "02c976be9f0c24fe40000000400000" + "40c000008040",
                    HexFormat.of().formatHex(patterns));
            assertTrue(outlet.waitForConsumers(java.time.Duration.ofSeconds(2)));
            outlet.pushSample(new float[] {1, 2, 3}, 10.0);
            assertEquals("0200000000000024400000803f0000004000004040", HexFormat.of().formatHex(in.readNBytes(21)));
        }
    }

    @Test
    @Timeout(20)
    void downgradesTo100OnWrongValueSizeOrNonIeeeAsLiblslDoes() throws Exception {
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Wire100", "EEG", 3, 100, ChannelFormat.FLOAT32, "w"), LslTestPorts.config())) {
            for (String[] variant : new String[][] {{"8", "1"}, {"4", "true"}}) {
                try (Socket s = connect(outlet)) {
                    s.getOutputStream().write(request(outlet.info().uid(), variant[0], variant[1]).getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    assertEquals("LSL/110 200 OK", TextLines.readLine(in, "t"));
                    Map<String, String> h = TextLines.readHeaders(in, "t");
                    assertEquals("100", h.get("data-protocol-version"), "variant " + String.join("/", variant));
                    assertEquals(PortableArchive.MAGIC, in.read());
                    assertArrayEquals(new byte[] {1, 9}, in.readNBytes(2));
                }
            }
        }
    }

    @Test
    @Timeout(20)
    void refusesWrongUidAndNewerMajorVersion() throws Exception {
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("WireRefuse", "EEG", 1, 100, ChannelFormat.INT32, "w"), LslTestPorts.config())) {
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write(request("00000000-0000-4000-8000-000000000000", "4", "1").getBytes(StandardCharsets.US_ASCII));
                assertEquals("LSL/110 404 Not found", TextLines.readLine(s.getInputStream(), "t"));
            }
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write(request(outlet.info().uid(), "4", "1").replace("streamfeed/110", "streamfeed/200")
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals("LSL/110 505 Version not supported", TextLines.readLine(s.getInputStream(), "t"));
            }
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write("LSL:fullinfo\r\n".getBytes(StandardCharsets.US_ASCII));
                String xml = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(outlet.info().uid(), LslStreamInfo.parse(xml, "t").uid(), "fullinfo, then EOF");
            }
        }
    }

    @Test
    @Timeout(20)
    void serviceSocketAnswersTimedataAndShortinfoQueries() throws Exception {
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("WireUdp", "EEG", 1, 100, ChannelFormat.INT8, "w"), LslTestPorts.config());
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(SOCKET_TIMEOUT_MS);
            InetSocketAddress service = new InetSocketAddress(InetAddress.getLoopbackAddress(), outlet.info().v4ServicePort());
            byte[] probe = "LSL:timedata\r\n777 1097.537245735\r\n".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(probe, probe.length, service));
            DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
            client.receive(reply);
            String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
            assertTrue(text.startsWith(" 777 1097.537245735 "), text);
            String[] parts = text.trim().split(" ");
            assertEquals(4, parts.length, text);
            double t1 = Double.parseDouble(parts[2]);
            double t2 = Double.parseDouble(parts[3]);
            assertTrue(t1 <= t2 && Math.abs(t2 - LslClock.nowSeconds()) < 1.0, text);

            byte[] query = ("LSL:shortinfo\r\nsession_id='" + LslTestPorts.SESSION_ID + "' and name='WireUdp'\r\n" + client.getLocalPort() + " 4242\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(query, query.length, service));
            client.receive(reply);
            String answer = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("4242\r\n<?xml version=\"1.0\"?>\n<info>"), answer);
            assertTrue(answer.endsWith("<desc />\n</info>\n"), answer);
        }
    }

    @Test
    @Timeout(20)
    void dropsGarbageClientsAndKeepsServingOthers() throws Exception {
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("WireGarbage", "EEG", 1, 100, ChannelFormat.FLOAT32, "w"), LslTestPorts.config())) {
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write("X".repeat(TextLines.MAX_LINE_BYTES + 10).getBytes(StandardCharsets.US_ASCII));
                assertClosedByPeer(s, "an overlong request line ends the session");
            }
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedByPeer(s, "an unknown method gets no reply");
            }
            try (Socket s = connect(outlet)) {
                s.getOutputStream().write("LSL:fullinfo\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("<name>WireGarbage</name>"));
            }
        }
    }

    /** EOF or a reset (the peer closed with our bytes unread): either way the session is gone. */
    private static void assertClosedByPeer(Socket s, String why) throws Exception {
        try {
            assertEquals(-1, s.getInputStream().read(), why);
        } catch (java.net.SocketException reset) {
            assertTrue(reset.getMessage().contains("reset"), why + ": " + reset.getMessage());
        }
    }
}
