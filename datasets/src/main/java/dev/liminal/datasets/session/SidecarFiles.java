package dev.liminal.datasets.session;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading and writing of small sidecar files: bounded reads and atomic replacement (a reader
 * never sees half a sidecar). Stateless; thread-safe.
 */
final class SidecarFiles {
    private SidecarFiles() {}

    /**
     * All bytes of a file no larger than {@code maxBytes}.
     *
     * @throws RecordingFormatException if it is larger (checked before reading)
     */
    static byte[] readBounded(Path file, long maxBytes, String what) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new RecordingFormatException(file, 0, what + " of " + size + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        return Files.readAllBytes(file);
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, then moves it over {@code file}. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = dev.liminal.datasets.PartFile.createBeside(file, "tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
