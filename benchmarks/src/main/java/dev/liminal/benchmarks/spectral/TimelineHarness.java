package dev.liminal.benchmarks.spectral;

import dev.liminal.benchmarks.BenchFiles;
import dev.liminal.dsp.spectral.BandPowerFrame;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Liminal side of {@code benchmarks/compare-spectral.sh}: plain wall-clock timing, printed as
 * {@code RESULT} lines the script collects next to SciPy's and MNE's.
 * <pre>
 * java -Xms6g -Xmx6g -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.spectral.TimelineHarness generate
 * ... TimelineHarness w1 [--threads 1] [--reps 5] [--warmup 2] [--out bench-data/w1-liminal.f64]
 * ... TimelineHarness live [--channels 64,4096,8192] [--updates 200] [--warmup 1000]
 * ... TimelineHarness generate-edf
 * ... TimelineHarness w1-edf [--variant whole|blocks|stream] [--threads 1] [--reps 3] [--warmup 1] [--block-seconds 60]
 *                            [--evict] [--compare-f64] [--paired]
 * </pre>
 * {@code generate} writes {@code bench-data/eeg-64ch-1000hz-3600s.f64} ({@link SpectralBenchData})
 * if missing. {@code w1} reads it once (untimed), runs the timeline {@code warmup} times untimed
 * and {@code reps} times timed, and prints each time, the median and the minimum; with
 * {@code --out} it writes the band powers ({@code [channel][frame][band]}, float64 little-endian)
 * for the numerical comparison. {@code live} times single updates (100-sample chunk in, frame out)
 * of a {@link StreamingBandPowerProcessor} for each channel count and prints the median and the
 * 90th percentile per update. The chunks cycle through the first 2 s of the W1 file (channels
 * repeated beyond 64); warm-up and timed updates are whole cycles of 20, so the last frame covers
 * exactly those 2 s, and its channel-0 alpha power ({@code check=}) must equal SciPy's. Above
 * 1024 channels a tenth of {@code --updates} is timed; the warm-up is {@code --warmup} updates at
 * 64 channels, scaled down in proportion to the channel count (at least 20).
 * {@code generate-edf} writes the W1 EDF ({@link EdfTimeline#ensureW1Edf}) if missing;
 * {@code w1-edf} times W1 from that EDF, from opening the file to the last band power
 * ({@link EdfW1Run}).
 */
public final class TimelineHarness {
    private TimelineHarness() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: TimelineHarness generate|generate-edf|w1|w1-edf|live [options]");
        }
        Path dir = BenchFiles.directory();
        switch (args[0]) {
            case "generate" -> {
                long t0 = System.nanoTime();
                boolean written = SpectralBenchData.ensureW1File(dir);
                System.out.printf(Locale.ROOT, "%s %s (%.1f s)%n", written ? "wrote" : "kept",
                        SpectralBenchData.w1File(dir), (System.nanoTime() - t0) / 1e9);
            }
            case "w1" -> w1(dir, intOption(args, "--threads", 1), intOption(args, "--reps", 5),
                    intOption(args, "--warmup", 2), option(args, "--out", null));
            case "generate-edf" -> {
                long t0 = System.nanoTime();
                boolean written = EdfTimeline.ensureW1Edf(dir);
                System.out.printf(Locale.ROOT, "%s %s (%.1f s)%n", written ? "wrote" : "kept",
                        EdfTimeline.w1EdfFile(dir), (System.nanoTime() - t0) / 1e9);
            }
            case "w1-edf" -> {
                int threads = intOption(args, "--threads", 1);
                String variant = option(args, "--variant", "whole");
                EdfW1Run.Options options = new EdfW1Run.Options(variant, threads,
                        intOption(args, "--reps", 3), intOption(args, "--warmup", 1),
                        intOption(args, "--block-seconds", threads > 1 && variant.equals("whole") ? 600 : 60),
                        flag(args, "--evict"), flag(args, "--compare-f64"), flag(args, "--paired"));
                new EdfW1Run(dir, options).run();
            }
            case "live" -> live(dir, option(args, "--channels", "64,4096,8192"), intOption(args, "--updates", 200),
                    intOption(args, "--warmup", 1000));
            default -> throw new IllegalArgumentException("unknown mode '" + args[0]
                    + "': generate, generate-edf, w1, w1-edf or live");
        }
    }

    private static void w1(Path dir, int threads, int reps, int warmup, String out) throws IOException {
        double[][] x = SpectralBenchData.readW1(dir);
        BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(
                TimelineParameters.offlineDefaults(SpectralBenchData.W1.sampleRateHz()), BandSet.DEFAULT);
        double[][] y = new double[x.length][estimator.outputLength(x[0].length)];
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        double[] seconds = new double[reps];
        double[] cpuSeconds = new double[reps];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try {
            for (int r = -warmup; r < reps; r++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                if (pool == null) {
                    estimator.process(x, y);
                } else {
                    estimator.process(x, y, pool, threads);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                if (r >= 0) {
                    seconds[r] = s;
                    cpuSeconds[r] = cpu;
                }
                System.out.printf(Locale.ROOT, "  %s %d: %.3f s wall, %.3f s CPU (load average %.2f)%n",
                        r < 0 ? "warm-up" : "rep", r < 0 ? r + warmup + 1 : r + 1, s, cpu, os.getSystemLoadAverage());
            }
        } finally {
            if (pool != null) pool.shutdown();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double[] cpuSorted = cpuSeconds.clone();
        Arrays.sort(cpuSorted);
        System.out.println("FFT passes: " + (dev.liminal.dsp.fft.BatchedComplexFft.simdPasses()
                ? "Vector API (SIMD)" : "scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD)"));
        System.out.printf(Locale.ROOT, "RESULT impl=liminal-w1-%dthread median_s=%.4f min_s=%.4f median_cpu_s=%.4f reps=%d%n",
                threads, median(sorted), sorted[0], median(cpuSorted), reps);
        if (out != null) writeRows(Path.of(out), y);
    }

    private static void live(Path dir, String channelList, int updates, int warmup) throws IOException {
        TimelineParameters parameters = TimelineParameters.liveDefaults(LiveUpdateBenchmark.RATE_HZ);
        int chunk = LiveUpdateBenchmark.CHUNK_SAMPLES;
        int sourceSamples = LiveUpdateBenchmark.SOURCE_SAMPLES;
        for (String item : channelList.split(",")) {
            int channels = Integer.parseInt(item.trim());
            double[][] source = SpectralBenchData.readW1Head(dir, channels, sourceSamples);
            StreamingBandPowerProcessor processor =
                    new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, channels, 0.0);
            List<BandPowerFrame> frames = new ArrayList<>(1);
            Consumer<BandPowerFrame> sink = f -> {
                frames.clear();
                frames.add(f);
            };
            // A whole window first (one frame), then every 100-sample chunk completes one frame; the
            // chunks cycle through the source, so after a multiple of 20 updates the window is the
            // source again.
            processor.process(source, 0, sourceSamples, sink);
            int offset = 0;
            int cycle = sourceSamples / chunk;
            int timed = roundUp(channels <= 1024 ? updates : Math.max(cycle, updates / 10), cycle);
            int warm = roundUp(Math.max(warmup * 64L / channels, cycle), cycle);
            double[] micros = new double[timed];
            for (int u = -warm; u < timed; u++) {
                long t0 = System.nanoTime();
                int emitted = processor.process(source, offset, chunk, sink);
                long t1 = System.nanoTime();
                if (emitted != 1) throw new IllegalStateException("update gave " + emitted + " frames, expected 1");
                if (u >= 0) micros[u] = (t1 - t0) / 1e3;
                offset += chunk;
                if (offset == sourceSamples) offset = 0;
            }
            Arrays.sort(micros);
            System.out.printf(Locale.ROOT,
                    "RESULT impl=liminal-live channels=%d median_ms=%.4f p90_ms=%.4f min_ms=%.4f updates=%d realtime=%s check=%.6g%n",
                    channels, median(micros) / 1e3, micros[(int) (0.9 * (timed - 1))] / 1e3, micros[0] / 1e3, timed,
                    median(micros) < 100_000 ? "yes" : "no", frames.get(0).absolute(0, 2));
        }
    }

    /** {@code value} rounded up to a multiple of {@code step}, as an int. */
    private static int roundUp(long value, int step) {
        return Math.toIntExact((value + step - 1) / step * step);
    }

    private static void writeRows(Path file, double[][] rows) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(rows[0].length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (double[] row : rows) {
                buffer.clear();
                buffer.asDoubleBuffer().put(row);
                while (buffer.hasRemaining()) ch.write(buffer);
            }
        }
        System.out.println("wrote " + file + " (" + rows.length + " x " + rows[0].length + " float64)");
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static boolean flag(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) return true;
        }
        return false;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        String value = option(args, name, null);
        if (value == null) return fallback;
        int parsed = Integer.parseInt(value);
        if (parsed < 1 && !name.equals("--warmup")) {
            throw new IllegalArgumentException(name + " " + parsed + " must be at least 1");
        }
        return parsed;
    }
}
