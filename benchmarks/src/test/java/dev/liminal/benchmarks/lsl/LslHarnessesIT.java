package dev.liminal.benchmarks.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Runs each LSL harness main in its own JVM with small settings over 127.0.0.1 and checks what
 * its {@code RESULT} line counts (samples delivered, none lost, the frame's known band power),
 * never how fast: speed is measured by {@code compare-lsl.sh}, not asserted.
 */
class LslHarnessesIT {
    /** Bound on one harness process, seconds. */
    private static final long PROCESS_TIMEOUT_SECONDS = 90;
    /**
     * Alpha power of the frame harness's 20 uV 10 Hz sine is A^2/2 = 200 uV^2; 10 Hz falls on a
     * bin of the 2 s window, so only float32 rounding and the 23 Hz sine's leakage into 8-13 Hz
     * move it, far less than this.
     */
    private static final double ALPHA_POWER_TOLERANCE_UV2 = 1.0;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void throughputHarnessDeliversEverySampleUnderFlowControl() throws Exception {
        Map<String, String> r = run("LslThroughputHarness", "--samples", "200000", "--seconds", "30",
                "--warmup-samples", "100000");
        assertEquals("lsl_throughput", r.get("bench"));
        assertEquals("200000", r.get("sent"));
        assertEquals("200000", r.get("received"));
        assertEquals("0", r.get("lost"));
        assertEquals("0", r.get("inlet_dropped"));
        assertTrue(Double.parseDouble(r.get("samples_per_s")) > 0, r.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void latencyHarnessCountsEveryPacedSampleAfterTheWarmUp() throws Exception {
        Map<String, String> r = run("LslLatencyHarness", "--seconds", "1", "--warmup", "0.2");
        assertEquals("in-process", r.get("mode"));
        assertEquals("1000", r.get("samples"));
        assertEquals("0", r.get("lost"));
        assertOrderedQuantiles(r);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void latencyHarnessReceivesFromAnOutletInASecondProcess() throws Exception {
        Map<String, String> r = run("LslLatencyHarness", "--mode", "cross-process", "--seconds", "1", "--warmup", "0.2");
        assertEquals("cross-process", r.get("mode"));
        assertEquals("1000", r.get("samples"));
        assertEquals("0", r.get("lost"));
        assertOrderedQuantiles(r);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void frameHarnessTimesEveryHopAndFindsTheAlphaPowerOfItsSignal() throws Exception {
        // 3 s at 1000 Hz: the first frame after 2,000 samples, then one per 100: 11 frames
        Map<String, String> r = run("LslFrameLatencyHarness", "--seconds", "3", "--warmup", "0", "--prewarm", "0");
        assertEquals("11", r.get("frames"));
        assertEquals("0", r.get("lost"));
        assertEquals(200.0, Double.parseDouble(r.get("check")), ALPHA_POWER_TOLERANCE_UV2);
        assertOrderedQuantiles(r);
        assertTrue(Double.parseDouble(r.get("dsp_p50_us")) > 0, r.toString());
    }

    private static void assertOrderedQuantiles(Map<String, String> r) {
        double p50 = Double.parseDouble(r.get("p50_us"));
        double p99 = Double.parseDouble(r.get("p99_us"));
        double max = Double.parseDouble(r.get("max_us"));
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, "quantiles out of order: " + r);
    }

    /** Runs {@code dev.liminal.benchmarks.lsl.<main>} and returns the fields of its RESULT line. */
    private static Map<String, String> run(String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.liminal.benchmarks.lsl." + main));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try {
            // the harnesses bound themselves; the wait below is a second bound
            if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(main + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            out = p.getInputStream().readAllBytes();
        } finally {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), main + " failed:\n" + text);
        for (String line : text.split("\n")) {
            if (!line.startsWith("RESULT ")) continue;
            Map<String, String> fields = new HashMap<>();
            for (String item : line.substring("RESULT ".length()).trim().split(" ")) {
                int eq = item.indexOf('=');
                if (eq > 0) fields.put(item.substring(0, eq), item.substring(eq + 1));
            }
            return fields;
        }
        return fail(main + " printed no RESULT line:\n" + text);
    }
}
