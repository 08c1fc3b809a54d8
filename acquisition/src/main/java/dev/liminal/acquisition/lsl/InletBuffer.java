package dev.liminal.acquisition.lsl;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inlet's bounded sample queue: one writer (the reader thread, a batch at a time), any
 * number of pulling threads. When full, the oldest samples are dropped and counted (liblsl's
 * consumer queue drops oldest too). Preallocated; reads copy into caller arrays.
 *
 * <p>Thread-safe (one lock; the writer holds it only to copy a decoded batch).
 */
final class InletBuffer {
    private final ChannelFormat format;
    private final int channels;
    private final int capacity;
    private final double[] values;
    private final long[] longValues;
    private final String[] strings;
    private final double[] timestamps;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long head;
    private long tail;
    private long dropped;
    private LslProtocolException failure;
    private boolean closed;

    InletBuffer(ChannelFormat format, int channels, int capacity) {
        this.format = format;
        this.channels = channels;
        this.capacity = capacity;
        int n = Math.multiplyExact(capacity, channels);
        this.values = format.isString() || format == ChannelFormat.INT64 ? null : new double[n];
        this.longValues = format == ChannelFormat.INT64 ? new long[n] : null;
        this.strings = format.isString() ? new String[n] : null;
        this.timestamps = new double[capacity];
    }

    /** Appends a batch (drops the oldest samples when full) and wakes pullers. */
    void write(SampleBatch batch) {
        int n = batch.frames;
        if (n == 0) return;
        lock.lock();
        try {
            for (int f = 0; f < n; f++) {
                int slot = (int) (head % capacity);
                timestamps[slot] = batch.timestamps[f];
                int src = f * channels;
                int dst = slot * channels;
                if (values != null) System.arraycopy(batch.values, src, values, dst, channels);
                else if (longValues != null) System.arraycopy(batch.longValues, src, longValues, dst, channels);
                else System.arraycopy(batch.strings, src, strings, dst, channels);
                head++;
            }
            if (head - tail > capacity) {
                dropped += head - tail - capacity;
                tail = head - capacity;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        batch.frames = 0;
    }

    /** Samples written so far (the sample index of the next one). */
    long written() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    int available() {
        lock.lock();
        try {
            return (int) (head - tail);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the stream failed; pulls throw once the buffer is drained. */
    void fail(LslProtocolException e) {
        lock.lock();
        try {
            if (failure == null) failure = e;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Kind of destination array. */
    enum Target { DOUBLE_BY_CHANNEL, LONG_BY_CHANNEL, FLOAT_INTERLEAVED, STRING_BY_CHANNEL, DOUBLE_INTERLEAVED, STRING_INTERLEAVED }

    /**
     * Waits up to {@code timeout} for at least one sample, then copies up to {@code maxFrames}.
     * Must be called with the destination shape already checked.
     */
    int read(Target target, Object dest, double[] stamps, int maxFrames, Duration timeout) throws LslProtocolException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (head == tail) {
                if (closed) throw new LslProtocolException("inlet is closed");
                if (failure != null) throw new LslProtocolException(failure.getMessage(), failure);
                if (nanos <= 0) return 0;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
            int n = (int) Math.min(maxFrames, head - tail);
            for (int f = 0; f < n; f++) {
                int slot = (int) ((tail + f) % capacity);
                stamps[f] = timestamps[slot];
                int base = slot * channels;
                switch (target) {
                    case DOUBLE_BY_CHANNEL -> {
                        double[][] d = (double[][]) dest;
                        if (values != null) for (int c = 0; c < channels; c++) d[c][f] = values[base + c];
                        else for (int c = 0; c < channels; c++) d[c][f] = longValues[base + c];
                    }
                    case LONG_BY_CHANNEL -> {
                        long[][] d = (long[][]) dest;
                        if (longValues != null) for (int c = 0; c < channels; c++) d[c][f] = longValues[base + c];
                        else for (int c = 0; c < channels; c++) d[c][f] = (long) values[base + c];
                    }
                    case FLOAT_INTERLEAVED -> {
                        float[] d = (float[]) dest;
                        int o = f * channels;
                        if (values != null) for (int c = 0; c < channels; c++) d[o + c] = (float) values[base + c];
                        else for (int c = 0; c < channels; c++) d[o + c] = longValues[base + c];
                    }
                    case DOUBLE_INTERLEAVED -> {
                        double[] d = (double[]) dest;
                        int o = f * channels;
                        if (values != null) System.arraycopy(values, base, d, o, channels);
                        else for (int c = 0; c < channels; c++) d[o + c] = longValues[base + c];
                    }
                    case STRING_INTERLEAVED -> {
                        String[] d = (String[]) dest;
                        int o = f * channels;
                        for (int c = 0; c < channels; c++) {
                            d[o + c] = strings[base + c];
                            strings[base + c] = null;
                        }
                    }
                    case STRING_BY_CHANNEL -> {
                        String[][] d = (String[][]) dest;
                        for (int c = 0; c < channels; c++) {
                            d[c][f] = strings[base + c];
                            strings[base + c] = null;
                        }
                    }
                }
            }
            tail += n;
            return n;
        } finally {
            lock.unlock();
        }
    }
}
