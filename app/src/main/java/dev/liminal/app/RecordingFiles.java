package dev.liminal.app;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the subcommands open and identify recordings, so that every subcommand reads files the
 * same way. Stateless; thread-safe.
 */
final class RecordingFiles {
    private RecordingFiles() {}

    /**
     * Opens a recording of any supported format.
     *
     * @throws java.nio.file.NoSuchFileException             if the file does not exist
     * @throws dev.liminal.datasets.RecordingFormatException if it is malformed or of no known format
     */
    static RecordingReader open(Path file) throws IOException {
        return RecordingFormats.open(file);
    }

    /** The display name of the format with this id, or the id itself if none is registered. */
    static String displayName(String formatId) {
        return RecordingFormats.byId(formatId).map(RecordingFormat::displayName).orElse(formatId);
    }
}
