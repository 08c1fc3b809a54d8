package dev.liminal.core.stream;

import dev.liminal.core.StreamInfo;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link StreamSource} over frames held in memory, delivered as fast as they are read, then
 * {@link #END_OF_STREAM}. For tests and for feeding a pipeline from data already computed.
 *
 * <p><b>Thread ownership:</b> reads confined to one thread; {@link #close()} from any thread.
 * The arrays given are copied in.
 */
public final class MemoryStreamSource implements StreamSource {
    private final StreamInfo info;
    private final double[][] values;
    private final String[][] strings;
    private final double[] timestamps;
    private final int frames;
    private int next;
    private volatile boolean closed;

    private MemoryStreamSource(StreamInfo info, double[][] values, String[][] strings, double[] timestamps) {
        this.info = Objects.requireNonNull(info, "info");
        this.values = values;
        this.strings = strings;
        this.timestamps = timestamps.clone();
        this.frames = timestamps.length;
        for (int k = 1; k < frames; k++) {
            if (!(timestamps[k] >= timestamps[k - 1])) {
                throw new IllegalArgumentException("stream '" + info.name() + "': timestamp " + timestamps[k]
                        + " s of frame " + k + " precedes " + timestamps[k - 1] + " s of frame " + (k - 1));
            }
        }
    }

    /**
     * A numeric source.
     *
     * @param values     Not modified (copied): {@code values[c][k]}, one row per channel of {@code info}
     * @param timestamps Not modified (copied): frame times in seconds, non-decreasing
     */
    public static MemoryStreamSource numeric(StreamInfo info, double[][] values, double[] timestamps) {
        if (!info.format().isNumeric()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' holds strings; use strings(...)");
        }
        if (values.length != info.channelCount()) {
            throw new IllegalArgumentException("stream '" + info.name() + "': " + values.length + " rows for "
                    + info.channelCount() + " channels");
        }
        double[][] copy = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            if (values[c].length != timestamps.length) {
                throw new IllegalArgumentException("stream '" + info.name() + "': row " + c + " has "
                        + values[c].length + " values for " + timestamps.length + " timestamps");
            }
            copy[c] = values[c].clone();
        }
        return new MemoryStreamSource(info, copy, null, timestamps);
    }

    /**
     * A string source.
     *
     * @param values     Not modified (copied): {@code values[k][c]}
     * @param timestamps Not modified (copied): frame times in seconds, non-decreasing
     */
    public static MemoryStreamSource strings(StreamInfo info, String[][] values, double[] timestamps) {
        if (info.format().isNumeric()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' is numeric; use numeric(...)");
        }
        if (values.length != timestamps.length) {
            throw new IllegalArgumentException("stream '" + info.name() + "': " + values.length + " frames for "
                    + timestamps.length + " timestamps");
        }
        String[][] copy = new String[values.length][];
        for (int k = 0; k < values.length; k++) {
            if (values[k].length != info.channelCount()) {
                throw new IllegalArgumentException("stream '" + info.name() + "': frame " + k + " has "
                        + values[k].length + " values for " + info.channelCount() + " channels");
            }
            copy[k] = values[k].clone();
        }
        return new MemoryStreamSource(info, null, copy, timestamps);
    }

    @Override
    public StreamInfo info() {
        return info;
    }

    @Override
    public int read(double[][] dst, double[] ts, int offset, int maxFrames, Duration timeout) {
        if (values == null) throw new UnsupportedOperationException("stream '" + info.name() + "' holds strings");
        int channels = info.channelCount();
        checkSpan(ts.length, offset, maxFrames);
        if (dst.length < channels) {
            throw new IllegalArgumentException(dst.length + " rows for " + channels + " channels");
        }
        for (int c = 0; c < channels; c++) checkSpan(dst[c].length, offset, maxFrames);
        if (closed || next == frames) return END_OF_STREAM;
        int n = Math.min(maxFrames, frames - next);
        for (int c = 0; c < channels; c++) System.arraycopy(values[c], next, dst[c], offset, n);
        System.arraycopy(timestamps, next, ts, offset, n);
        next += n;
        return n;
    }

    @Override
    public int readStrings(String[][] dst, double[] ts, int offset, int maxFrames, Duration timeout) {
        if (strings == null) throw new UnsupportedOperationException("stream '" + info.name() + "' is numeric");
        checkSpan(ts.length, offset, maxFrames);
        checkSpan(dst.length, offset, maxFrames);
        if (closed || next == frames) return END_OF_STREAM;
        int n = Math.min(maxFrames, frames - next);
        for (int k = 0; k < n; k++) {
            String[] row = dst[offset + k];
            if (row == null || row.length < info.channelCount()) {
                throw new IllegalArgumentException("row " + (offset + k) + " cannot hold " + info.channelCount() + " values");
            }
            System.arraycopy(strings[next + k], 0, row, 0, info.channelCount());
        }
        System.arraycopy(timestamps, next, ts, offset, n);
        next += n;
        return n;
    }

    private static void checkSpan(int length, int offset, int maxFrames) {
        if (maxFrames < 1 || offset < 0 || length < offset + maxFrames) {
            throw new IllegalArgumentException("array of length " + length + " cannot hold " + maxFrames
                    + " frames from " + offset);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
