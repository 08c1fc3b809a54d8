package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;

import java.nio.file.Path;

/**
 * Where the benchmark recordings live: {@code bench-data/} at the repository root (git-ignored),
 * or the directory named by the system property {@value #DIRECTORY_PROPERTY}. Immutable.
 */
public final class BenchFiles {
    /** System property naming the data directory. */
    public static final String DIRECTORY_PROPERTY = "liminal.bench.data";
    /** The default data directory, relative to the working directory (the repository root). */
    public static final String DEFAULT_DIRECTORY = "bench-data";

    private BenchFiles() {}

    /** The data directory from {@value #DIRECTORY_PROPERTY}, else {@value #DEFAULT_DIRECTORY}. */
    public static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY));
    }

    /** The EDF+C file of {@code spec} in {@code dir}. */
    public static Path edf(Path dir, BenchDataSpec spec) {
        return dir.resolve(spec.fileStem() + ".edf");
    }

    /** The BDF file of {@code spec} in {@code dir}. */
    public static Path bdf(Path dir, BenchDataSpec spec) {
        return dir.resolve(spec.fileStem() + ".bdf");
    }

    /** The XDF file of {@code spec} in {@code dir}, a time stamp on every sample. */
    public static Path xdf(Path dir, BenchDataSpec spec) {
        return dir.resolve(spec.fileStem() + ".xdf");
    }

    /** The XDF file of {@code spec} in {@code dir}, a time stamp on the first sample of each chunk only. */
    public static Path xdfChunkTimestamps(Path dir, BenchDataSpec spec) {
        return dir.resolve(spec.fileStem() + "-chunkts.xdf");
    }
}
