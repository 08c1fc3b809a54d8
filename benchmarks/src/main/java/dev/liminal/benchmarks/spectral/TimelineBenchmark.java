package dev.liminal.benchmarks.spectral;

import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Workload W1 in memory: the band-power timeline (2 s Hann window, 1 s hop, the five default
 * bands) of 64 channels x 3,600,000 samples at 1000 Hz, on {@code threads} threads (the calling
 * thread plus a pool of {@code threads - 1}). One operation is the whole hour (about a second), so
 * iterations are single shots. The samples (1.84 GB of doubles) are loaded once per trial from
 * {@code bench-data/eeg-64ch-1000hz-3600s.f64} if present, else generated ({@link SpectralBenchData});
 * the output rows are allocated once per trial, so nothing of the input or output is allocated
 * inside the measurement.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TimelineBenchmark -f 1 -wi 2 -i 3</pre>
 * The fork runs with {@code -Xms6g -Xmx6g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class TimelineBenchmark {
    /** Threads computing the timeline, the calling one included. */
    @Param({"1", "2"})
    public int threads;

    private double[][] input;
    private double[][] output;
    private BandPowerTimelineEstimator estimator;
    private ExecutorService pool;

    /** Loads or generates the hour and allocates the output. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = SpectralBenchData.loadOrGenerateW1();
        estimator = new BandPowerTimelineEstimator(
                TimelineParameters.offlineDefaults(SpectralBenchData.W1.sampleRateHz()), BandSet.DEFAULT);
        output = new double[input.length][estimator.outputLength(input[0].length)];
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
    }

    /** Stops the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) pool.shutdown();
    }

    /** The whole W1 timeline. */
    @Benchmark
    public double w1Timeline() {
        if (pool == null) {
            estimator.process(input, output);
        } else {
            estimator.process(input, output, pool, threads);
        }
        return output[0][0] + output[output.length - 1][output[0].length - 1];
    }
}
