package dev.liminal.datasets.openbci;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The text files the OpenBCI GUI records ({@code OpenBCI-RAW-*.txt}, v4 to v6). Read-only.
 * Stateless and thread-safe.
 */
public final class OpenBciFormat implements RecordingFormat {
    /** The format id. */
    public static final String ID = "openbci";
    /** First lines the GUI writes: v5 and v6 say EXG, v4 said EEG. */
    static final String[] IDENTIFICATIONS = {"%OpenBCI Raw EXG Data", "%OpenBCI Raw EEG Data"};
    /** Slowest sampling rate accepted; keeps every sample time finite. */
    static final double MIN_RATE_HZ = 1e-6;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenBCI GUI text (.txt/.csv)";
    }

    @Override
    public List<String> extensions() {
        return List.of("txt", "csv");
    }

    /** Accepts files whose first line is an OpenBCI GUI identification line. */
    @Override
    public boolean probe(Path file, byte[] head) {
        if (head == null) return false;
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00EF\u00BB\u00BF")) text = text.substring(3); // UTF-8 byte order mark
        int end = text.indexOf('\n');
        return isIdentification((end < 0 ? text : text.substring(0, end)).strip());
    }

    /**
     * Opens and scans a recording.
     *
     * @throws dev.liminal.datasets.RecordingFormatException if a line is malformed (naming the
     *         file, line number and byte offset)
     */
    @Override
    public RecordingReader open(Path file) throws IOException {
        return OpenBciReader.open(file);
    }

    static boolean isIdentification(String firstLine) {
        for (String id : IDENTIFICATIONS) {
            if (firstLine.equals(id)) return true;
        }
        return false;
    }
}
