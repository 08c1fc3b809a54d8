package dev.liminal.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liminal.core.Annotation;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;
import dev.liminal.datasets.session.SessionAssertions;
import dev.liminal.datasets.session.SessionSamples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * MNE-Python (Debian's {@code /usr/bin/python3}, through {@code src/test/python/mne_check.py})
 * reads the session annotations Liminal writes into EDF+ and BDF+ files, and what MNE sees
 * decodes to the same session: the TALs are valid for a real peer, and nothing depends on
 * Liminal's own reader. A missing MNE skips with the reason, unless
 * {@code LIMINAL_REQUIRE_INTEROP=1} (CI), where it fails.
 */
class SessionInteropIT {
    private static final Path MNE_SCRIPT = Path.of("src/test/python/mne_check.py");
    private static final String PYTHON = "/usr/bin/python3";
    private static final boolean REQUIRED = "1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"));
    /** EDF+ keeps 100 ns; MNE computes onsets relative to the first sample in float64. */
    private static final double MNE_TIME_TOLERANCE_SECONDS = 1e-6;
    private static final long TIMEOUT_SECONDS = 120;

    private static String mneMissing;

    @TempDir
    Path dir;

    @BeforeAll
    static void findMne() throws Exception {
        Run probe = run(List.of(PYTHON, "-c", "import mne"));
        mneMissing = probe == null ? PYTHON + " is missing"
                : probe.exit != 0 ? "MNE-Python is not importable by " + PYTHON + ": " + probe.err.strip() : null;
    }

    @Test
    void mneReadsTheSessionAnnotationsOfEdfPlus() throws Exception {
        checkWithMne(dir.resolve("session.edf"));
    }

    @Test
    void mneReadsTheSessionAnnotationsOfBdfPlus() throws Exception {
        checkWithMne(dir.resolve("session.bdf"));
    }

    private void checkWithMne(Path file) throws Exception {
        if (mneMissing != null) {
            if (REQUIRED) fail("LIMINAL_REQUIRE_INTEROP=1 but MNE is unavailable: " + mneMissing);
            Assumptions.assumeTrue(false, mneMissing);
        }
        List<Annotation> plain = List.of(new Annotation(1.5, "plain note"));
        // MNE crops annotations to the recorded data: keep the session inside the 20 s recorded
        SessionTimeline session = SessionSamples.richWithin(RecordingSamples.SAMPLES / RecordingSamples.RATE_HZ);
        Recordings.write(RecordingSamples.eeg(plain, session), file, ProgressListener.NONE);
        Run mne = run(List.of(PYTHON, MNE_SCRIPT.toString(), file.toString(), "1"));
        if (mne == null || mne.exit != 0) fail("MNE could not read " + file + ": " + (mne == null ? "" : mne.err));
        JsonNode out = new ObjectMapper().readTree(mne.out);
        List<Annotation> seen = new ArrayList<>();
        for (JsonNode a : out.get("annotations")) {
            double duration = a.get("duration").asDouble();
            seen.add(new Annotation(a.get("onset").asDouble(), duration > 0 ? duration : Double.NaN,
                    a.get("description").asText(), ""));
        }
        DecodedSession d = SessionAnnotations.decode(seen);
        assertEquals(List.of(), d.warnings(), "MNE's view decodes cleanly");
        SessionAssertions.assertSameUpToTimes(session, d.session(), MNE_TIME_TOLERANCE_SECONDS);
        assertEquals(List.of("plain note"), d.annotations().stream().map(Annotation::text).toList());
    }

    private record Run(int exit, String out, String err) {}

    /** Runs a command; null if it cannot be started. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return null;
        }
        CompletableFuture<String> err = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        }, "liminal-it-stderr");
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        t.join();
        return new Run(p.exitValue(), out, err.join());
    }
}
