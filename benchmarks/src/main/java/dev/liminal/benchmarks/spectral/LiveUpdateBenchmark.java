package dev.liminal.benchmarks.spectral;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.StreamingFrameSink;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * One live update: a {@link StreamingBandPowerProcessor} (2 s Hann window, 0.1 s hop at 1000 Hz,
 * the five default bands) receives a 100-sample chunk of every channel and emits one frame. The
 * processor is filled with a whole window before measuring, so every operation produces exactly
 * one frame. Chunks cycle through 2 s of seeded noise ({@link SpectralBenchData#noise}) by
 * offset, so feeding copies nothing outside the processor. Frames go through the
 * allocation-free path ({@link StreamingBandPowerProcessor#feed}): the sink reads one band
 * power of every channel and the quality flags from the reusable frame, as a live consumer
 * copying into its own arrays would, so {@code gc.alloc.rate.norm} should read about 0 B/op.
 *
 * <p>{@code channels=64} is the live update (goal under 0.5 ms); 4096 and 8192 are the
 * live capacity on one thread: real time holds while the time per update stays under the 100 ms
 * hop. Run with {@code -prof gc} to see the allocation per update.
 * <pre>java -jar benchmarks/target/benchmarks.jar LiveUpdateBenchmark -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class LiveUpdateBenchmark {
    /** Sampling rate, Hz. */
    static final double RATE_HZ = 1000.0;
    /** Samples per chunk: one 0.1 s hop. */
    static final int CHUNK_SAMPLES = 100;
    /** Samples of source signal the chunks cycle through (2 s). */
    static final int SOURCE_SAMPLES = 2000;

    /** Channels of the processor. */
    @Param({"64", "4096", "8192"})
    public int channels;

    private StreamingBandPowerProcessor processor;
    private double[][] source;
    private int offset;
    private double lastSum;
    private StreamingFrameSink sink;

    /** Builds the processor and fills its first window. */
    @Setup(Level.Trial)
    public void setUp() {
        source = SpectralBenchData.noise(channels, SOURCE_SAMPLES, 20261121L);
        processor = new StreamingBandPowerProcessor(TimelineParameters.liveDefaults(RATE_HZ), BandSet.DEFAULT,
                channels, 0.0);
        sink = f -> {
            double sum = f.endTimeSeconds();
            for (int c = 0; c < f.channelCount(); c++) sum += f.absolute(c, 2) + f.qualityBits(c);
            lastSum = sum;
        };
        processor.feed(source, 0, SOURCE_SAMPLES, sink);
        offset = 0;
    }

    /** One 100-sample chunk in, one frame out. */
    @Benchmark
    public void update(Blackhole blackhole) {
        blackhole.consume(processor.feed(source, offset, CHUNK_SAMPLES, sink));
        blackhole.consume(lastSum);
        offset += CHUNK_SAMPLES;
        if (offset == SOURCE_SAMPLES) offset = 0;
    }
}
