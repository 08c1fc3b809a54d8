package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Full load of one benchmark recording ({@link FullRecordingRead}), in two variants:
 * {@link #readIntoPreallocated} reuses destination arrays allocated once per trial, so the
 * 1.84 GB of doubles are not allocated inside the measurement; {@link #readAllocating} allocates
 * them in every operation, as MNE's {@code preload=True} and libxdf do.
 *
 * <p>One operation reads a whole file (about a second), so each iteration is a single shot and
 * there are few of them. The recordings come from {@link GenerateBenchData}, in
 * {@link BenchFiles#directory()} (run from the repository root, or set {@code -Dliminal.bench.data}).
 * Subclasses name the file; run one with {@code java -jar benchmarks/target/benchmarks.jar EdfRead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms5g", "-Xmx5g"})
public abstract class RecordingReadBenchmark {
    private FullRecordingRead preallocated;

    /** The recording this benchmark reads, given the data directory. */
    protected abstract Path file(Path directory, BenchDataSpec spec);

    /** Checks the file exists; allocates the reusable arrays only for {@link #readIntoPreallocated}. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run "
                    + "`java -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.GenerateBenchData` "
                    + "from the repository root first");
        }
        if (params.getBenchmark().endsWith(".readIntoPreallocated")) {
            preallocated = FullRecordingRead.allocateFor(file);
        }
    }

    /** Reads the whole file into arrays allocated before the measurement. */
    @Benchmark
    public double readIntoPreallocated() throws IOException {
        preallocated.readAll();
        return preallocated.checksum();
    }

    /** Allocates the arrays and reads the whole file into them. */
    @Benchmark
    public double readAllocating() throws IOException {
        FullRecordingRead load = FullRecordingRead.allocateFor(file());
        load.readAll();
        return load.checksum();
    }

    private Path file() {
        return file(BenchFiles.directory(), BenchDataSpec.ONE_HOUR_64_CHANNELS);
    }
}
