package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;
import dev.liminal.benchmarks.data.EdfBenchWriter;
import dev.liminal.benchmarks.data.SyntheticEeg;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times full loads of recordings through Liminal's readers ({@link FullRecordingRead}) for the
 * side-by-side comparison with MNE and libxdf ({@code benchmarks/compare-readers.sh}). Per file:
 * untimed warm-up loads, then timed loads; prints one {@code RESULT} line per mode with the median
 * and minimum wall-clock seconds and MB/s of file bytes (1 MB = 1e6 bytes), and a {@code SUMMARY}
 * line of what was read.
 *
 * <p>Modes: {@code prealloc} reuses destination arrays allocated once before timing;
 * {@code fresh} allocates them inside every timed load (as MNE's {@code preload=True} and
 * libxdf do).
 *
 * <pre>
 * java -Xmx5g -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.ReadHarness
 *      [--reps 5] [--warmup 2] [--mode prealloc|fresh|both] [--verify] [--floors] [--seed N] FILE...
 * </pre>
 *
 * {@code --floors} also times two lower bounds on the same machine at the same moment:
 * {@code floor-read}, reading the file's bytes through a 4 MiB buffer and discarding them (page
 * cache to user memory; no decoding), and {@code floor-fill}, writing every double of the
 * destination arrays once (memory write bandwidth; no file at all).
 *
 * {@code --verify} compares the first numeric stream, after the warm-up, with the synthetic
 * signal {@link dev.liminal.benchmarks.GenerateBenchData} wrote (same seed), within the file's
 * quantisation, and exits 1 on a mismatch.
 */
public final class ReadHarness {
    /** Half an EDF step: the largest rounding error of a 16-bit EDF sample, in uV. */
    private static final double EDF_TOLERANCE_MICROVOLTS = EdfBenchWriter.Variant.EDF_PLUS_C.microvoltsPerStep() / 2 + 1e-9;
    /** Half a BDF step, in uV. */
    private static final double BDF_TOLERANCE_MICROVOLTS = EdfBenchWriter.Variant.BDF.microvoltsPerStep() / 2 + 1e-9;
    /** float32 keeps 24 significant bits: relative rounding error at most 2^-24. */
    private static final double FLOAT32_RELATIVE_TOLERANCE = Math.scalb(1.0, -24);
    /** Buffer of the read floor; the size the EDF reader reads per block. */
    private static final int FLOOR_READ_BUFFER_BYTES = 4 << 20;

    private ReadHarness() {}

