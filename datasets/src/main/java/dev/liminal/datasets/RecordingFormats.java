package dev.liminal.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of {@link RecordingFormat}s on the class path. Immutable after class
 * initialisation; thread-safe.
 */
public final class RecordingFormats {
    /** How many leading bytes {@link RecordingFormat#probe} sees. */
    public static final int PROBE_BYTES = 256;

    private static final List<RecordingFormat> ALL = ServiceLoader.load(RecordingFormat.class,
            RecordingFormats.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableList());

    private RecordingFormats() {}

    /** Every registered format. */
    public static List<RecordingFormat> all() {
        return ALL;
    }

    /** The format with this id. */
    public static Optional<RecordingFormat> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The format for a file name's extension (case-insensitive). */
    public static Optional<RecordingFormat> byExtension(Path file) {
        String ext = extension(file);
        return ALL.stream().filter(f -> f.extensions().contains(ext)).findFirst();
    }

    /**
     * The format of an existing file: by content first, by extension if no probe accepts it.
     *
     * @throws RecordingFormatException if no format recognises the file
     */
    public static RecordingFormat detect(Path file) throws IOException {
        byte[] head = head(file);
        for (RecordingFormat f : ALL) {
            if (f.probe(file, head)) return f;
        }
        return byExtension(file).orElseThrow(() -> new RecordingFormatException(file, 0,
                "not a recording Liminal can read (formats: " + ALL.stream().map(RecordingFormat::id)
                        .collect(Collectors.joining(", ")) + ")"));
    }

    /** Opens any supported recording, detecting its format. */
    public static RecordingReader open(Path file) throws IOException {
        return detect(file).open(file);
    }

    /** The writable format for an output file name, by extension. */
    public static RecordingFormat forWriting(Path file) throws RecordingFormatException {
        return ALL.stream().filter(RecordingFormat::canWrite).filter(f -> f.extensions().contains(extension(file)))
                .findFirst().orElseThrow(() -> new RecordingFormatException(file, RecordingFormatException.NO_OFFSET,
                        "cannot write '." + extension(file) + "' files (writable: " + ALL.stream()
                                .filter(RecordingFormat::canWrite).flatMap(f -> f.extensions().stream())
                                .map(e -> "." + e).collect(Collectors.joining(", ")) + ")"));
    }

    /** The lower-case extension of a file name without the dot, or {@code ""}. */
    public static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] head(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PROBE_BYTES);
        }
    }
}
