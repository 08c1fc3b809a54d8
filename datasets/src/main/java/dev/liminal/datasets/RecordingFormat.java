package dev.liminal.datasets;

import dev.liminal.core.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file format (SPI, found by {@link java.util.ServiceLoader}; register implementations in
 * {@code META-INF/services/dev.liminal.datasets.RecordingFormat}). Implementations are
 * stateless and thread-safe.
 */
public interface RecordingFormat {

    /** Short lower-case id, e.g. {@code "edf"}, {@code "xdf"}. */
    String id();

    /** Human-readable name, e.g. {@code "EDF/EDF+ (European Data Format)"}. */
    String displayName();

    /** File name extensions without the dot, lower case, e.g. {@code ["edf"]}. */
    List<String> extensions();

    /**
     * Whether a file starting with {@code head} (its first bytes, up to 256 of them, fewer for
     * short files) looks like this format. Must not throw.
     */
    boolean probe(Path file, byte[] head);

    /**
     * Opens a recording for reading; the header is parsed and checked now.
     *
     * @throws RecordingFormatException naming the file and byte offset if it is malformed
     */
    RecordingReader open(Path file) throws IOException;

    /** Whether {@link #write} is supported. */
    default boolean canWrite() {
        return false;
    }

    /**
     * Writes everything {@code source} holds (streams, annotations, session metadata) to
     * {@code target}, replacing it. On failure the partial target is deleted.
     *
     * @throws UnsupportedOperationException if {@link #canWrite()} is false
     * @throws RecordingFormatException      if the source cannot be represented (the message
     *                                       says what and why)
     */
    default void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        throw new UnsupportedOperationException(displayName() + " is read-only in Liminal");
    }
}
