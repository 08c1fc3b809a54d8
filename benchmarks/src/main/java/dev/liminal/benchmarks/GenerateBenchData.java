package dev.liminal.benchmarks;

import dev.liminal.benchmarks.data.BenchDataSpec;
import dev.liminal.benchmarks.data.EdfBenchWriter;
import dev.liminal.benchmarks.data.XdfBenchWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line generator of the benchmark recordings (EDF+C, BDF, XDF; optionally an XDF with
 * one time stamp per chunk). Existing files are kept unless {@code --force}; each file is written
 * under a temporary name and renamed when complete, so an interrupted run leaves no truncated
 * recording behind.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.GenerateBenchData
 *      [--dir bench-data] [--channels 64] [--rate 1000] [--seconds 3600] [--seed N]
 *      [--formats edf,bdf,xdf,xdf-chunkts] [--force]
 * </pre>
 */
public final class GenerateBenchData {
    private static final Set<String> FORMATS = Set.of("edf", "bdf", "xdf", "xdf-chunkts");

    private GenerateBenchData() {}

    /** Entry point; exits 2 with one line on stderr on bad arguments or I/O failure. */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("GenerateBenchData: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Generates what {@code args} ask for; prints one line per file. */
    public static void run(String[] args) throws IOException {
        BenchDataSpec defaults = BenchDataSpec.ONE_HOUR_64_CHANNELS;
        Path dir = BenchFiles.directory();
        int channels = defaults.channelCount();
        double rate = defaults.sampleRateHz();
        int seconds = defaults.durationSeconds();
        long seed = defaults.seed();
        Set<String> formats = new LinkedHashSet<>(Set.of("edf", "bdf", "xdf"));
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--channels" -> channels = Integer.parseInt(value(args, ++i, a));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, a));
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--formats" -> {
                    formats = new LinkedHashSet<>();
                    for (String f : value(args, ++i, a).split(",")) {
                        String name = f.trim().toLowerCase(Locale.ROOT);
                        if (!FORMATS.contains(name)) {
                            throw new IllegalArgumentException("unknown format '" + f + "' (expected " + FORMATS + ")");
                        }
                        formats.add(name);
                    }
                }
                case "--force" -> force = true;
                default -> throw new IllegalArgumentException("unknown argument '" + a + "' (see the class Javadoc)");
            }
        }
        BenchDataSpec spec = new BenchDataSpec(channels, rate, seconds, seed);
        Files.createDirectories(dir);
        for (String format : formats) {
            Path file = switch (format) {
                case "edf" -> BenchFiles.edf(dir, spec);
                case "bdf" -> BenchFiles.bdf(dir, spec);
                case "xdf" -> BenchFiles.xdf(dir, spec);
                default -> BenchFiles.xdfChunkTimestamps(dir, spec);
            };
            if (Files.exists(file) && !force) {
                System.out.println("kept      " + file + " (" + Files.size(file) + " bytes)");
                continue;
            }
            Path part = file.resolveSibling(file.getFileName() + ".part");
            long start = System.nanoTime();
            switch (format) {
                case "edf" -> EdfBenchWriter.write(part, spec, EdfBenchWriter.Variant.EDF_PLUS_C);
                case "bdf" -> EdfBenchWriter.write(part, spec, EdfBenchWriter.Variant.BDF);
                case "xdf" -> XdfBenchWriter.write(part, spec, XdfBenchWriter.TimestampMode.EVERY_SAMPLE);
                default -> XdfBenchWriter.write(part, spec, XdfBenchWriter.TimestampMode.FIRST_OF_CHUNK);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "generated %s (%d bytes, %.1f s)%n", file, Files.size(file),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
