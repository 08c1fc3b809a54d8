package dev.liminal.core.stream;

import java.util.Objects;

/**
 * A bounded ring of numeric frames (one value per channel plus a timestamp) with one writer and
 * any number of readers, each with its own cursor. The writer never blocks: when the ring is
 * full it overwrites the oldest frames, and a reader that had not read them gets an explicit
 * {@link RingReader#OVERRUN} with the number of frames lost. Readers may block with a timeout.
 *
 * <p>Values are {@code double} (microvolts for voltage channels), timestamps {@code double}
 * seconds on the local clock. Storage is channel-major, like the arrays written and read, so a
 * chunk moves with one {@link System#arraycopy} per channel (two across the wrap). Neither
 * {@link #write} nor {@link SampleRingReader#read} allocates.
 *
 * <p>The memory-model argument (what makes a copy torn-free) is on {@link RingSequence}: the
 * writer claims frames before storing them and publishes them with a release store; a reader
 * acquires the published cursor, copies, then validates against the claim cursor and reports an
 * overrun instead of returning any frame the writer may have touched during the copy.
 *
 * <p><b>Thread ownership:</b> {@link #write} and {@link #close} belong to one writer thread (the
 * first thread that writes; others get {@link IllegalStateException}); readers from
 * {@link #newReader} are confined to their own threads; the other methods are thread-safe.
 */
public final class SampleRing {
    private final RingSequence seq;
    private final int channels;
    private final double[] values;
    private final double[] timestamps;

    /**
     * @param name          for messages, e.g. the stream's name
     * @param channelCount  channels per frame, >= 1
     * @param capacityFrames frames kept, in [1, 2^30]; rounded up to a power of two
     */
    public SampleRing(String name, int channelCount, int capacityFrames) {
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
        this.values = new double[seq.capacity * channelCount];
        this.timestamps = new double[seq.capacity];
    }

    /** The name given at construction. */
    public String name() {
        return seq.name();
    }

    /** Channels per frame. */
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
     * Appends frames {@code [offset, offset + frames)}. Never blocks; overwrites the oldest
     * frames when readers lag. More frames than the capacity at once: only the last
     * {@link #capacityFrames()} are kept and readers see the rest as lost.
     *
     * @param src        Not modified: {@code src[c][offset + k]} is channel c of frame k; at
     *                   least {@link #channelCount()} rows
     * @param timestamps Not modified: {@code timestamps[offset + k]} is frame k's time in seconds
     * @throws IllegalArgumentException if the shapes do not hold the span (quoting them)
     * @throws IllegalStateException    if called from a second thread or after {@link #close}
     */
    public void write(double[][] src, double[] timestamps, int offset, int frames) {
        checkSpan(src, timestamps, offset, frames);
        if (frames == 0) return;
        long start = seq.beginWrite(frames);
        int skip = Math.max(0, frames - seq.capacity);
        long first = start + skip;
        int n = frames - skip;
        int slot = (int) (first & seq.mask);
        int head = Math.min(n, seq.capacity - slot);
        int tail = n - head;
        int from = offset + skip;
        for (int c = 0; c < channels; c++) {
            int base = c * seq.capacity;
            System.arraycopy(src[c], from, values, base + slot, head);
            if (tail > 0) System.arraycopy(src[c], from + head, values, base, tail);
        }
        System.arraycopy(timestamps, from, this.timestamps, slot, head);
        if (tail > 0) System.arraycopy(timestamps, from + head, this.timestamps, 0, tail);
        seq.endWrite(start + frames);
    }

    private void checkSpan(double[][] src, double[] ts, int offset, int frames) {
        if (offset < 0 || frames < 0 || ts.length < offset + frames) {
            throw new IllegalArgumentException("ring '" + name() + "': timestamps of length " + ts.length
                    + " lack frames [" + offset + ", " + ((long) offset + frames) + ")");
        }
        if (src.length < channels) {
            throw new IllegalArgumentException("ring '" + name() + "': " + src.length + " rows for " + channels + " channels");
        }
        for (int c = 0; c < channels; c++) {
            if (src[c].length < offset + frames) {
                throw new IllegalArgumentException("ring '" + name() + "': row " + c + " of length " + src[c].length
                        + " lacks frames [" + offset + ", " + (offset + frames) + ")");
            }
        }
    }

    /**
     * Ends the stream: readers get the remaining frames, then {@link RingReader#END}. Writer
     * thread only (or any thread once the writer thread has died); idempotent.
     */
    public void close() {
        seq.close();
    }

    /** A reader that starts at the next frame written (live data from now on). */
    public SampleRingReader newReader() {
        return new SampleRingReader(this, seq.newCursor(false));
    }

    /** A reader that starts at the oldest frame still in the ring. */
    public SampleRingReader newReaderFromOldest() {
        return new SampleRingReader(this, seq.newCursor(true));
    }

    RingSequence sequence() {
        return seq;
    }

    /** Copies frames {@code [first, first + n)} into the caller's arrays; no validation. */
    void copy(long first, int n, double[][] dst, double[] dstTimestamps, int offset) {
        int slot = (int) (first & seq.mask);
        int head = Math.min(n, seq.capacity - slot);
        int tail = n - head;
        for (int c = 0; c < channels; c++) {
            int base = c * seq.capacity;
            System.arraycopy(values, base + slot, dst[c], offset, head);
            if (tail > 0) System.arraycopy(values, base, dst[c], offset + head, tail);
        }
        System.arraycopy(timestamps, slot, dstTimestamps, offset, head);
        if (tail > 0) System.arraycopy(timestamps, 0, dstTimestamps, offset + head, tail);
    }
}
