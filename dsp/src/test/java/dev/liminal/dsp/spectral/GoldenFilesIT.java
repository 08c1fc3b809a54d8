package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs make_golden.py with Debian's Python (scipy 1.10) into {@code target/} and checks it
 * writes exactly the committed golden files: the script and the files it is credited with stay
 * in step, and the inputs are reproducible. Skips with a reason when that Python or scipy is
 * missing, unless {@code LIMINAL_REQUIRE_INTEROP=1}.
 */
class GoldenFilesIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/make_golden.py");
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void scriptRegeneratesTheCommittedGoldenFilesByteForByte() throws IOException, InterruptedException {
        assumePeer(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        assumePeer(run(List.of(PYTHON.toString(), "-c", "import scipy.signal, numpy"), Path.of("target")) == 0,
                PYTHON + " cannot import scipy and numpy");

        Path out = Path.of("target", "golden-rerun");
        Files.createDirectories(out);
        assertEquals(0, run(List.of(PYTHON.toString(), SCRIPT.toString(), out.toString()), out.resolve("make_golden.log")),
                "make_golden.py exit status; see " + out.resolve("make_golden.log"));

        List<Path> committed;
        try (Stream<Path> files = Files.list(GoldenCase.DIRECTORY)) {
            committed = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(committed.size() > 9, "golden files present: " + committed.size());
        for (Path file : committed) {
            Path regenerated = out.resolve(file.getFileName());
            assertTrue(Files.exists(regenerated), "script did not write " + file.getFileName());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(regenerated), file.getFileName() + " differs");
        }
    }

    private static int run(List<String> command, Path log) throws IOException, InterruptedException {
        Path logFile = Files.isDirectory(log) ? log.resolve("python-probe.log") : log;
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return process.exitValue();
    }

    private static void assumePeer(boolean available, String reason) {
        if ("1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"))) {
            assertTrue(available, reason + " (LIMINAL_REQUIRE_INTEROP=1)");
        } else {
            Assumptions.assumeTrue(available, reason);
        }
    }
}
