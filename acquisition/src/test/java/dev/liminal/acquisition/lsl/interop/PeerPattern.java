package dev.liminal.acquisition.lsl.interop;

/**
 * The deterministic sample pattern every interop peer pushes and checks; the Java twin of
 * {@code src/test/c/lsl_peer_pattern.h}, which holds the definition (both must give bit-identical
 * values). For sample index {@code i} in [0, 2^24) and channel {@code c} in [0, 1024):
 * int8 {@code ((7i + 13c) mod 256) - 128}; int16 {@code ((251i + 4099c) mod 65536) - 32768};
 * int32 {@code ((65599i + 16777619c) mod 2^32) - 2^31}; int64 {@code s(i + 1)·1099511628211 + c}
 * with {@code s = -1} for odd c; float32 {@code (((7i + 13c) mod 8192) - 4096) / 8};
 * double64 {@code s(2^30 + 3c + i / 2^20)}; string {@code "s<i>-c<c>"}, plus {@code "-"} and 100
 * times "µV" (301 UTF-8 bytes) when {@code i mod 50 == 49} and {@code c == 0}. Time stamps
 * {@code t0 + i·dt}, dt = 1 / rate or 1 ms for an irregular stream. Stateless, thread-safe.
 */
public final class PeerPattern {
    /** Largest sample count the pattern is defined for. */
    public static final long MAX_SAMPLES = 1L << 24;
    /** Spacing of the time stamps of an irregular (rate 0) stream, seconds. */
    public static final double IRREGULAR_DT_SECONDS = 0.001;
    /** The repeated tail of the long strings: 100 times "µV", 3 UTF-8 bytes each. */
    private static final String LONG_TAIL = "-" + "\u00b5V".repeat(100);

    private PeerPattern() {}

    /** Value of an integer format ({@code int8 int16 int32 int64}) at sample i, channel c. */
    public static long intValue(String format, long i, long c) {
        return switch (format) {
            case "int8" -> ((7 * i + 13 * c) % 256) - 128;
            case "int16" -> ((251 * i + 4099 * c) % 65536) - 32768;
            case "int32" -> ((65599 * i + 16777619 * c) % 4294967296L) - 2147483648L;
            case "int64" -> ((c % 2 != 0) ? -1 : 1) * (i + 1) * 1099511628211L + c;
            default -> throw new IllegalArgumentException("not an integer format: " + format);
        };
    }

    /** float32 value at sample i, channel c (exact in float). */
    public static float floatValue(long i, long c) {
        return (float) (((7 * i + 13 * c) % 8192) - 4096) / 8.0f;
    }

    /** double64 value at sample i, channel c (exact in double, not in float). */
    public static double doubleValue(long i, long c) {
        double v = 1073741824.0 + 3.0 * c + (double) i / 1048576.0;
        return (c % 2 != 0) ? -v : v;
    }

    /** string value at sample i, channel c. */
    public static String stringValue(long i, long c) {
        String s = "s" + i + "-c" + c;
        return (i % 50 == 49 && c == 0) ? s + LONG_TAIL : s;
    }

    /**
     * The value at sample i, channel c as a double, for numeric formats: exact for every format
     * except int64 beyond 2^53 (use {@link #intValue} there).
     */
    public static double numericValue(String format, long i, long c) {
        return switch (format) {
            case "float32" -> floatValue(i, c);
            case "double64" -> doubleValue(i, c);
            default -> intValue(format, i, c);
        };
    }

    /** Spacing of the time stamps, seconds. */
    public static double dtSeconds(double rateHz) {
        return rateHz > 0 ? 1.0 / rateHz : IRREGULAR_DT_SECONDS;
    }

    /** Time stamp of sample i, seconds, computed exactly as the C peers do. */
    public static double timestampSeconds(double t0Seconds, long i, double rateHz) {
        return t0Seconds + (double) i * dtSeconds(rateHz);
    }
}
