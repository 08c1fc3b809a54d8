package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated 64-channel 1000 Hz EDF of 180 s (23 MB): read in chunks with one reused buffer
 * and in one whole-file call (the parallel path); every value is checked.
 */
class EdfLargeFileTest {
    static final int CHANNELS = 64;
    static final int RATE = 1000;
    static final int RECORDS = 180;

    @TempDir
    static Path dir;
    static Path file;

    /** Digital value of channel c, sample i (physical = digital: ranges are equal). */
    static int expected(int c, long i) {
        return (int) ((c * 1009L + i * 7L) % 65536) - 32768;
    }

    @BeforeAll
    static void generate() throws IOException {
        file = dir.resolve("large.edf");
        SyntheticEdf header = SyntheticEdf.edf().recordCount(Integer.toString(RECORDS));
        for (int c = 0; c < CHANNELS; c++) header.signal("EEG " + c, "uV", "-32768", "32767", "-32768", "32767", RATE);
        byte[] h = header.bytes();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(h));
            ByteBuffer rec = ByteBuffer.allocate(CHANNELS * RATE * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < RECORDS; r++) {
                rec.clear();
                for (int c = 0; c < CHANNELS; c++) {
                    for (int k = 0; k < RATE; k++) rec.putShort((short) expected(c, (long) r * RATE + k));
                }
                rec.flip();
                while (rec.hasRemaining()) out.write(rec);
            }
        }
    }

    @Test
    void chunkedReadWithOneBufferSeesEveryValueWithoutHeapGrowingWithTheFile() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (RecordingReader r = new EdfFormat().open(file)) {
            long n = r.info().streams().get(0).sampleCount();
            assertEquals((long) RATE * RECORDS, n);
            int chunk = 7777; // not a multiple of the record length: every call straddles records
            double[][] buf = new double[CHANNELS][chunk];
            long before = threads.getCurrentThreadAllocatedBytes();
            long mismatches = 0;
            for (long first = 0; first < n; first += chunk) {
                int count = (int) Math.min(chunk, n - first);
                r.readSamples(0, first, count, buf, 0);
                for (int c = 0; c < CHANNELS; c++) {
                    for (int k = 0; k < count; k++) {
                        if (buf[c][k] != expected(c, first + k)) mismatches++;
                    }
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, mismatches);
            long fileBytes = (long) CHANNELS * RATE * 2 * RECORDS;
            assertTrue(allocated < fileBytes / 8, "reading a " + fileBytes + "-byte file in chunks allocated "
                    + allocated + " heap bytes");
        }
    }

    @Test
    void wholeFileReadInOneCallMatchesTheGenerator() throws IOException {
        try (RecordingReader r = new EdfFormat().open(file)) {
            int n = (int) r.info().streams().get(0).sampleCount();
            double[][] all = new double[CHANNELS][n + 3];
            r.readSamples(0, 0, n, all, 3);
            for (int c = 0; c < CHANNELS; c++) {
                for (int i = 0; i < n; i++) {
                    if (all[c][i + 3] != expected(c, i)) {
                        throw new AssertionError("channel " + c + " sample " + i + ": " + all[c][i + 3]);
                    }
                }
            }
        }
    }
}
