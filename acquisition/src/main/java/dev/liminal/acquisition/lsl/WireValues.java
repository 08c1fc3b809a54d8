package dev.liminal.acquisition.lsl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Binary encoding of LSL sample values in a byte array, in either byte order, and liblsl's test
 * patterns (LSL-PROTOCOL.md sections 5.4 and 5.5). Stateless and thread-safe; never allocates
 * except {@link #testString}.
 */
final class WireValues {
    /** Tag byte: timestamp deduced from the previous sample (§5.5). */
    static final int TAG_DEDUCED = 1;
    /** Tag byte: an 8-byte timestamp follows (§5.5). */
    static final int TAG_TRANSMITTED = 2;
    /** Timestamp of both test-pattern samples (§5.4). */
    static final double TEST_PATTERN_TIMESTAMP = 123456.789;
    /** Pattern offsets of the first and second test sample (§5.4). */
    static final int[] TEST_PATTERN_OFFSETS = {4, 2};

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_BE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_BE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    private WireValues() {}

    static void putDoubleLe(byte[] b, int off, double v) {
        DOUBLE_LE.set(b, off, v);
    }

    static double getDouble(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (double) DOUBLE_BE.get(b, off) : (double) DOUBLE_LE.get(b, off);
    }

    static long getUnsigned(byte[] b, int off, int size, boolean bigEndian) {
        return switch (size) {
            case 1 -> b[off] & 0xFFL;
            case 2 -> (bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off)) & 0xFFFFL;
            case 4 -> (bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off)) & 0xFFFFFFFFL;
            case 8 -> bigEndian ? (long) LONG_BE.get(b, off) : (long) LONG_LE.get(b, off);
            default -> throw new IllegalArgumentException("length-of-length " + size);
        };
    }

    /** Writes one value of {@code format} (not STRING) little-endian, converting like a C cast. */
    static void putLe(byte[] b, int off, ChannelFormat format, double v) {
        switch (format) {
            case FLOAT32 -> FLOAT_LE.set(b, off, (float) v);
            case DOUBLE64 -> DOUBLE_LE.set(b, off, v);
            case INT32 -> INT_LE.set(b, off, (int) (long) v);
            case INT16 -> SHORT_LE.set(b, off, (short) (long) v);
            case INT8 -> b[off] = (byte) (long) v;
            case INT64 -> LONG_LE.set(b, off, (long) v);
            default -> throw new IllegalArgumentException("not numeric: " + format);
        }
    }

    /** Writes one integer value of {@code format} (not STRING) little-endian. */
    static void putLe(byte[] b, int off, ChannelFormat format, long v) {
        switch (format) {
            case FLOAT32 -> FLOAT_LE.set(b, off, (float) v);
            case DOUBLE64 -> DOUBLE_LE.set(b, off, (double) v);
            case INT32 -> INT_LE.set(b, off, (int) v);
            case INT16 -> SHORT_LE.set(b, off, (short) v);
            case INT8 -> b[off] = (byte) v;
            case INT64 -> LONG_LE.set(b, off, v);
            default -> throw new IllegalArgumentException("not numeric: " + format);
        }
    }

    static void putFloatLe(byte[] b, int off, float v) {
        FLOAT_LE.set(b, off, v);
    }

    /** Reads one numeric value as double (int64 beyond 2^53 loses precision). */
    static double getAsDouble(byte[] b, int off, ChannelFormat format, boolean bigEndian) {
        return switch (format) {
            case FLOAT32 -> bigEndian ? (float) FLOAT_BE.get(b, off) : (float) FLOAT_LE.get(b, off);
            case DOUBLE64 -> bigEndian ? (double) DOUBLE_BE.get(b, off) : (double) DOUBLE_LE.get(b, off);
            case INT32 -> bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
            case INT16 -> bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off);
            case INT8 -> b[off];
            case INT64 -> (double) (bigEndian ? (long) LONG_BE.get(b, off) : (long) LONG_LE.get(b, off));
            default -> throw new IllegalArgumentException("not numeric: " + format);
        };
    }

    /**
     * Decodes {@code n} consecutive values of a numeric format other than int64 into doubles;
     * the format switch sits outside the loops (the inlet's hot path).
     */
    static void decodeToDoubles(ChannelFormat format, byte[] b, int off, boolean bigEndian, double[] dst, int dstOff, int n) {
        switch (format) {
            case FLOAT32 -> {
                if (bigEndian) for (int i = 0; i < n; i++) dst[dstOff + i] = (float) FLOAT_BE.get(b, off + 4 * i);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = (float) FLOAT_LE.get(b, off + 4 * i);
            }
            case DOUBLE64 -> {
                if (bigEndian) for (int i = 0; i < n; i++) dst[dstOff + i] = (double) DOUBLE_BE.get(b, off + 8 * i);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = (double) DOUBLE_LE.get(b, off + 8 * i);
            }
            case INT32 -> {
                if (bigEndian) for (int i = 0; i < n; i++) dst[dstOff + i] = (int) INT_BE.get(b, off + 4 * i);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = (int) INT_LE.get(b, off + 4 * i);
            }
            case INT16 -> {
                if (bigEndian) for (int i = 0; i < n; i++) dst[dstOff + i] = (short) SHORT_BE.get(b, off + 2 * i);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = (short) SHORT_LE.get(b, off + 2 * i);
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) dst[dstOff + i] = b[off + i];
            }
            default -> throw new IllegalArgumentException("not decodable to double: " + format);
        }
    }

    /** Decodes {@code n} consecutive int64 values. */
    static void decodeLongs(byte[] b, int off, boolean bigEndian, long[] dst, int dstOff, int n) {
        if (bigEndian) for (int i = 0; i < n; i++) dst[dstOff + i] = (long) LONG_BE.get(b, off + 8 * i);
        else for (int i = 0; i < n; i++) dst[dstOff + i] = (long) LONG_LE.get(b, off + 8 * i);
    }

    /** Reads one numeric value as long (floating formats are truncated toward zero). */
    static long getAsLong(byte[] b, int off, ChannelFormat format, boolean bigEndian) {
        return switch (format) {
            case INT64 -> bigEndian ? (long) LONG_BE.get(b, off) : (long) LONG_LE.get(b, off);
            case INT32 -> bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
            case INT16 -> bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off);
            case INT8 -> b[off];
            default -> (long) getAsDouble(b, off, format, bigEndian);
        };
    }

    /** The raw bit pattern of one value, zero-extended (for the 1.00 archive and exact compares). */
    static long getBits(byte[] b, int off, ChannelFormat format, boolean bigEndian) {
        return getUnsigned(b, off, format.valueSizeBytes(), bigEndian);
    }

    /**
     * Test-pattern value of channel {@code k} at pattern offset {@code o} for integer formats
     * and as exact double for floating formats (§5.4).
     */
    static long testLong(ChannelFormat format, int k, int o) {
        long v = switch (format) {
            case INT32 -> (k + o + 65537L) % 2147483647L;
            case INT16 -> (k + o + 257L) % 32767L;
            case INT8 -> (k + o + 1L) % 127L;
            case INT64 -> k + o + 2147483649L;
            case FLOAT32 -> k + o;
            case DOUBLE64 -> k + o + 16777217L;
            default -> throw new IllegalArgumentException("not numeric: " + format);
        };
        return (k % 2 == 0) ? v : -v;
    }

    /** Test-pattern string of channel {@code k}: "10", "-11", "12", … (§5.4). */
    static String testString(int k) {
        return Integer.toString(k % 2 == 0 ? k + 10 : -(k + 10));
    }
}
