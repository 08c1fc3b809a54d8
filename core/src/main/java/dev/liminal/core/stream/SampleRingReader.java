package dev.liminal.core.stream;

import java.time.Duration;

/**
 * One reader of a {@link SampleRing}, with its own cursor. See {@link RingReader} for the
 * outcomes of a read and the overrun accounting. Reading allocates nothing.
 *
 * <p><b>Thread ownership:</b> confined to one reader thread.
 */
public final class SampleRingReader implements RingReader {
    private final SampleRing ring;
    private final RingSequence.Cursor cursor;

    SampleRingReader(SampleRing ring, RingSequence.Cursor cursor) {
        this.ring = ring;
        this.cursor = cursor;
    }

    /** The ring read. */
    public SampleRing ring() {
        return ring;
    }

    /**
     * Copies the next frames without waiting.
     *
     * @param dst           Modified: {@code dst[c][offset + k]} receives channel c of frame k; at
     *                      least {@link SampleRing#channelCount()} rows
     * @param dstTimestamps Modified: {@code dstTimestamps[offset + k]} receives frame k's time
     * @param maxFrames     at most this many frames, >= 1
     * @return frames copied, 0 if none is available, {@link #OVERRUN} or {@link #END}
     */
    public int read(double[][] dst, double[] dstTimestamps, int offset, int maxFrames) {
        checkDestination(dst, dstTimestamps, offset, maxFrames);
        return tryRead(dst, dstTimestamps, offset, maxFrames);
    }

    /**
     * Copies the next frames, waiting up to {@code timeout} for at least one.
     *
     * @return frames copied, 0 if none arrived within the timeout, {@link #OVERRUN} or {@link #END}
     * @throws InterruptedException if the thread is interrupted while waiting
     * @see #read(double[][], double[], int, int)
     */
    public int read(double[][] dst, double[] dstTimestamps, int offset, int maxFrames, Duration timeout)
            throws InterruptedException {
        checkDestination(dst, dstTimestamps, offset, maxFrames);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            int r = tryRead(dst, dstTimestamps, offset, maxFrames);
            if (r != 0) return r;
            if (!cursor.await(deadline)) return 0;
        }
    }

    private int tryRead(double[][] dst, double[] ts, int offset, int maxFrames) {
        if (cursor.detached) throw new IllegalStateException("reader of ring '" + ring.name() + "' is closed");
        int n = cursor.available(maxFrames);
        if (n < 0) return OVERRUN;
        if (n == 0) return cursor.atEnd() ? END : 0;
        ring.copy(cursor.position, n, dst, ts, offset);
        if (!cursor.validate()) return OVERRUN;
        cursor.position += n;
        return n;
    }

    private void checkDestination(double[][] dst, double[] ts, int offset, int maxFrames) {
        int channels = ring.channelCount();
        if (maxFrames < 1 || offset < 0 || ts.length < offset + maxFrames) {
            throw new IllegalArgumentException("ring '" + ring.name() + "': timestamp array of length " + ts.length
                    + " cannot hold " + maxFrames + " frames from " + offset);
        }
        if (dst.length < channels) {
            throw new IllegalArgumentException("ring '" + ring.name() + "': " + dst.length + " rows for " + channels
                    + " channels");
        }
        for (int c = 0; c < channels; c++) {
            if (dst[c].length < offset + maxFrames) {
                throw new IllegalArgumentException("ring '" + ring.name() + "': row " + c + " of length "
                        + dst[c].length + " cannot hold " + maxFrames + " frames from " + offset);
            }
        }
    }

    @Override
    public long position() {
        return cursor.position;
    }

    @Override
    public long lastLostFrames() {
        return cursor.lastLost;
    }

    @Override
    public long totalLostFrames() {
        return cursor.totalLost;
    }

    @Override
    public long overrunCount() {
        return cursor.overruns;
    }

    @Override
    public long availableFrames() {
        long p = ring.sequence().published();
        long pos = cursor.position;
        return pos < p - ring.capacityFrames() ? 0 : p - pos;
    }

    @Override
    public void close() {
        cursor.detach();
    }
}
