package dev.liminal.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is malformed, truncated, hostile or unsupported. The message is one line naming the
 * file and, where known, the byte offset: {@code "short.edf: byte 236: number of data records
 * 'abc' is not an integer"}.
 */
public class RecordingFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Byte offset meaning "not tied to one place in the file". */
    public static final long NO_OFFSET = -1;

    private final transient Path file;
    private final long byteOffset;

    public RecordingFormatException(Path file, long byteOffset, String problem) {
        this(file, byteOffset, problem, null);
    }

    public RecordingFormatException(Path file, long byteOffset, String problem, Throwable cause) {
        super(format(file, byteOffset, problem), cause);
        this.file = file;
        this.byteOffset = byteOffset;
    }

    /** The file, or null when reading from a stream. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or {@link #NO_OFFSET}. */
    public long byteOffset() {
        return byteOffset;
    }

    private static String format(Path file, long offset, String problem) {
        String where = file == null ? "<stream>" : file.toString();
        return offset >= 0 ? where + ": byte " + offset + ": " + problem : where + ": " + problem;
    }
}
