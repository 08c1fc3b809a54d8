package dev.liminal.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs {@link ReadWholeRecording} in a child JVM with a small heap, for the large-file tests of
 * the readers. The child gets this JVM's class path.
 */
public final class SmallHeapReader {
    /** Heap of the child JVM: far smaller than the files the tests read. */
    public static final String HEAP = "-Xmx32m";
    private static final long TIMEOUT_SECONDS = 300;

    private SmallHeapReader() {}

    /** The sum {@link ReadWholeRecording} prints for {@code file}; fails the test if the child fails. */
    public static double sumOfAllSamples(Path file, Path scratch) throws IOException, InterruptedException {
        Path out = scratch.resolve("child-output.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                ReadWholeRecording.class.getName(), file.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("reading " + file + " took more than " + TIMEOUT_SECONDS + " s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), () -> "child JVM with " + HEAP + " failed: " + text);
        return Double.parseDouble(text);
    }
}
