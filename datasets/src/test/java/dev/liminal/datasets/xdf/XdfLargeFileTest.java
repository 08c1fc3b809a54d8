package dev.liminal.datasets.xdf;

import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated recording with many small chunks (as LabRecorder writes them, a few samples per
 * chunk), read block by block: every value and time is checked against the formula that made
 * it, and the index stays small.
 */
class XdfLargeFileTest {
    static final int CHANNELS = 16;
    static final double RATE_HZ = 500;
    static final int SAMPLES_PER_CHUNK = 4;
    static final int CHUNKS = 100_000;
    static final int SAMPLES = SAMPLES_PER_CHUNK * CHUNKS;
    /** 40 bytes per chunk and stream, with room for growth slack (arrays double). */
    static final long INDEX_BUDGET_BYTES = 10L << 20;

    @TempDir
    Path dir;

    /** The value of channel c at sample k: exactly representable as float32. */
    static double value(int c, long k) {
        return (float) ((k % 1000) * 0.5 - 250 + c);
    }

    static Path generate(Path file, int channels, int samples, int perChunk) throws IOException {
        try (XdfWriter w = new XdfWriter(file, 10)) {
            int id = w.addStream(XdfWriterTest.stream("big", SampleFormat.FLOAT32, channels, RATE_HZ, "uV"), null);
            int markers = w.addStream(XdfWriterTest.stream("markers", SampleFormat.STRING, 1, 0, ""), null);
            double[][] block = new double[channels][perChunk];
            double[] t = new double[perChunk];
            for (int first = 0; first < samples; first += perChunk) {
                int n = Math.min(perChunk, samples - first);
                for (int k = 0; k < n; k++) {
                    t[k] = 1000 + (first + k) / RATE_HZ;
                    for (int c = 0; c < channels; c++) block[c][k] = value(c, first + k);
                }
                w.writeSamples(id, block, 0, n, t);
                if (first % 5000 == 0) w.writeStrings(markers, new String[][] {{"m" + first}}, 0, 1, t);
            }
        }
        return file;
    }

    @Test
    void manySmallChunksAreIndexedCompactlyAndReadBackInBlocks() throws IOException {
        Path file = generate(dir.resolve("big.xdf"), CHANNELS, SAMPLES, SAMPLES_PER_CHUNK);
        assertTrue(Files.size(file) > 25_000_000L, "file of " + Files.size(file) + " bytes");
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT)) {
            RecordedStream s = r.info().streams().get(0);
            assertEquals(SAMPLES, s.sampleCount());
            assertEquals(1, s.segments().size());
            assertEquals(SAMPLES / 5000, r.info().annotations().size());
            long index = ((XdfReader) r).indexBytes();
            assertTrue(index < INDEX_BUDGET_BYTES, "index of " + CHUNKS + " chunks takes " + index + " bytes");
            int block = 9_999;
            double[][] v = new double[CHANNELS][block];
            double[] t = new double[block];
            for (long first = 0; first < SAMPLES; first += block) {
                int n = (int) Math.min(block, SAMPLES - first);
                r.readSamples(0, first, n, v, 0);
                r.readTimestamps(0, first, n, t, 0);
                for (int k = 0; k < n; k++) {
                    assertEquals(1000 + (first + k) / RATE_HZ, t[k], 1e-9);
                    for (int c = 0; c < CHANNELS; c += 5) {
                        if (v[c][k] != value(c, first + k)) {
                            assertEquals(value(c, first + k), v[c][k], "channel " + c + " sample " + (first + k));
                        }
                    }
                }
            }
            double[][] one = new double[CHANNELS][1];
            r.readSamples(0, SAMPLES - 1, 1, one, 0);
            assertEquals(value(3, SAMPLES - 1), one[3][0]);
        }
    }
}
