package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;

import java.nio.file.Path;

/** Full load of the one-hour, 64-channel, 1000 Hz EDF+C recording (16-bit samples, 461 MB). */
public class EdfReadBenchmark extends RecordingReadBenchmark {
    @Override
    protected Path file(Path directory, BenchDataSpec spec) {
        return BenchFiles.edf(directory, spec);
    }
}
