package dev.liminal.datasets.xdf;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording process killed with SIGKILL: a child JVM writes with {@link XdfWriter}, flushing
 * every second of data, writes more without flushing and is killed. Liminal's reader and
 * libxdf must both read everything up to the last flush.
 */
class XdfCrashIT {
    static final long FLUSHED_SAMPLES = (long) XdfCrashWriterMain.FLUSHED_SECONDS * XdfCrashWriterMain.RATE_HZ;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void recordAndKill() throws IOException, InterruptedException {
        file = dir.resolve("killed.xdf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                XdfCrashWriterMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
                if (line.startsWith("UNFLUSHED")) break;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");
        }
        assertNotNull(last, "child printed nothing");
        assertTrue(last.startsWith("UNFLUSHED"), last);
        assertEquals(137, child.exitValue(), "exit value of a SIGKILLed process");
    }

    @Test
    void liminalReadsEverythingUpToTheLastFlush() throws IOException {
        try (RecordingReader r = RecordingFormats.open(file)) {
            RecordedStream eeg = r.info().streams().get(0);
            assertEquals(FLUSHED_SAMPLES, eeg.sampleCount());
            assertTrue(eeg.footer().isEmpty(), "a killed recorder wrote no footer");
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("'eeg' has no StreamFooter")),
                    r.info().warnings().toString());
            int n = (int) FLUSHED_SAMPLES;
            double[][] v = new double[XdfCrashWriterMain.CHANNELS][n];
            r.readSamples(0, 0, n, v, 0);
            for (int k = 0; k < n; k++) {
                for (int c = 0; c < v.length; c++) assertEquals(XdfCrashWriterMain.value(c, k), v[c][k]);
            }
            double[] t = new double[n];
            r.readTimestamps(0, 0, n, t, 0);
            assertEquals(50 + (n - 1) / 100.0, t[n - 1], 1e-9);
            assertEquals(XdfCrashWriterMain.FLUSHED_SECONDS, r.info().streams().get(1).sampleCount());
            assertEquals("second 4", r.readStrings(1, 4, 1)[0][0]);
        }
    }

    @Test
    void libxdfReadsEverythingUpToTheLastFlush() throws IOException, InterruptedException {
        LibXdfChecker.assumeAvailable();
        LibXdfChecker.Result lib = LibXdfChecker.read(file, 100_000);
        assertEquals(2, lib.streams.size());
        assertEquals(FLUSHED_SAMPLES, lib.streams.get(0).samples);
        assertEquals(XdfCrashWriterMain.FLUSHED_SECONDS, lib.events.size());
        try (RecordingReader r = RecordingFormats.open(file)) {
            XdfInteropIT.compare(r, lib, 0);
        }
    }
}
