package dev.liminal.acquisition.lsl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The compact integer encoding of liblsl's protocol 1.00 "portable archive"
 * (LSL-PROTOCOL.md section 6): a signed count byte n, then |n| little-endian bytes; n &lt; 0
 * means the value is negative (sign-extended). Floating values travel as their bit patterns,
 * unsigned. Stateless and thread-safe.
 */
final class PortableArchive {
    /** First byte of an archive (the OR of 'e'|'o'|'s'). */
    static final int MAGIC = 0x7F;
    /** Archive version written after the magic byte. */
    static final int VERSION = 9;

    private PortableArchive() {}

    /** Appends a signed integer; returns the new write position. {@code dst} needs 9 free bytes. */
    static int putSigned(byte[] dst, int pos, long v) {
        if (v == 0) {
            dst[pos] = 0;
            return pos + 1;
        }
        int size = 0;
        long temp = v;
        do {
            temp >>= 8;
            size++;
        } while (temp != 0 && temp != -1);
        dst[pos++] = (byte) (v > 0 ? size : -size);
        for (int i = 0; i < size; i++) dst[pos++] = (byte) (v >>> (8 * i));
        return pos;
    }

    /** Appends an unsigned integer of up to 64 bits (bit patterns); returns the new position. */
    static int putUnsigned(byte[] dst, int pos, long v) {
        if (v == 0) {
            dst[pos] = 0;
            return pos + 1;
        }
        int size = 0;
        long temp = v;
        do {
            temp >>>= 8;
            size++;
        } while (temp != 0);
        dst[pos++] = (byte) size;
        for (int i = 0; i < size; i++) dst[pos++] = (byte) (v >>> (8 * i));
        return pos;
    }

    /** Reads one compact integer from a stream (sign-extended when the count is negative). */
    static long read(InputStream in, String where) throws IOException {
        int n = in.read();
        if (n < 0) throw new EOFException(where + ": peer closed inside a 1.00 archive value");
        byte count = (byte) n;
        if (count == 0) return 0;
        int size = Math.abs(count);
        if (size > 8) throw new IOException(where + ": 1.00 archive integer of " + size + " bytes (at most 8)");
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = in.read();
            if (b < 0) throw new EOFException(where + ": peer closed inside a 1.00 archive value");
            v |= ((long) b) << (8 * i);
        }
        if (count < 0 && size < 8) v |= -1L << (8 * size);
        return v;
    }
}
