package dev.liminal.datasets.xdf;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A movable window of a file's bytes, read with positional reads into one heap buffer, for
 * little-endian decoding with absolute {@link ByteBuffer} gets (XDF is little-endian
 * throughout). Callers {@link #request} the bytes they are about to decode, then read them at
 * {@link #index()} and {@link #skip} past them; reads never go beyond the read-ahead limit
 * unless a request needs it, so random access to small chunks stays cheap.
 *
 * <p>Not thread-safe: owned by one reader.
 */
final class ByteWindow {
    /** Default window size: large enough to amortise system calls, small enough to not matter. */
    static final int DEFAULT_CAPACITY = 1 << 20;
    /** Largest window a single request may grow the buffer to (a string value, an XML header). */
    static final int MAX_CAPACITY = 256 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private byte[] bytes;
    /** The buffer over {@link #bytes}, little-endian; callers use absolute gets at {@link #index()}. */
    ByteBuffer buf;
    private long windowStart;
    private int limit;
    private int pos;
    private long readAheadEnd;

    ByteWindow(Path file, FileChannel channel, long fileSize, int capacity) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.bytes = new byte[capacity];
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.readAheadEnd = fileSize;
    }

    long fileSize() {
        return fileSize;
    }

    /** The file position of the next byte. */
    long position() {
        return windowStart + pos;
    }

    /** Index in {@link #buf} of the byte at {@link #position()}. */
    int index() {
        return pos;
    }

    /** Moves to a file position; keeps the buffered bytes when the position lies among them. */
    void seek(long position) {
        if (position >= windowStart && position <= windowStart + limit) {
            pos = (int) (position - windowStart);
        } else {
            windowStart = position;
            limit = 0;
            pos = 0;
        }
    }

    /** Refills never read past {@code end} (a file position) unless a request needs more. */
    void readAheadUntil(long end) {
        readAheadEnd = Math.min(end, fileSize);
    }

    /** Advances by {@code n} bytes, which must have been requested. */
    void skip(int n) {
        pos += n;
    }

    /** Advances by {@code n} bytes, requested or not. */
    void skipLong(long n) {
        seek(position() + n);
    }

    /**
     * Makes {@code n} bytes from {@link #position()} available in {@link #buf} from
     * {@link #index()}.
     *
     * @return false when the file ends first
     */
    boolean request(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (position() + n > fileSize) return false;
        if (n > bytes.length) {
            if (n > MAX_CAPACITY) {
                throw new RecordingFormatException(file, position(), "a single value of " + n
                        + " bytes exceeds the " + MAX_CAPACITY + "-byte limit");
            }
            byte[] grown = new byte[n];
            System.arraycopy(bytes, pos, grown, 0, limit - pos);
            bytes = grown;
            buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } else if (pos > 0) {
            System.arraycopy(bytes, pos, bytes, 0, limit - pos);
        }
        windowStart += pos;
        limit -= pos;
        pos = 0;
        long wantEnd = Math.max(windowStart + n, Math.min(readAheadEnd, windowStart + bytes.length));
        wantEnd = Math.min(wantEnd, Math.min(fileSize, windowStart + bytes.length));
        while (windowStart + limit < wantEnd) {
            ByteBuffer dst = ByteBuffer.wrap(bytes, limit, (int) (wantEnd - windowStart - limit));
            int r = channel.read(dst, windowStart + limit);
            if (r < 0) break;
            limit += r;
        }
        return limit - pos >= n;
    }

    /** Like {@link #request} but a short file is an error saying what was being read. */
    void require(int n, String what) throws IOException {
        if (!request(n)) {
            throw new RecordingFormatException(file, position(), "file ends (at byte " + fileSize + ") inside " + what);
        }
    }

    byte get() {
        return buf.get(pos++);
    }

    int getUnsignedShort() {
        int v = buf.getShort(pos) & 0xFFFF;
        pos += 2;
        return v;
    }

    int getInt() {
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long getLong() {
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    double getDouble() {
        double v = buf.getDouble(pos);
        pos += 8;
        return v;
    }

    /** Copies {@code n} requested bytes out and advances past them. */
    byte[] getBytes(int n) {
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** The raw array behind {@link #buf} (for bulk string decoding). */
    byte[] array() {
        return bytes;
    }
}
