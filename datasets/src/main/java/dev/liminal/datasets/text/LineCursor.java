package dev.liminal.datasets.text;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Walks the lines of a text file from any byte offset, through one reused read buffer and one
 * reused line buffer: memory stays bounded however large the file is. Lines end at {@code \n};
 * a {@code \r} before it is dropped. Not thread-safe: confine to one thread.
 */
public final class LineCursor {
    /** Longest line accepted (an OpenBCI row of 32 channels is under 1 KiB). */
    public static final int MAX_LINE_BYTES = 1 << 20;
    private static final int READ_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 1024;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer read = ByteBuffer.allocate(READ_BYTES);
    private byte[] line = new byte[INITIAL_LINE_BYTES];
    private int length;
    private long lineOffset;
    /** File offset of {@code read}'s first byte. */
    private long readOffset;
    private boolean endOfFile;

    /**
     * A cursor over {@code channel}, which the caller owns and closes.
     *
     * @param file names the file in error messages
     */
    public LineCursor(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Positions the cursor so that the next {@link #next()} returns the line starting at {@code offset}. */
    public void seek(long offset) {
        read.clear().limit(0);
        readOffset = offset;
        endOfFile = false;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the file
     * @throws RecordingFormatException if a line is longer than {@link #MAX_LINE_BYTES}
     */
    public boolean next() throws IOException {
        length = 0;
        lineOffset = readOffset + read.position();
        boolean any = false;
        while (true) {
            if (!read.hasRemaining()) {
                if (endOfFile || !refill()) {
                    if (!any) return false;
                    break;
                }
            }
            any = true;
            byte b = read.get();
            if (b == '\n') break;
            if (length == line.length) {
                if (length >= MAX_LINE_BYTES) {
                    throw new RecordingFormatException(file, lineOffset, "line is longer than " + MAX_LINE_BYTES
                            + " bytes; not a text recording");
                }
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
            }
            line[length++] = b;
        }
        if (length > 0 && line[length - 1] == '\r') length--;
        return true;
    }

    private boolean refill() throws IOException {
        readOffset += read.limit();
        read.clear();
        int n = channel.read(read, readOffset);
        read.flip();
        if (n <= 0) {
            endOfFile = true;
            return false;
        }
        return true;
    }

    /** The current line's bytes (the first {@link #length()} of them), valid until the next call. Not to be modified. */
    public byte[] bytes() {
        return line;
    }

    /** The current line's length in bytes, without terminator. */
    public int length() {
        return length;
    }

    /** Byte offset of the current line in the file. */
    public long offset() {
        return lineOffset;
    }

    /** Whether the current line is empty or white space only. */
    public boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') return false;
        }
        return true;
    }

    /** The current line as ISO-8859-1 text. */
    public String text() {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
