package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;

import java.nio.file.Path;

/** Full load of the one-hour XDF recording: a 64-channel 1000 Hz float32 stream with a time stamp per sample, and a marker stream. */
public class XdfReadBenchmark extends RecordingReadBenchmark {
    @Override
    protected Path file(Path directory, BenchDataSpec spec) {
        return BenchFiles.xdf(directory, spec);
    }
}
