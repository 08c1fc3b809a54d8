package dev.liminal.datasets.edf;

import dev.liminal.core.ProgressListener;
import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.WriteOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The shared part of {@link EdfFormat} and {@link BdfFormat}: probe by the version field,
 * read with {@link EdfReader}, write EDF+/BDF+ with {@link EdfWriter}. Immutable; thread-safe.
 */
abstract class EdfFamilyFormat implements RecordingFormat {
    private final EdfDialect dialect;

    EdfFamilyFormat(EdfDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String id() {
        return dialect.formatId();
    }

    @Override
    public List<String> extensions() {
        return List.of(dialect.formatId());
    }

    @Override
    public boolean probe(Path file, byte[] head) {
        return EdfDialect.ofHead(head) == dialect;
    }

    @Override
    public RecordingReader open(Path file) throws IOException {
        return EdfReader.open(file, dialect);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /**
     * Writes {@code source} as EDF+ (or BDF+): see {@link EdfWriter} for how streams, segments
     * and annotations are mapped.
     */
    @Override
    public void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        new EdfWriter(dialect, options == null ? WriteOptions.DEFAULT : options,
                progress == null ? ProgressListener.NONE : progress).write(source, target);
    }
}
