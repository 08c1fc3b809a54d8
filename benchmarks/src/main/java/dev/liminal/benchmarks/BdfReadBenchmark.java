package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;

import java.nio.file.Path;

/** Full load of the one-hour, 64-channel, 1000 Hz BDF recording (24-bit samples, 691 MB). */
public class BdfReadBenchmark extends RecordingReadBenchmark {
    @Override
    protected Path file(Path directory, BenchDataSpec spec) {
        return BenchFiles.bdf(directory, spec);
    }
}
