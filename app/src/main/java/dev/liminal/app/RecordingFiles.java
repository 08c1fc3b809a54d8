package dev.liminal.app;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Recordings;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the subcommands open and identify recordings, so that every subcommand reads files the
 * same way. Stateless; thread-safe.
 */
final class RecordingFiles {
    private RecordingFiles() {}

    /**
     * Opens a recording of any supported format with its session metadata (embedded or in
     * sidecars; see {@link Recordings#open}).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws RecordingFormatException          if it is malformed or of no known format
     * @throws FileSystemException               if it is a directory or cannot be read
     * @throws IOException                       for other read failures, the message naming the file
     */
    static RecordingReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a recording file");
        }
        try {
            return Recordings.open(file);
        } catch (RecordingFormatException | FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** The display name of the format with this id, or the id itself if none is registered. */
    static String displayName(String formatId) {
        return RecordingFormats.byId(formatId).map(RecordingFormat::displayName).orElse(formatId);
    }
}
