package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Inlet decoding of what liblsl peers may send but Liminal's outlet never does. */
class LslInletDecodingIT {
    private static final double RATE_HZ = 250;

    @Test
    @Timeout(20)
    void decodesBigEndianDataAndDeducesTag1Timestamps() throws Exception {
        try (FakeLslPeer fake = new FakeLslPeer("BigEndian", 2, ChannelFormat.INT16, RATE_HZ, "4321", false, out -> {
            for (int offset : WireValues.TEST_PATTERN_OFFSETS) {
                ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
                b.put((byte) 2).putDouble(WireValues.TEST_PATTERN_TIMESTAMP);
                b.putShort((short) WireValues.testLong(ChannelFormat.INT16, 0, offset));
                b.putShort((short) WireValues.testLong(ChannelFormat.INT16, 1, offset));
                out.write(b.array());
            }
            ByteBuffer first = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
            first.put((byte) 2).putDouble(50.0).putShort((short) -12345).putShort((short) 300);
            out.write(first.array());
            for (int i = 1; i < 4; i++) {
                ByteBuffer b = ByteBuffer.allocate(5).order(ByteOrder.BIG_ENDIAN);
                b.put((byte) 1).putShort((short) i).putShort((short) -i);
                out.write(b.array());
            }
            out.flush();
            Thread.sleep(2000);
        })) {
            try (LslInlet inlet = LslInlet.open(fake.info, LslTestPorts.options())) {
                long[][] v = new long[2][4];
                double[] ts = new double[4];
                int n = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (n < 4 && System.nanoTime() < deadline) {
                    long[][] part = new long[2][4];
                    double[] pts = new double[4];
                    int k = inlet.pullChunk(part, pts, LslTestPorts.PULL_TIMEOUT);
                    for (int i = 0; i < k; i++) {
                        v[0][n + i] = part[0][i];
                        v[1][n + i] = part[1][i];
                        ts[n + i] = pts[i];
                    }
                    n += k;
                }
                assertEquals(4, n);
                assertArrayEquals(new long[] {-12345, 1, 2, 3}, v[0]);
                assertArrayEquals(new long[] {300, -1, -2, -3}, v[1]);
                assertArrayEquals(new double[] {50.0, 50.0 + 1 / RATE_HZ, 50.0 + 2 / RATE_HZ, 50.0 + 3 / RATE_HZ}, ts, 1e-9);
            }
        }
    }

    @Test
    @Timeout(20)
    void acceptsEveryStringLengthOfLengthAndFlushesSubnormalsWhenAsked() throws Exception {
        try (FakeLslPeer strings = new FakeLslPeer("Strings", 2, ChannelFormat.STRING, 0, "1234", false, out -> {
            for (int k = 0; k < 2; k++) {
                ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
                b.put((byte) 2).putDouble(WireValues.TEST_PATTERN_TIMESTAMP);
                b.put((byte) 1).put((byte) 2).put("10".getBytes(StandardCharsets.US_ASCII));
                b.put((byte) 1).put((byte) 3).put("-11".getBytes(StandardCharsets.US_ASCII));
                out.write(b.array(), 0, b.position());
            }
            byte[] a = "Ω".getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 2).putDouble(3.0);
            b.put((byte) 8).putLong(a.length).put(a);
            b.put((byte) 2).putShort((short) 3).put("abc".getBytes(StandardCharsets.US_ASCII));
            out.write(b.array(), 0, b.position());
            out.flush();
            Thread.sleep(2000);
        })) {
            try (LslInlet inlet = LslInlet.open(strings.info, LslTestPorts.options())) {
                String[][] v = new String[2][2];
                double[] ts = new double[2];
                assertEquals(1, inlet.pullStrings(v, ts, LslTestPorts.PULL_TIMEOUT));
                assertEquals("Ω", v[0][0]);
                assertEquals("abc", v[1][0]);
                assertEquals(3.0, ts[0]);
            }
        }
        float subnormal = Float.MIN_VALUE * 3;
        try (FakeLslPeer floats = new FakeLslPeer("Subnormal", 3, ChannelFormat.FLOAT32, 100, "1234", true, out -> {
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, 4, -5, 6));
            out.write(FakeLslPeer.floatSample(WireValues.TEST_PATTERN_TIMESTAMP, 2, -3, 4));
            out.write(FakeLslPeer.floatSample(1.0, subnormal, -subnormal, 1.5f));
            out.flush();
            Thread.sleep(2000);
        })) {
            try (LslInlet inlet = LslInlet.open(floats.info, LslTestPorts.options())) {
                float[] v = new float[3];
                assertEquals(1, inlet.pullChunk(v, new double[1], LslTestPorts.PULL_TIMEOUT));
                assertEquals(0.0f, v[0]);
                assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(v[1]), "sign kept");
                assertEquals(1.5f, v[2]);
            }
        }
    }
}
