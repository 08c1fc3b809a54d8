package dev.liminal.acquisition.lsl;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The outlet's sample store: every pushed sample is encoded once as its protocol 1.10 record
 * (tag 2, little-endian timestamp and values, LSL-PROTOCOL.md section 5.5) into a preallocated
 * ring; each connection reads it through its own cursor (Disruptor style: one writer, long
 * sequence numbers, a reader that falls a whole ring behind skips ahead, i.e. drops the oldest).
 * Numeric records have a fixed size and live in one byte array; string records are byte arrays.
 *
 * <p>Thread-safe: pushes serialize on one lock and never block on readers; readers copy records
 * without locking and detect records overwritten meanwhile ({@link #overwritten}), seqlock style.
 */
final class OutletRing {
    /** Bound on the numeric ring, in bytes (Liminal's; liblsl grows without bound). */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    /** Bound on buffered string samples. */
    static final int MAX_STRING_SAMPLES = 1 << 16;

    private final String streamName;
    private final ChannelFormat format;
    private final int channels;
    private final int valueBytes;
    private final int recordBytes;
    private final double rateHz;
    private final int capacity;
    private final byte[] ring;
    private final byte[][] stringRing;
    private volatile long head;
    private volatile long claimed;
    private final Object pushLock = new Object();
    private final Object signal = new Object();
    private double lastTimestamp;

    /**
     * @param wantedSamples samples to keep (the outlet's max_buffered in samples), capped by
     *                      {@link #MAX_BYTES} or {@link #MAX_STRING_SAMPLES}
     */
    OutletRing(LslStreamInfo info, long wantedSamples) {
        this.streamName = info.name();
        this.format = info.channelFormat();
        this.channels = info.channelCount();
        this.valueBytes = format.valueSizeBytes();
        this.rateHz = info.nominalSrateHz();
        this.recordBytes = format.isString() ? -1 : 1 + 8 + channels * valueBytes;
        if (format.isString()) {
            this.capacity = (int) Math.max(1, Math.min(wantedSamples, MAX_STRING_SAMPLES));
            this.ring = null;
            this.stringRing = new byte[capacity][];
        } else {
            this.capacity = (int) Math.max(1, Math.min(wantedSamples, MAX_BYTES / recordBytes));
            this.ring = new byte[capacity * recordBytes];
            this.stringRing = null;
        }
    }

    int capacity() {
        return capacity;
    }

    /** Fixed record size of numeric formats; -1 for strings. */
    int recordBytes() {
        return recordBytes;
    }

    /** Sequence number of the next sample to be pushed. */
    long head() {
        return head;
    }

    /**
     * Encodes and publishes {@code frames} samples (see {@link LslOutlet} for the timestamp
     * rules), then wakes the readers.
     */
    void push(Object data, int length, int frames, double[] stamps, double singleStamp) {
        if (frames < 0 || (long) frames * channels > length) {
            throw new IllegalArgumentException("outlet '" + streamName + "': " + frames + " frames of "
                    + channels + " channels need " + (long) frames * channels + " values, got " + length);
        }
        if (frames == 1 && stamps == null && length != channels) {
            throw new IllegalArgumentException("outlet '" + streamName + "': sample of " + length
                    + " values for " + channels + " channels");
        }
        if (stamps != null && stamps.length < frames) {
            throw new IllegalArgumentException("outlet '" + streamName + "': " + stamps.length
                    + " timestamps for " + frames + " frames");
        }
        if (!format.isString() && data instanceof String[]) {
            throw new IllegalArgumentException("outlet '" + streamName + "': cannot push strings to a "
                    + format.wireName() + " stream");
        }
        if (frames == 0) return;
        synchronized (pushLock) {
            double now = 0;
            double last = singleStamp;
            if (stamps == null && last == 0.0) last = now = LslClock.nowSeconds();
            long h = head;
            claimed = h + frames;
            VarHandle.fullFence();
            for (int f = 0; f < frames; f++) {
                double t;
                if (stamps != null) {
                    t = stamps[f];
                    if (t == 0.0) t = now != 0 ? now : (now = LslClock.nowSeconds());
                } else if (frames == 1) {
                    t = last;
                } else {
                    t = rateHz > 0 ? last - (frames - 1 - f) / rateHz : last;
                }
                if (t == LslOutlet.DEDUCED_TIMESTAMP) t = rateHz > 0 ? lastTimestamp + 1.0 / rateHz : lastTimestamp;
                lastTimestamp = t;
                int slot = (int) ((h + f) % capacity);
                if (format.isString()) {
                    stringRing[slot] = encodeStringRecord(data, f * channels, t);
                } else {
                    encodeNumericRecord(data, f * channels, slot * recordBytes, t);
                }
            }
            head = h + frames;
        }
        wakeReaders();
    }

    void wakeReaders() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * Waits until the ring holds samples at or after {@code cursor}.
     *
     * @return the head, or -1 when {@code stop} says so or the thread is interrupted
     */
    long awaitData(long cursor, java.util.function.BooleanSupplier stop, int pollMs) {
        long h = head;
        if (h > cursor) return h;
        synchronized (signal) {
            while ((h = head) <= cursor) {
                if (stop.getAsBoolean()) return -1;
                try {
                    signal.wait(pollMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        return h;
    }

    /** Waits on the readers' signal (used for "a consumer arrived"); spurious wakeups allowed. */
    void awaitSignal(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(Math.max(1, millis));
        }
    }

    /**
     * Copies numeric records {@code [from, to)} into {@code dst}; the caller then checks
     * {@link #overwritten(long)}.
     *
     * @return bytes copied
     */
    int copyNumeric(long from, long to, byte[] dst) {
        int len = 0;
        for (long i = from; i < to; i++) {
            System.arraycopy(ring, (int) (i % capacity) * recordBytes, dst, len, recordBytes);
            len += recordBytes;
        }
        return len;
    }

    /** The string record with sequence number {@code i} (may be null before it is written). */
    byte[] stringRecord(long i) {
        return stringRing[(int) (i % capacity)];
    }

    /** The numeric ring and the offset of record {@code i} in it (read-only for sessions). */
    byte[] numericRing() {
        return ring;
    }

    int numericOffset(long i) {
        return (int) (i % capacity) * recordBytes;
    }

    /**
     * Whether records from {@code start} on may have been overwritten while a reader copied
     * them; then the reader must discard its copy and resume at {@link #oldestIntact()}.
     */
    boolean overwritten(long start) {
        VarHandle.loadLoadFence();
        return claimed - start > capacity;
    }

    /** The oldest sequence number that no push in progress can be overwriting. */
    long oldestIntact() {
        return claimed - capacity;
    }

    private void encodeNumericRecord(Object data, int from, int off, double t) {
        byte[] r = ring;
        r[off] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, off + 1, t);
        int p = off + 9;
        int vb = valueBytes;
        if (data instanceof float[] a) {
            if (format == ChannelFormat.FLOAT32) {
                for (int c = 0; c < channels; c++, p += vb) WireValues.putFloatLe(r, p, a[from + c]);
            } else {
                for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (double) a[from + c]);
            }
        } else if (data instanceof double[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, a[from + c]);
        } else if (data instanceof int[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else if (data instanceof short[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else if (data instanceof byte[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else {
            long[] a = (long[]) data;
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, a[from + c]);
        }
    }

    private byte[] encodeStringRecord(Object data, int from, double t) {
        byte[][] values = new byte[channels][];
        int size = 9;
        for (int c = 0; c < channels; c++) {
            String s;
            if (data instanceof String[] a) s = a[from + c];
            else if (data instanceof float[] a) s = Float.toString(a[from + c]);
            else if (data instanceof double[] a) s = Double.toString(a[from + c]);
            else if (data instanceof int[] a) s = Integer.toString(a[from + c]);
            else if (data instanceof short[] a) s = Short.toString(a[from + c]);
            else if (data instanceof byte[] a) s = Byte.toString(a[from + c]);
            else s = Long.toString(((long[]) data)[from + c]);
            byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            if (b.length > LslOutlet.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("outlet '" + streamName + "': string of " + b.length
                        + " bytes in channel " + c + " exceeds " + LslOutlet.MAX_STRING_BYTES);
            }
            values[c] = b;
            size += (b.length <= 0xFF ? 2 : 5) + b.length;
        }
        byte[] r = new byte[size];
        r[0] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, 1, t);
        int p = 9;
        for (byte[] b : values) p = putString(r, p, b);
        return r;
    }

    /** Writes one 1.10 string value: length-of-length, length (LE), bytes (§5.5). */
    private static int putString(byte[] r, int p, byte[] b) {
        if (b.length <= 0xFF) {
            r[p++] = 1;
            r[p++] = (byte) b.length;
        } else {
            r[p++] = 4;
            WireValues.putLe(r, p, ChannelFormat.INT32, (long) b.length);
            p += 4;
        }
        System.arraycopy(b, 0, r, p, b.length);
        return p + b.length;
    }

    /** One 1.10 test-pattern record, little-endian (§5.4). */
    byte[] testRecord(int offset) {
        if (format.isString()) {
            String[] values = new String[channels];
            for (int c = 0; c < channels; c++) values[c] = WireValues.testString(c);
            return encodeStringRecord(values, 0, WireValues.TEST_PATTERN_TIMESTAMP);
        }
        byte[] r = new byte[recordBytes];
        r[0] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, 1, WireValues.TEST_PATTERN_TIMESTAMP);
        for (int c = 0; c < channels; c++) {
            WireValues.putLe(r, 9 + c * valueBytes, format, WireValues.testLong(format, c, offset));
        }
        return r;
    }
}
