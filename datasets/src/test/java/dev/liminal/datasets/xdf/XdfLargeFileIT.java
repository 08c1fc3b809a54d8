package dev.liminal.datasets.xdf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded memory, proven: a child JVM whose heap ({@value #CHILD_HEAP}) is a fraction of the
 * file reads a generated recording of about 180 MB completely; the sums it prints match the
 * formula the file was made from. Also prints the read speed next to libxdf's on the same file
 * when libxdf is available (the benchmark module owns the speed requirement).
 */
class XdfLargeFileIT {
    static final String CHILD_HEAP = "-Xmx48m";
    static final int CHANNELS = 64;
    static final int SAMPLES = 600_000;
    /** LabRecorder writes a chunk per pull, typically tens of samples. */
    static final int SAMPLES_PER_CHUNK = 50;

    @TempDir
    Path dir;

    @Test
    void childWithSmallHeapReadsALargeFileCompletely() throws IOException, InterruptedException {
        Path file = XdfLargeFileTest.generate(dir.resolve("large.xdf"), CHANNELS, SAMPLES, SAMPLES_PER_CHUNK);
        long size = Files.size(file);
        assertTrue(size > 150_000_000L, "file of " + size + " bytes");
        double expectedSum = 0;
        double expectedTimes = 0;
        for (int k = 0; k < SAMPLES; k++) {
            expectedSum += XdfLargeFileTest.value(0, k);
            expectedTimes += 1000 + k / XdfLargeFileTest.RATE_HZ;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("child.txt");
        Process child = new ProcessBuilder(java, CHILD_HEAP, "-cp", System.getProperty("java.class.path"),
                XdfReadAllMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "child did not finish");
        String line = Files.readString(out, StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), line);
        String[] f = line.split(" ");
        assertEquals("READ", f[0], line);
        assertEquals(SAMPLES, Long.parseLong(f[1]));
        assertEquals(expectedSum, Double.parseDouble(f[2]), Math.abs(expectedSum) * 1e-12);
        assertEquals(expectedTimes, Double.parseDouble(f[3]), expectedTimes * 1e-12);
        long totalMs = Long.parseLong(f[5]);
        System.out.printf("XDF read speed: %d MB in %d ms (open %s ms) = %.0f MB/s with %s%n", size >> 20, totalMs, f[4],
                size / 1e6 / Math.max(1, totalMs) * 1000, CHILD_HEAP);
        if (Files.exists(LibXdfChecker.BINARY) || Files.exists(Path.of("/usr/include/xdf.h"))) {
            try {
                LibXdfChecker.assumeAvailable();
                long t0 = System.nanoTime();
                LibXdfChecker.Result lib = LibXdfChecker.read(file, 0);
                long libMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(SAMPLES, lib.streams.get(0).samples);
                System.out.printf("libxdf load_xdf on the same file: %d ms (process incl. start-up)%n", libMs);
            } catch (org.opentest4j.TestAbortedException skipped) {
                System.out.println("libxdf comparison skipped: " + skipped.getMessage());
            }
        }
    }
}
