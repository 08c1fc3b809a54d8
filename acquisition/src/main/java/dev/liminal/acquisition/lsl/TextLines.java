package dev.liminal.acquisition.lsl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text parts of the LSL TCP protocol: CRLF lines and header blocks (LSL-PROTOCOL.md
 * sections 5.1-5.3). Reads byte by byte from an unbuffered-safe stream (only handshakes use it)
 * with bounds on line length and header count. Stateless and thread-safe.
 */
final class TextLines {
    /** Longest request, status or header line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 8192;
    /** Most header lines accepted in one block. */
    static final int MAX_HEADERS = 64;
    static final String CRLF = "\r\n";

    private TextLines() {}

    /** Reads one line ending in LF (a preceding CR is dropped). */
    static String readLine(InputStream in, String where) throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException(where + ": peer closed the connection during the text handshake");
            if (b == '\n') break;
            if (n == MAX_LINE_BYTES) throw new IOException(where + ": handshake line longer than " + MAX_LINE_BYTES + " bytes");
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = (byte) b;
        }
        if (n > 0 && buf[n - 1] == '\r') n--;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Reads header lines until an empty line, as liblsl parses them: the whole line lower-cased,
     * {@code ;} starts a comment, split at the first {@code :}, trimmed; lines without a colon
     * are ignored.
     */
    static Map<String, String> readHeaders(InputStream in, String where) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) throw new IOException(where + ": more than " + MAX_HEADERS + " header lines");
            String line = readLine(in, where);
            if (line.isEmpty() || line.charAt(0) == '\r') return headers;
            int semi = line.indexOf(';');
            if (semi >= 0) line = line.substring(0, semi);
            line = line.toLowerCase(Locale.ROOT);
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A double for the timedata exchange: 16 significant digits, trailing zeros dropped. */
    static String formatTime(double v) {
        String s = String.format(Locale.ROOT, "%.16g", v);
        if (s.indexOf('e') < 0 && s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') end--;
            if (s.charAt(end - 1) == '.') end--;
            s = s.substring(0, end);
        }
        return s;
    }
}