    /** Entry point; exits 2 on bad arguments, 1 if verification fails. */
    public static void main(String[] args) throws IOException {
        int reps = 5;
        int warmup = 2;
        String mode = "both";
        boolean verify = false;
        boolean floors = false;
        long seed = BenchDataSpec.ONE_HOUR_64_CHANNELS.seed();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--verify" -> verify = true;
                case "--floors" -> floors = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) usage("unknown option " + args[i]);
                    files.add(Path.of(args[i]));
                }
            }
        }
        if (files.isEmpty()) usage("no file given");
        if (reps < 1 || warmup < 0) usage("--reps must be >= 1 and --warmup >= 0");
        if (!List.of("prealloc", "fresh", "both").contains(mode)) usage("--mode must be prealloc, fresh or both");

        for (Path file : files) {
            long bytes = Files.size(file);
            if (!mode.equals("fresh")) {
                FullRecordingRead load = FullRecordingRead.allocateFor(file);
                RecordingInfo info = null;
                for (int w = 0; w < warmup; w++) info = load.readAll();
                if (info == null) info = load.readAll();
                summarize(file, info, load);
                if (verify && !verify(file, info, load, seed)) System.exit(1);
                double[] seconds = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long start = System.nanoTime();
                    load.readAll();
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
                report("prealloc", file, bytes, seconds);
                if (floors) timeFloors(file, bytes, load, reps);
            }
            System.gc();
            if (!mode.equals("prealloc")) {
                // after the prealloc runs the code is compiled already: one load re-warms the page cache
                int freshWarmup = mode.equals("both") ? Math.min(1, warmup) : warmup;
                for (int w = 0; w < freshWarmup; w++) FullRecordingRead.allocateFor(file).readAll();
                double[] seconds = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long start = System.nanoTime();
                    FullRecordingRead load = FullRecordingRead.allocateFor(file);
                    load.readAll();
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
                report("fresh", file, bytes, seconds);
            }
        }
    }

    /** Times reading the file's bytes without decoding, and filling the destination arrays without reading. */
    private static void timeFloors(Path file, long bytes, FullRecordingRead load, int reps) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(FLOOR_READ_BUFFER_BYTES);
        double[] read = new double[reps];
        for (int r = -1; r < reps; r++) {
            long start = System.nanoTime();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = 0;
                int got;
                while ((got = channel.read(buffer.clear(), position)) > 0) position += got;
            }
            if (r >= 0) read[r] = (System.nanoTime() - start) / 1e9;
        }
        report("floor-read", file, bytes, read);

        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < load.streamCount(); i++) {
            if (load.samples(i) != null) rows.addAll(Arrays.asList(load.samples(i)));
            rows.add(load.timestamps(i));
        }
        double[] fill = new double[reps];
        for (int r = -1; r < reps; r++) {
            long start = System.nanoTime();
            for (double[] row : rows) Arrays.fill(row, r);
            if (r >= 0) fill[r] = (System.nanoTime() - start) / 1e9;
        }
        report("floor-fill", file, bytes, fill);
    }

    private static void report(String mode, Path file, long bytes, double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        StringBuilder all = new StringBuilder();
        for (double s : seconds) all.append(all.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", s));
        System.out.printf(Locale.ROOT, "RESULT reader=liminal-%s file=%s bytes=%d reps=%d median_s=%.4f min_s=%.4f "
                + "mb_per_s=%.1f all_s=%s%n", mode, file, bytes, n, median, sorted[0], bytes / 1e6 / median, all);
    }

    private static void summarize(Path file, RecordingInfo info, FullRecordingRead load) {
        for (RecordedStream s : info.streams()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "SUMMARY file=%s format=%s variant=%s stream=%d name=%s channels=%d srate=%s samples=%d",
                    file.getFileName(), info.formatId(), info.formatVariant().replace(' ', '_'), s.index(),
                    s.info().name().replace(' ', '_'), s.info().channelCount(), s.info().nominalRateHz(), s.sampleCount()));
            double[] t = load.timestamps(s.index());
            if (t.length > 0) line.append(String.format(Locale.ROOT, " first_ts=%.6f last_ts=%.6f", t[0], t[t.length - 1]));
            double[][] x = load.samples(s.index());
            if (x != null && x[0].length > 0) {
                line.append(" ch0_first=");
                for (int k = 0; k < Math.min(5, x[0].length); k++) {
                    line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", x[0][k]));
                }
                line.append(String.format(Locale.ROOT, " chlast_last=%.4f", x[x.length - 1][x[0].length - 1]));
            }
            if (load.strings(s.index()) != null) line.append(" strings=").append(load.strings(s.index()).length);
            System.out.println(line);
        }
        System.out.println("SUMMARY file=" + file.getFileName() + " annotations=" + info.annotations().size()
                + " warnings=" + info.warnings().size());
    }

    /** Compares the first numeric stream with the synthetic signal; prints the largest error. */
    private static boolean verify(Path file, RecordingInfo info, FullRecordingRead load, long seed) {
        RecordedStream eeg = info.streams().stream().filter(s -> s.info().format().isNumeric()).findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " has no numeric stream to verify"));
        double[][] read = load.samples(eeg.index());
        int rate = (int) Math.round(eeg.info().nominalRateHz());
        int seconds = (int) (eeg.sampleCount() / rate);
        BenchDataSpec spec = new BenchDataSpec(eeg.info().channelCount(), rate, seconds, seed);
        String ext = RecordingFormats.extension(file);
        SyntheticEeg signal = new SyntheticEeg(spec);
        double[][] block = new double[spec.channelCount()][rate];
        double worstExcess = 0;
        double worstError = 0;
        for (int sec = 0; sec < seconds; sec++) {
            signal.next(block, rate);
            for (int c = 0; c < block.length; c++) {
                for (int k = 0; k < rate; k++) {
                    double expected = block[c][k];
                    double tolerance = switch (ext) {
                        case "edf" -> EDF_TOLERANCE_MICROVOLTS;
                        case "bdf" -> BDF_TOLERANCE_MICROVOLTS;
                        default -> Math.abs(expected) * FLOAT32_RELATIVE_TOLERANCE + 1e-12;
                    };
                    double error = Math.abs(read[c][sec * rate + k] - expected);
                    worstError = Math.max(worstError, error);
                    worstExcess = Math.max(worstExcess, error - tolerance);
                }
            }
        }
        boolean ok = worstExcess <= 0;
        System.out.printf(Locale.ROOT, "VERIFY file=%s %s max_abs_error_uV=%.6g%n", file.getFileName(),
                ok ? "ok" : "MISMATCH", worstError);
        return ok;
    }

    private static void usage(String problem) {
        System.err.println("ReadHarness: " + problem
                + "\nusage: ReadHarness [--reps N] [--warmup N] [--mode prealloc|fresh|both] [--verify] [--seed N] FILE...");
        System.exit(2);
    }
}
