package dev.liminal.datasets.openbci;

import dev.liminal.datasets.SmallHeapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An OpenBCI GUI file larger than the reading JVM's heap is scanned and read through. */
class OpenBciLargeFileIT {
    private static final int ROWS = 450_000;
    private static final long T0_MS = 1_557_936_053_329L;

    @TempDir
    Path dir;

    @Test
    void readsAFileLargerThanTheHeapInBoundedSpans() throws Exception {
        Path file = dir.resolve("OpenBCI-RAW-large.txt");
        double expected = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("%OpenBCI Raw EXG Data\n%Number of channels = 8\n%Sample Rate = 250 Hz\n"
                    + "%Board = OpenBCI_GUI$BoardCytonSerial\nSample Index, EXG Channel 0, EXG Channel 1, EXG Channel 2, "
                    + "EXG Channel 3, EXG Channel 4, EXG Channel 5, EXG Channel 6, EXG Channel 7, Accel Channel 0, "
                    + "Accel Channel 1, Accel Channel 2, Timestamp\n");
            StringBuilder row = new StringBuilder(160);
            for (int r = 0; r < ROWS; r++) {
                row.setLength(0);
                row.append(r % 256);
                for (int c = 0; c < 8; c++) {
                    // quarter steps: exact in binary, so the sums below are exact
                    double v = (r % 1000) - 500 + c * 1000 + 0.25;
                    row.append(", ").append(v);
                    expected += v;
                }
                for (int a = 0; a < 3; a++) {
                    double g = a - 0.5;
                    row.append(", ").append(g);
                    expected += g;
                }
                row.append(", ").append(T0_MS + r * 4L).append('\n');
                w.append(row);
            }
        }
        assertTrue(Files.size(file) > 40L << 20, "larger than the child's 32 MB heap");
        assertEquals(expected, SmallHeapReader.sumOfAllSamples(file, dir), 0.0);
    }
}
