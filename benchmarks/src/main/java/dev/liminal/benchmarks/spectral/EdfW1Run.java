package dev.liminal.benchmarks.spectral;

import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.edf.EdfReader;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * {@code TimelineHarness w1-edf}: W1 from the 16-bit EDF on disk ({@link EdfTimeline}), timed
 * end to end from opening the file to the last band power, then checked.
 *
 * <p><b>Runs, in order</b>, each preceded by an untimed {@code System.gc()} so that every run
 * starts with the previous run's 1.84 GB of samples collected, as a fresh process would:
 * <ol>
 *   <li>{@code first}: the JVM's first run (cold JIT). With {@code --evict} the EDF's pages are
 *       dropped from the page cache before it ({@code dd iflag=nocache count=0}, a
 *       {@code posix_fadvise(DONTNEED)} on this file only; {@code /proc/sys/vm/drop_caches} would
 *       empty the cache of everyone on the shared machine), so it is also cold on disk; without,
 *       the cache is as found (printed, via {@code fincore});</li>
 *   <li>{@code --warmup} untimed warm-up runs (page cache warm after the first);</li>
 *   <li>with {@code --evict}, {@code cold}: the file evicted again, JIT warm;</li>
 *   <li>{@code --reps} timed runs, page cache warm; their median and minimum are the result.</li>
 * </ol>
 *
 * <p><b>Check.</b> After the runs the EDF is read again with a single {@code readSamples} call
 * and the in-memory estimator runs on those samples in one thread: every run's band powers must
 * equal that reference to {@value #CHECK_RELATIVE} relative (they are bit-identical by the dsp
 * contract; the EDF values are quantised, so the reference is W1 on the EDF's own samples, not on
 * the float64 file). With {@code --compare-f64} the float64 file's samples are compared with the
 * EDF's (the largest error in half quantisation steps, at most 1) and W1 on the float64 samples
 * with W1 on the EDF's (the quantisation's effect on the band powers, informational).
 *
 * <p>Confined to the calling thread (plus the benchmark's own pool).
 */
final class EdfW1Run {
    /** Largest relative difference accepted between a run's band powers and the reference. */
    static final double CHECK_RELATIVE = 1e-9;
    /** Longest wait for the helper processes ({@code dd}, {@code fincore}). */
    private static final long HELPER_TIMEOUT_SECONDS = 60;

    /**
     * The command line of {@code w1-edf}.
     *
     * @param variant      {@code whole} ({@link EdfTimeline#whole}), {@code blocks} ({@link EdfTimeline#blocked})
     *                     or {@code stream} ({@link EdfTimeline#streamed})
     * @param threads      threads for the band powers, at least 1
     * @param reps         timed runs with a warm page cache, at least 1
     * @param warmup       untimed runs after the first, at least 0
     * @param blockSeconds seconds of samples per {@code readSamples} call, at least 1
     * @param evict        drop the EDF from the page cache before the first run and before a cold run
     * @param compareF64   also compare with the float64 file (reads 1.84 GB more)
     * @param paired       before every run but the first, time W1 in memory on the float64 file's
     *                     samples (as {@code w1} does, same threads), so each EDF run has an
     *                     in-memory run next to it under the same machine load
     */
    record Options(String variant, int threads, int reps, int warmup, int blockSeconds, boolean evict, boolean compareF64,
                   boolean paired) {
        Options {
            if (!variant.equals("whole") && !variant.equals("blocks") && !variant.equals("stream")) {
                throw new IllegalArgumentException("--variant '" + variant + "' must be whole, blocks or stream");
            }
            if (threads < 1 || reps < 1 || warmup < 0 || blockSeconds < 1) {
                throw new IllegalArgumentException("--threads " + threads + ", --reps " + reps + ", --warmup " + warmup
                        + ", --block-seconds " + blockSeconds + ": need threads, reps and block >= 1, warmup >= 0");
            }
        }
    }

    private final Path dir;
    private final Options options;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    EdfW1Run(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
    }

    /** One timed run as printed. */
    /**
     * One EDF run and, with {@code --paired}, the in-memory run just before it (NaN without).
     */
    private record Measured(String label, EdfTimeline.Timing timing, double cpuSeconds, double[][] bandPowers,
                            double inMemorySeconds, double inMemoryCpuSeconds) {}

    /** The float64 samples and output of the paired in-memory runs; null without {@code --paired}. */
    private double[][] pairedInput;
    private double[][] pairedOutput;

    void run() throws IOException {
        Path edf = EdfTimeline.w1EdfFile(dir);
        if (!Files.isRegularFile(edf)) {
            System.out.println("writing " + edf + " (once; several minutes)");
        }
        if (EdfTimeline.ensureW1Edf(dir)) System.out.println("wrote " + edf);
        double[] steps = describe(edf);
        double rate = SpectralBenchData.W1.sampleRateHz();
        TimelineParameters parameters = TimelineParameters.offlineDefaults(rate);
        BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT);
        int block = Math.toIntExact(Math.round(options.blockSeconds() * rate));
        int threads = options.threads();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "liminal-bench-timeline-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        System.out.printf(Locale.ROOT, "variant %s, %d thread(s), blocks of %d s (%d samples per channel)%n",
                options.variant(), threads, options.blockSeconds(), block);
        if (options.paired()) {
            pairedInput = SpectralBenchData.readW1(dir);
            pairedOutput = new double[pairedInput.length][estimator.outputLength(pairedInput[0].length)];
        }
        List<Measured> timed = new ArrayList<>();
        Measured first;
        Measured cold = null;
        try {
            if (options.evict()) evict(edf);
            System.out.println("  page cache before the first run: " + cached(edf));
            first = once("first", edf, estimator, parameters, block, pool);
            for (int w = 1; w <= options.warmup(); w++) once("warm-up " + w, edf, estimator, parameters, block, pool);
            if (options.evict()) {
                evict(edf);
                System.out.println("  page cache before the cold run: " + cached(edf));
                cold = once("cold", edf, estimator, parameters, block, pool);
            }
            for (int r = 1; r <= options.reps(); r++) timed.add(once("rep " + r, edf, estimator, parameters, block, pool));
        } finally {
            if (pool != null) pool.shutdown();
        }
        System.out.println("FFT passes: " + (dev.liminal.dsp.fft.BatchedComplexFft.simdPasses()
                ? "Vector API (SIMD)" : "scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD)"));

        List<Measured> all = new ArrayList<>(timed);
        all.add(first);
        if (cold != null) all.add(cold);
        double maxRel = check(edf, estimator, all, steps);

        double[] total = sorted(timed, m -> m.timing().totalSeconds());
        System.out.printf(Locale.ROOT, "RESULT impl=liminal-w1-edf-%s-%dthread median_s=%.4f min_s=%.4f median_cpu_s=%.4f "
                        + "median_open_s=%.4f median_alloc_s=%.4f median_read_s=%.4f median_compute_s=%.4f first_s=%.4f cold_s=%s reps=%d "
                        + "block_s=%d max_rel_diff_vs_edf_samples=%.3g%n",
                options.variant(), threads, median(total), total[0], median(sorted(timed, Measured::cpuSeconds)),
                median(sorted(timed, m -> m.timing().openSeconds())),
                median(sorted(timed, m -> m.timing().allocateSeconds())), median(sorted(timed, m -> m.timing().readSeconds())),
                median(sorted(timed, m -> m.timing().computeSeconds())), first.timing().totalSeconds(),
                cold == null ? "na" : String.format(Locale.ROOT, "%.4f", cold.timing().totalSeconds()), options.reps(),
                options.blockSeconds(), maxRel);
        if (options.paired()) {
            System.out.printf(Locale.ROOT, "RESULT impl=liminal-w1-edf-%s-%dthread-paired median_inmemory_s=%.4f "
                            + "median_inmemory_cpu_s=%.4f median_edf_s=%.4f median_ratio=%.3f median_cpu_ratio=%.3f reps=%d%n",
                    options.variant(), threads, median(sorted(timed, Measured::inMemorySeconds)),
                    median(sorted(timed, Measured::inMemoryCpuSeconds)), median(total),
                    median(sorted(timed, m -> m.timing().totalSeconds() / m.inMemorySeconds())),
                    median(sorted(timed, m -> m.cpuSeconds() / m.inMemoryCpuSeconds())), options.reps());
        }
        if (!(maxRel <= CHECK_RELATIVE)) {
            throw new IllegalStateException("band powers from the EDF differ from W1 on the EDF's samples by " + maxRel
                    + " relative, more than " + CHECK_RELATIVE);
        }
    }

    private Measured once(String label, Path edf, BandPowerTimelineEstimator estimator, TimelineParameters parameters,
                          int block, ExecutorService pool) throws IOException {
        double inMemory = Double.NaN;
        double inMemoryCpu = Double.NaN;
        if (pairedInput != null && !label.equals("first")) {
            System.gc();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            if (options.threads() > 1) {
                estimator.process(pairedInput, pairedOutput, pool, options.threads());
            } else {
                estimator.process(pairedInput, pairedOutput);
            }
            inMemory = (System.nanoTime() - t0) / 1e9;
            inMemoryCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "  %s, in memory: %.3f s, %.3f s CPU (load average %.2f)%n", label, inMemory,
                    inMemoryCpu, os.getSystemLoadAverage());
        }
        System.gc();
        long cpu0 = os.getProcessCpuTime();
        EdfTimeline.Run run = switch (options.variant()) {
            case "whole" -> EdfTimeline.whole(edf, estimator, block, pool, options.threads());
            case "blocks" -> EdfTimeline.blocked(edf, parameters, estimator.bands(), block, pool, options.threads());
            default -> EdfTimeline.streamed(edf, parameters, estimator.bands(), block, pool, options.threads());
        };
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        EdfTimeline.Timing t = run.timing();
        System.out.printf(Locale.ROOT, "  %s: %.3f s (open %.3f, allocate %.3f, read %.3f, band powers %.3f), %.3f s CPU (load average %.2f)%n",
                label, t.totalSeconds(), t.openSeconds(), t.allocateSeconds(), t.readSeconds(), t.computeSeconds(), cpu, os.getSystemLoadAverage());
        if (!Double.isNaN(inMemory)) {
            System.out.printf(Locale.ROOT, "  %s, EDF / in memory: %.2fx wall, %.2fx CPU%n", label, t.totalSeconds() / inMemory,
                    cpu / inMemoryCpu);
        }
        return new Measured(label, t, cpu, run.bandPowers(), inMemory, inMemoryCpu);
    }

    /**
     * Prints the file's size and quantisation.
     *
     * @return the quantisation step of each channel, uV
     */
    private static double[] describe(Path edf) throws IOException {
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = EdfTimeline.signalStream(reader.info(), edf);
            List<ChannelInfo> channels = s.info().channels();
            double[] steps = new double[channels.size()];
            for (int c = 0; c < steps.length; c++) {
                ChannelInfo ch = channels.get(c);
                double pmin = Double.parseDouble(ch.attribute(EdfReader.PHYSICAL_MIN));
                double pmax = Double.parseDouble(ch.attribute(EdfReader.PHYSICAL_MAX));
                long dmin = Long.parseLong(ch.attribute(EdfReader.DIGITAL_MIN));
                long dmax = Long.parseLong(ch.attribute(EdfReader.DIGITAL_MAX));
                steps[c] = (pmax - pmin) / (dmax - dmin);
            }
            double[] sortedSteps = steps.clone();
            Arrays.sort(sortedSteps);
            System.out.printf(Locale.ROOT, "%s: %s, %d bytes, %d channels x %d samples at %s Hz; quantisation step "
                            + "%.5f-%.5f uV (channel 0 physical range %s..%s uV over %s..%s)%n",
                    edf, reader.info().formatVariant(), Files.size(edf), steps.length, s.sampleCount(),
                    s.info().nominalRateHz(), sortedSteps[0], sortedSteps[steps.length - 1],
                    channels.get(0).attribute(EdfReader.PHYSICAL_MIN), channels.get(0).attribute(EdfReader.PHYSICAL_MAX),
                    channels.get(0).attribute(EdfReader.DIGITAL_MIN), channels.get(0).attribute(EdfReader.DIGITAL_MAX));
            return steps;
        }
    }

    /**
     * The reference check (see the class comment), printing each comparison.
     *
     * @return the largest relative difference of any run from the reference
     */
    private double check(Path edf, BandPowerTimelineEstimator estimator, List<Measured> runs, double[] steps)
            throws IOException {
        double[][] raw = options.compareF64() ? pairedInput : null;
        pairedInput = null;
        pairedOutput = null;
        System.gc();
        double[][] x = EdfTimeline.samples(edf);
        double[][] reference = new double[x.length][estimator.outputLength(x[0].length)];
        estimator.process(x, reference);
        double worst = 0;
        for (Measured m : runs) {
            double d = maxRelativeDifference(m.bandPowers(), reference);
            worst = Math.max(worst, d);
            System.out.printf(Locale.ROOT, "  check %s: max relative difference from W1 on the EDF's samples %.3g%n",
                    m.label(), d);
        }
        if (options.compareF64()) {
            if (raw == null) raw = SpectralBenchData.readW1(dir);
            double worstSteps = 0;
            for (int c = 0; c < x.length; c++) {
                double half = steps[c] / 2;
                for (int i = 0; i < x[c].length; i++) worstSteps = Math.max(worstSteps, Math.abs(x[c][i] - raw[c][i]) / half);
            }
            x = null;
            double[][] fromRaw = new double[raw.length][reference[0].length];
            estimator.process(raw, fromRaw);
            System.out.printf(Locale.ROOT, "  float64 file vs EDF samples: largest error %.4f half-steps (must be <= 1); "
                            + "W1 band powers, float64 vs EDF samples: max relative difference %.3g%n", worstSteps,
                    maxRelativeDifference(reference, fromRaw));
            if (worstSteps > 1 + 1e-6) {
                throw new IllegalStateException("EDF samples are " + worstSteps + " half-steps from the float64 file");
            }
        }
        return worst;
    }

    /** max |a - b| / |b| over all values ({@code a == b} counts 0, also for 0 and infinities). */
    static double maxRelativeDifference(double[][] a, double[][] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " rows vs " + b.length);
        double worst = 0;
        for (int c = 0; c < a.length; c++) {
            if (a[c].length != b[c].length) {
                throw new IllegalArgumentException("row " + c + ": " + a[c].length + " vs " + b[c].length + " values");
            }
            for (int i = 0; i < a[c].length; i++) {
                if (a[c][i] == b[c][i]) continue;
                double d = Math.abs(a[c][i] - b[c][i]) / Math.abs(b[c][i]);
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
            }
        }
        return worst;
    }

    /** Drops {@code file}'s pages from the page cache (this file only), if {@code dd} can. */
    private static void evict(Path file) throws IOException {
        String out = helper("dd", "if=" + file, "iflag=nocache", "count=0", "status=none");
        if (out == null) System.out.println("  (could not evict " + file + " from the page cache: dd failed)");
    }

    /** {@code fincore}'s resident size of {@code file}, or "unknown". */
    private static String cached(Path file) throws IOException {
        String out = helper("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString());
        if (out == null || out.isBlank()) return "unknown (no fincore)";
        long bytes;
        try {
            bytes = Long.parseLong(out.trim());
        } catch (NumberFormatException e) {
            return "unknown (fincore said '" + out.trim() + "')";
        }
        return String.format(Locale.ROOT, "%d of %d bytes (%.0f%%)", bytes, Files.size(file), 100.0 * bytes / Files.size(file));
    }

    /** Runs a helper program; its standard output, or null if it is missing, fails or hangs. */
    private static String helper(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        try {
            if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? out : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new InterruptedIOException("interrupted while running " + command[0]);
        }
    }

    private static double[] sorted(List<Measured> runs, ToDoubleFunction<Measured> value) {
        double[] v = runs.stream().mapToDouble(value).toArray();
        Arrays.sort(v);
        return v;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
