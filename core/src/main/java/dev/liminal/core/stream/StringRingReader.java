package dev.liminal.core.stream;

import java.time.Duration;

/**
 * One reader of a {@link StringRing}, with its own cursor. See {@link RingReader} for the
 * outcomes of a read and the overrun accounting. Reading allocates nothing: the caller owns the
 * rows.
 *
 * <p><b>Thread ownership:</b> confined to one reader thread.
 */
public final class StringRingReader implements RingReader {
    private final StringRing ring;
    private final RingSequence.Cursor cursor;

    StringRingReader(StringRing ring, RingSequence.Cursor cursor) {
        this.ring = ring;
        this.cursor = cursor;
    }

    /** The ring read. */
    public StringRing ring() {
        return ring;
    }

    /**
     * Copies the next frames without waiting.
     *
     * @param dst           Modified: {@code dst[offset + k][c]} receives channel c of frame k;
     *                      each row at least {@link StringRing#channelCount()} long
     * @param dstTimestamps Modified: {@code dstTimestamps[offset + k]} receives frame k's time
     * @return frames copied, 0 if none is available, {@link #OVERRUN} or {@link #END}
     */
    public int read(String[][] dst, double[] dstTimestamps, int offset, int maxFrames) {
        checkDestination(dst, dstTimestamps, offset, maxFrames);
        return tryRead(dst, dstTimestamps, offset, maxFrames);
    }

    /**
     * Copies the next frames, waiting up to {@code timeout} for at least one.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @see #read(String[][], double[], int, int)
     */
    public int read(String[][] dst, double[] dstTimestamps, int offset, int maxFrames, Duration timeout)
            throws InterruptedException {
        checkDestination(dst, dstTimestamps, offset, maxFrames);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            int r = tryRead(dst, dstTimestamps, offset, maxFrames);
            if (r != 0) return r;
            if (!cursor.await(deadline)) return 0;
        }
    }

    private int tryRead(String[][] dst, double[] ts, int offset, int maxFrames) {
        if (cursor.detached) throw new IllegalStateException("reader of ring '" + ring.name() + "' is closed");
        int n = cursor.available(maxFrames);
        if (n < 0) return OVERRUN;
        if (n == 0) return cursor.atEnd() ? END : 0;
        ring.copy(cursor.position, n, dst, ts, offset);
        if (!cursor.validate()) return OVERRUN;
        cursor.position += n;
        return n;
    }

    private void checkDestination(String[][] dst, double[] ts, int offset, int maxFrames) {
        if (maxFrames < 1 || offset < 0 || ts.length < offset + maxFrames || dst.length < offset + maxFrames) {
            throw new IllegalArgumentException("ring '" + ring.name() + "': " + dst.length + " rows and "
                    + ts.length + " timestamps cannot hold " + maxFrames + " frames from " + offset);
        }
        for (int k = offset; k < offset + maxFrames; k++) {
            if (dst[k] == null || dst[k].length < ring.channelCount()) {
                throw new IllegalArgumentException("ring '" + ring.name() + "': row " + k + " cannot hold "
                        + ring.channelCount() + " values");
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
