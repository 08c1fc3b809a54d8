package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * BrainVision Core Data Format (Brain Products): opened through its {@code .vhdr} header, which
 * names the sample and marker files beside it. Read-only. Stateless and thread-safe.
 */
public final class BrainVisionFormat implements RecordingFormat {
    /** The format id. */
    public static final String ID = "brainvision";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "BrainVision (.vhdr/.vmrk/.eeg)";
    }

    @Override
    public List<String> extensions() {
        return List.of("vhdr");
    }

    /** Accepts files whose first line starts with a BrainVision header identification. */
    @Override
    public boolean probe(Path file, byte[] head) {
        if (head == null) return false;
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00EF\u00BB\u00BF")) text = text.substring(3); // UTF-8 byte order mark
        text = text.stripLeading();
        for (String id : VhdrHeader.IDENTIFICATIONS) {
            if (text.startsWith(id)) return true;
        }
        return false;
    }

    /**
     * Opens a recording by its header file.
     *
     * @throws dev.liminal.datasets.RecordingFormatException if the header or marker file is
     *         malformed (naming the file and byte offset of the line), or the data file is missing
     */
    @Override
    public RecordingReader open(Path file) throws IOException {
        return BrainVisionReader.open(file);
    }
}
