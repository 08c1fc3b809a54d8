package dev.liminal.benchmarks.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generated benchmark files are valid for other software: MNE-Python reads the EDF+ and BDF
 * (channels, rate, samples, annotations, values), EDFlib (a strict validator) accepts them, and
 * libxdf reads the XDF (streams, samples, markers, values), all agreeing with the synthetic
 * signal. Skips with a reason when a peer is missing, unless {@code LIMINAL_REQUIRE_INTEROP=1}.
 */
class GeneratedFilesInteropIT {
    private static final BenchDataSpec SPEC = new BenchDataSpec(8, 500, 65, 99L);
    private static final Path WORK = Path.of("target", "interop");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Printed values carry 4 decimals. */
    private static final double PRINTED_TOLERANCE_MICROVOLTS = 5e-5;
    private static final double[] EXPECTED_FIRST = new double[5];

    @BeforeAll
    static void generate() throws IOException {
        Files.createDirectories(WORK);
        EdfBenchWriter.write(WORK.resolve("interop.edf"), SPEC, EdfBenchWriter.Variant.EDF_PLUS_C);
        EdfBenchWriter.write(WORK.resolve("interop.bdf"), SPEC, EdfBenchWriter.Variant.BDF);
        XdfBenchWriter.write(WORK.resolve("interop.xdf"), SPEC, XdfBenchWriter.TimestampMode.EVERY_SAMPLE);
        XdfBenchWriter.write(WORK.resolve("interop-chunkts.xdf"), SPEC, XdfBenchWriter.TimestampMode.FIRST_OF_CHUNK);
        double[][] block = new double[SPEC.channelCount()][5];
        new SyntheticEeg(SPEC).next(block, 5);
        System.arraycopy(block[0], 0, EXPECTED_FIRST, 0, 5);
    }

    @Test
    void mneReadsTheEdfPlusAndBdfWithTheirAnnotationsAndValues() throws Exception {
        require(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import mne")).exit == 0,
                "MNE-Python in /usr/bin/python3");
        for (String ext : List.of("edf", "bdf")) {
            Result r = run(List.of(PYTHON.toString(), "src/main/python/time_mne_read.py",
                    WORK.resolve("interop." + ext).toString(), "1"));
            assertEquals(0, r.exit, r.output);
            Map<String, String> s = fields(r.line("SUMMARY"));
            assertEquals("8", s.get("channels"), r.output);
            assertEquals("500", s.get("srate"), r.output);
            assertEquals("32500", s.get("samples"), r.output);
            assertEquals(ext.equals("edf") ? "4" : "0", s.get("annotations"), r.output);
            assertValues(s.get("ch0_first"), ext.equals("edf") ? 0.05 : 0.016, ext);
        }
    }

    @Test
    void edflibAcceptsTheEdfPlusAndBdfAsValid() throws Exception {
        require(Files.exists(Path.of("/usr/include/edflib.h")) && onPath("gcc"), "EDFlib (libedf-dev) and gcc");
        Path checker = WORK.resolve("edflib_check");
        Result cc = run(List.of("gcc", "-O2", "-o", checker.toString(), "src/test/c/edflib_check.c", "-ledf"));
        assertEquals(0, cc.exit, cc.output);
        Result edf = run(List.of(checker.toString(), WORK.resolve("interop.edf").toString()));
        assertEquals(0, edf.exit, edf.output);
        Map<String, String> e = fields(edf.line("EDFLIB"));
        assertEquals("1", e.get("filetype"), "EDFlib file type 1 is EDF+: " + edf.output);
        assertEquals("8", e.get("signals"), "EDFlib counts data signals, not the annotation signal: " + edf.output);
        assertEquals("65", e.get("records"), edf.output);
        assertEquals("4", e.get("annotations"), edf.output);
        assertTrue(edf.output.contains("first_annotation=eyes closed@10.5000"), edf.output);
        assertValues(e.get("ch0_first"), 0.05, "edf");

        Result bdf = run(List.of(checker.toString(), WORK.resolve("interop.bdf").toString()));
        assertEquals(0, bdf.exit, bdf.output);
        Map<String, String> b = fields(bdf.line("EDFLIB"));
        assertEquals("2", b.get("filetype"), "EDFlib file type 2 is BDF: " + bdf.output);
        assertEquals("8", b.get("signals"), bdf.output);
        assertValues(b.get("ch0_first"), 0.016, "bdf");
    }

    @Test
    void libxdfLoadsBothXdfVariantsWithEverySampleAndMarker() throws Exception {
        require(Files.exists(Path.of("/usr/include/xdf.h")) && onPath("g++"), "libxdf (libxdf-dev) and g++");
        Path timer = WORK.resolve("time_libxdf_load");
        Result cc = run(List.of("g++", "-O2", "-std=c++17", "-o", timer.toString(),
                "src/main/cpp/time_libxdf_load.cpp", "-lxdf"));
        assertEquals(0, cc.exit, cc.output);
        for (String name : List.of("interop.xdf", "interop-chunkts.xdf")) {
            Result r = run(List.of(timer.toString(), WORK.resolve(name).toString(), "1"));
            assertEquals(0, r.exit, r.output);
            Map<String, String> eeg = fields(r.line("SUMMARY stream=0"));
            assertEquals("BenchEEG", eeg.get("name"), r.output);
            assertEquals("8", eeg.get("channels"), r.output);
            assertEquals("32500", eeg.get("samples"), r.output);
            assertEquals("32500", eeg.get("timestamps"), r.output);
            assertEquals("32500", eeg.get("footer_count"), r.output);
            // libxdf adds the clock offset in force (12.5 ms at the start) to the time stamps
            double first = Double.parseDouble(eeg.get("first_ts"));
            assertEquals(XdfBenchWriter.FIRST_TIMESTAMP_SECONDS + XdfBenchWriter.CLOCK_OFFSET_SECONDS_AT_START, first,
                    1e-3, r.output);
            assertValues(eeg.get("ch0_first"), PRINTED_TOLERANCE_MICROVOLTS + 1e-5, name);
            Map<String, String> markers = fields(r.line("SUMMARY stream=1"));
            assertEquals("BenchMarkers", markers.get("name"), r.output);
            assertEquals("4", markers.get("events"), r.output);
        }
    }

    private static void assertValues(String printed, double toleranceMicrovolts, String what) {
        String[] values = printed.split(",");
        assertEquals(5, values.length, what + ": " + printed);
        for (int k = 0; k < 5; k++) {
            assertEquals(EXPECTED_FIRST[k], Double.parseDouble(values[k]), toleranceMicrovolts + PRINTED_TOLERANCE_MICROVOLTS,
                    what + " sample " + k);
        }
    }

    private static void require(boolean available, String peer) {
        if (available) return;
        if ("1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"))) {
            fail(peer + " is missing and LIMINAL_REQUIRE_INTEROP=1");
        }
        Assumptions.assumeTrue(false, peer + " is not installed on this machine");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    /** Space-separated key=value fields; a value runs up to the next " key=". */
    private static Map<String, String> fields(String line) {
        Map<String, String> map = new HashMap<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '=') {
                int k = line.lastIndexOf(' ', i) + 1;
                starts.add(k);
            }
        }
        for (int j = 0; j < starts.size(); j++) {
            int end = j + 1 < starts.size() ? starts.get(j + 1) - 1 : line.length();
            String kv = line.substring(starts.get(j), end);
            int eq = kv.indexOf('=');
            map.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return map;
    }

    private record Result(int exit, String output) {
        String line(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + output));
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
