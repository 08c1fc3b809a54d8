package dev.liminal.acquisition.recorder;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.xdf.XdfFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.liminal.acquisition.recorder.RecorderFixtures.CHANNELS;
import static dev.liminal.acquisition.recorder.RecorderFixtures.timestamp;
import static dev.liminal.acquisition.recorder.RecorderFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A recording process killed with SIGKILL: a child JVM runs {@link XdfRecorder} over live rings
 * ({@link RecorderCrashMain}), reports when the recorder has flushed everything and is killed
 * while the recorder thread is still running. Liminal's reader and libxdf must read every frame
 * up to the last flush from the footer-less file.
 */
@Timeout(180)
class XdfRecorderCrashIT {
    static final Path CHECKER_SOURCE = Path.of("src/test/cpp/recorder_check.cpp");
    static final Path CHECKER = Path.of("target/recorder-check/recorder_check");
    static final long PROCESS_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void recordAndKill() throws IOException, InterruptedException {
        file = dir.resolve("killed.xdf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecorderCrashMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
                if (line.startsWith("FLUSHED") || line.startsWith("TIMEOUT")) break;
            }
            // let the recorder thread run on (idle passes, more flushes) before the kill
            Thread.sleep(300);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");
        }
        assertNotNull(last, "child printed nothing");
        assertTrue(last.startsWith("FLUSHED"), last);
        assertEquals(137, child.exitValue(), "exit value of a SIGKILLed process");
    }

    @Test
    void liminalReadsEveryFrameUpToTheLastFlush() throws IOException {
        try (RecordingReader r = RecordingFormats.open(file)) {
            List<RecordedStream> streams = r.info().streams();
            assertEquals(3, streams.size());
            RecordedStream eeg = streams.get(0);
            assertEquals(RecorderCrashMain.FRAMES, eeg.sampleCount());
            assertTrue(eeg.footer().isEmpty(), "a killed recorder wrote no footer");
            assertTrue(Integer.parseInt(eeg.info().property(XdfFormat.CLOCK_OFFSET_COUNT)) >= 1, "clock offsets");
            int n = RecorderCrashMain.FRAMES;
            double[][] v = new double[CHANNELS][n];
            double[] t = new double[n];
            r.readSamples(0, 0, n, v, 0);
            r.readTimestamps(0, 0, n, t, 0);
            for (int k = 0; k < n; k++) {
                assertEquals(timestamp(k), t[k], "timestamp of frame " + k);
                for (int c = 0; c < CHANNELS; c++) assertEquals(value(k, c), v[c][k], "frame " + k);
            }
            assertEquals(RecorderCrashMain.CUES.length, streams.get(1).sampleCount());
            String[][] cues = r.readStrings(1, 0, RecorderCrashMain.CUES.length);
            for (int i = 0; i < cues.length; i++) assertEquals(RecorderCrashMain.CUES[i], cues[i][0]);
            assertEquals(0, streams.get(2).sampleCount(), "no gap events");
        }
    }

    @Test
    void libxdfReadsEveryFrameUpToTheLastFlush() throws IOException, InterruptedException {
        String unavailable = compileChecker();
        if (unavailable != null) {
            if ("1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"))) {
                fail("LIMINAL_REQUIRE_INTEROP=1 but libxdf is not usable: " + unavailable);
            }
            Assumptions.assumeTrue(false, "libxdf interop skipped: " + unavailable);
        }
        Path out = Files.createTempFile(CHECKER.getParent(), "recorder_check", ".txt");
        Process p = new ProcessBuilder(CHECKER.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out.toFile()).start();
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("recorder_check did not finish on " + file);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\n")));
        String eeg = lines.stream().filter(l -> l.startsWith("STREAM\teeg\t")).findFirst()
                .orElseThrow(() -> new AssertionError("libxdf has no eeg stream: " + text));
        String[] f = eeg.split("\t");
        assertEquals(Integer.toString(RecorderCrashMain.FRAMES), f[2]);
        for (int c = 0; c < CHANNELS; c++) {
            double sum = 0;
            for (int k = 0; k < RecorderCrashMain.FRAMES; k++) sum += value(k, c);
            assertEquals(sum, Double.parseDouble(f[3 + c]), "sum of channel " + c);
        }
        assertTrue(lines.contains("EVENTS\tcues\t" + RecorderCrashMain.CUES.length), text);
    }

    /** Compiles the checker against libxdf-dev once; the reason it cannot, or null. */
    private static synchronized String compileChecker() throws IOException, InterruptedException {
        if (Files.isExecutable(CHECKER)) return null;
        if (!Files.exists(Path.of("/usr/include/xdf.h"))) return "/usr/include/xdf.h is missing (apt-get install libxdf-dev)";
        Files.createDirectories(CHECKER.getParent());
        Path log = CHECKER.resolveSibling("compile.log");
        Process p;
        try {
            p = new ProcessBuilder("g++", "-std=c++17", "-O1", "-o", CHECKER.toString(), CHECKER_SOURCE.toString(), "-lxdf")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return "g++ cannot be started: " + e.getMessage();
        }
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return "compiling " + CHECKER_SOURCE + " failed: " + Files.readString(log).trim();
        }
        return null;
    }
}
