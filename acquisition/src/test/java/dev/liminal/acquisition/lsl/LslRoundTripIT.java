package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liminal outlet to Liminal inlet over loopback, every format, protocols 1.10 and 1.00. */
class LslRoundTripIT {
    private static final int CHANNELS = 3;
    private static final int FRAMES = 500;
    private static final double RATE_HZ = 500;

    static Stream<Arguments> formatsAndProtocols() {
        List<Arguments> out = new ArrayList<>();
        for (ChannelFormat f : ChannelFormat.values()) {
            out.add(Arguments.of(f, 110));
            out.add(Arguments.of(f, 100));
        }
        return out.stream();
    }

    /** Value of channel c in frame i, exact in every format (including negative and extreme ones). */
    private static long value(ChannelFormat f, int i, int c) {
        long v = (long) i * 7 + c - 40;
        return switch (f) {
            case INT8 -> (byte) v;
            case INT16 -> (short) (v * 9);
            case INT32 -> v * 500_000L;
            case INT64 -> v * 3_000_000_000_017L;
            default -> v;
        };
    }

    private static String text(int i, int c) {
        return c == 1 ? "µV marker " + i : c == 2 && i % 50 == 0 ? "x".repeat(300) + i : Integer.toString(i * 10 + c);
    }

    @ParameterizedTest(name = "{0} over protocol {1}")
    @MethodSource("formatsAndProtocols")
    @Timeout(30)
    void deliversEveryValueAndTimestampExactly(ChannelFormat format, int protocol) throws Exception {
        LslConfig config = LslTestPorts.config();
        String name = "rt-" + format.wireName() + "-" + protocol;
        LslStreamInfo info = LslStreamInfo.create(name, "Test", CHANNELS, RATE_HZ, format, "src-" + name);
        try (LslOutlet outlet = LslOutlet.open(info, config)) {
            List<LslStreamInfo> found = LslResolver.resolve("name='" + name + "'", 1, LslTestPorts.RESOLVE_TIMEOUT, config);
            assertEquals(1, found.size(), "resolved " + found);
            assertEquals(outlet.info().uid(), found.get(0).uid());
            try (LslInlet inlet = LslInlet.open(found.get(0), LslTestPorts.options().withProtocolVersion(protocol))) {
                assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
                double t0 = 1000.0;
                double[] stamps = new double[FRAMES];
                for (int i = 0; i < FRAMES; i++) stamps[i] = t0 + i / RATE_HZ;
                int chunk = 50;
                for (int start = 0; start < FRAMES; start += chunk) {
                    double[] ts = java.util.Arrays.copyOfRange(stamps, start, start + chunk);
                    switch (format) {
                        case STRING -> {
                            String[] d = new String[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = text(start + i, c);
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case FLOAT32 -> {
                            float[] d = new float[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = value(format, start + i, c) + 0.25f;
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case DOUBLE64 -> {
                            double[] d = new double[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = value(format, start + i, c) + 0.125;
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case INT32 -> {
                            int[] d = new int[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = (int) value(format, start + i, c);
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case INT16 -> {
                            short[] d = new short[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = (short) value(format, start + i, c);
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case INT8 -> {
                            byte[] d = new byte[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = (byte) value(format, start + i, c);
                            outlet.pushChunk(d, chunk, ts);
                        }
                        case INT64 -> {
                            long[] d = new long[chunk * CHANNELS];
                            for (int i = 0; i < chunk; i++) for (int c = 0; c < CHANNELS; c++) d[i * CHANNELS + c] = value(format, start + i, c);
                            outlet.pushChunk(d, chunk, ts);
                        }
                    }
                }
                double[] got = new double[FRAMES];
                int n = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                double[] ts = new double[64];
                while (n < FRAMES && System.nanoTime() < deadline) {
                    int k;
                    if (format == ChannelFormat.STRING) {
                        String[][] d = new String[CHANNELS][64];
                        k = inlet.pullStrings(d, ts, LslTestPorts.PULL_TIMEOUT);
                        for (int i = 0; i < k; i++) for (int c = 0; c < CHANNELS; c++) assertEquals(text(n + i, c), d[c][i]);
                    } else if (format == ChannelFormat.INT64) {
                        long[][] d = new long[CHANNELS][64];
                        k = inlet.pullChunk(d, ts, LslTestPorts.PULL_TIMEOUT);
                        for (int i = 0; i < k; i++) for (int c = 0; c < CHANNELS; c++) assertEquals(value(format, n + i, c), d[c][i]);
                    } else {
                        double[][] d = new double[CHANNELS][64];
                        k = inlet.pullChunk(d, ts, LslTestPorts.PULL_TIMEOUT);
                        double frac = format == ChannelFormat.FLOAT32 ? 0.25 : format == ChannelFormat.DOUBLE64 ? 0.125 : 0;
                        for (int i = 0; i < k; i++) for (int c = 0; c < CHANNELS; c++) {
                            assertEquals(value(format, n + i, c) + frac, d[c][i], "frame " + (n + i) + " channel " + c);
                        }
                    }
                    System.arraycopy(ts, 0, got, n, k);
                    n += k;
                }
                assertEquals(FRAMES, n, "frames received");
                assertArrayEquals(stamps, got, 0.0, "timestamps travel exactly");
            }
        }
    }
}
