package dev.liminal.datasets.xdf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The libxdf peer: compiles {@code src/test/cpp/xdf_check.cpp} against Debian's libxdf-dev
 * into {@code target/} once per JVM and parses what it prints. A missing compiler or library
 * skips the calling test with the reason, unless {@code LIMINAL_REQUIRE_INTEROP=1}, when it
 * fails it. Confined to test threads; the compiled binary is shared read-only.
 */
final class LibXdfChecker {
    static final Path SOURCE = Path.of("src/test/cpp/xdf_check.cpp");
    static final Path BINARY = Path.of("target/xdf-check/xdf_check");
    /** Compiling or running the checker takes seconds; this bounds a hang. */
    private static final long TIMEOUT_SECONDS = 120;
    private static String unavailable;
    private static boolean compiled;

    /** One stream as libxdf reports it. */
    static final class Stream {
        String name;
        String type;
        int channelCount;
        double nominalRate;
        String format;
        long samples;
        double firstTimestamp;
        double lastTimestamp;
        final List<String[]> channels = new ArrayList<>();
        final List<Double> sums = new ArrayList<>();
        double timestampSum;
        /** sample index -> {time stamp, value 0, value 1, ...} */
        final Map<Long, double[]> samplesByIndex = new TreeMap<>();
    }

    /** One libxdf event (string sample). */
    record Event(int stream, double time, String text) {}

    /** What libxdf read from one file. */
    static final class Result {
        final List<Stream> streams = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        String raw;
    }

    private LibXdfChecker() {}

    /** Skips (or fails, when interop is required) unless the checker could be built. */
    static synchronized void assumeAvailable() throws IOException, InterruptedException {
        if (!compiled && unavailable == null) compile();
        if (unavailable != null) {
            if ("1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"))) {
                fail("LIMINAL_REQUIRE_INTEROP=1 but libxdf is not usable: " + unavailable);
            }
            Assumptions.assumeTrue(false, "libxdf interop skipped: " + unavailable);
        }
    }

    private static void compile() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/usr/include/xdf.h"))) {
            unavailable = "/usr/include/xdf.h is missing (apt-get install libxdf-dev)";
            return;
        }
        Files.createDirectories(BINARY.getParent());
        Path log = BINARY.resolveSibling("compile.log");
        ProcessBuilder pb = new ProcessBuilder("g++", "-std=c++17", "-O1", "-o", BINARY.toString(), SOURCE.toString(), "-lxdf")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            unavailable = "g++ cannot be started: " + e.getMessage();
            return;
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            unavailable = "compiling " + SOURCE + " failed: " + Files.readString(log).trim();
            return;
        }
        compiled = true;
    }

    /** Runs the checker on {@code file}, printing every sample of streams up to {@code allSamples}. */
    static Result read(Path file, long allSamples) throws IOException, InterruptedException {
        Path out = Files.createTempFile(BINARY.getParent(), "xdf_check", ".txt");
        Process p = new ProcessBuilder(BINARY.toString(), file.toString(), "--all", Long.toString(allSamples))
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xdf_check did not finish on " + file);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (p.exitValue() != 0) fail("xdf_check exited " + p.exitValue() + " on " + file + ": " + text);
        Result r = new Result();
        r.raw = text;
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "STREAM": {
                    Stream s = new Stream();
                    s.name = f[2];
                    s.type = f[3];
                    s.channelCount = Integer.parseInt(f[4]);
                    s.nominalRate = Double.parseDouble(f[5]);
                    s.format = f[6];
                    s.samples = Long.parseLong(f[7]);
                    s.firstTimestamp = Double.parseDouble(f[8]);
                    s.lastTimestamp = Double.parseDouble(f[9]);
                    r.streams.add(s);
                    break;
                }
                case "CHANNEL":
                    r.streams.get(Integer.parseInt(f[1])).channels.add(new String[] {f[3], f[4], f[5]});
                    break;
                case "SUM": {
                    Stream s = r.streams.get(Integer.parseInt(f[1]));
                    s.sums.add(Double.parseDouble(f[3]));
                    s.timestampSum = Double.parseDouble(f[4]);
                    break;
                }
                case "SAMPLE": {
                    double[] v = new double[f.length - 3];
                    for (int i = 3; i < f.length; i++) v[i - 3] = Double.parseDouble(f[i]);
                    r.streams.get(Integer.parseInt(f[1])).samplesByIndex.put(Long.parseLong(f[2]), v);
                    break;
                }
                case "EVENT":
                    r.events.add(new Event(Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                            line.substring(f[0].length() + f[1].length() + f[2].length() + 3)));
                    break;
                default:
                    break;
            }
        }
        return r;
    }
}
