package dev.liminal.core.stream;

import java.util.Objects;

/**
 * The {@link SampleRing} of string streams (markers, events): frames of {@code String} values,
 * one per channel, with a timestamp each. Same contract: one writer that never blocks, readers
 * with their own cursors, explicit overruns, bounded waits, the same memory-model argument
 * ({@link RingSequence}). Strings are immutable, so the ring stores and hands out references;
 * neither {@link #write} nor {@link StringRingReader#read} allocates.
 *
 * <p>A separate class rather than a generic ring because numeric frames are stored
 * channel-major in a primitive {@code double[]} (no boxing on the hot path), while markers are
 * sample-major {@code String[frame][channel]} as {@code RecordingReader.readStrings} and the
 * XDF writer use them; the sequencing is shared.
 *
 * <p><b>Thread ownership:</b> as {@link SampleRing}.
 */
public final class StringRing {
    private final RingSequence seq;
    private final int channels;
    private final String[] values;
    private final double[] timestamps;

    /**
     * @param name           for messages, e.g. the stream's name
     * @param channelCount   strings per frame, >= 1
     * @param capacityFrames frames kept, in [1, 2^30]; rounded up to a power of two
     */
    public StringRing(String name, int channelCount, int capacityFrames) {
        Objects.requireNonNull(name, "name");
        if (channelCount < 1) {
            throw new IllegalArgumentException("ring '" + name + "': channel count " + channelCount + " < 1");
        }
        this.seq = new RingSequence(name, capacityFrames);
        if ((long) seq.capacity * channelCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ring '" + name + "': " + seq.capacity + " frames x " + channelCount
                    + " channels exceeds one Java array");
        }
        this.channels = channelCount;
        this.values = new String[seq.capacity * channelCount];
        this.timestamps = new double[seq.capacity];
    }

    /** The name given at construction. */
    public String name() {
        return seq.name();
    }

    /** Strings per frame. */
    public int channelCount() {
        return channels;
    }

    /** Frames kept (the requested capacity rounded up to a power of two). */
    public int capacityFrames() {
        return seq.capacity;
    }

    /** Frames written since the ring was made. */
    public long writtenFrames() {
        return seq.published();
    }

    /** Whether the writer closed the ring. */
    public boolean isClosed() {
        return seq.isClosed();
    }

    /** Number of open readers. */
    public int readerCount() {
        return seq.readerCount();
    }

    /**
     * Appends frames {@code [offset, offset + frames)}; never blocks. Null values are stored as
     * {@code ""}.
     *
     * @param src        Not modified: {@code src[offset + k][c]} is channel c of frame k
     * @param timestamps Not modified: {@code timestamps[offset + k]} is frame k's time in seconds
     * @throws IllegalArgumentException if the shapes do not hold the span (quoting them)
     * @throws IllegalStateException    if called from a second thread or after {@link #close}
     */
    public void write(String[][] src, double[] timestamps, int offset, int frames) {
        if (offset < 0 || frames < 0 || timestamps.length < offset + frames || src.length < offset + frames) {
            throw new IllegalArgumentException("ring '" + name() + "': " + src.length + " frames and "
                    + timestamps.length + " timestamps lack frames [" + offset + ", " + ((long) offset + frames) + ")");
        }
        for (int k = offset; k < offset + frames; k++) {
            if (src[k] == null || src[k].length < channels) {
                throw new IllegalArgumentException("ring '" + name() + "': frame " + k + " has fewer than "
                        + channels + " values");
            }
        }
        if (frames == 0) return;
        long start = seq.beginWrite(frames);
        int skip = Math.max(0, frames - seq.capacity);
        for (int k = skip; k < frames; k++) {
            int slot = (int) ((start + k) & seq.mask);
            String[] frame = src[offset + k];
            int base = slot * channels;
            for (int c = 0; c < channels; c++) {
                String v = frame[c];
                values[base + c] = v == null ? "" : v;
            }
            this.timestamps[slot] = timestamps[offset + k];
        }
        seq.endWrite(start + frames);
    }

    /** Ends the stream; see {@link SampleRing#close()}. */
    public void close() {
        seq.close();
    }

    /** A reader that starts at the next frame written. */
    public StringRingReader newReader() {
        return new StringRingReader(this, seq.newCursor(false));
    }

    /** A reader that starts at the oldest frame still in the ring. */
    public StringRingReader newReaderFromOldest() {
        return new StringRingReader(this, seq.newCursor(true));
    }

    RingSequence sequence() {
        return seq;
    }

    void copy(long first, int n, String[][] dst, double[] dstTimestamps, int offset) {
        for (int k = 0; k < n; k++) {
            int slot = (int) ((first + k) & seq.mask);
            System.arraycopy(values, slot * channels, dst[offset + k], 0, channels);
            dstTimestamps[offset + k] = timestamps[slot];
        }
    }
}
