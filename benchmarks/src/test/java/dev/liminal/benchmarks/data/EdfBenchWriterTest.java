package dev.liminal.benchmarks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdfBenchWriterTest {
    private static final BenchDataSpec SPEC = new BenchDataSpec(3, 100, 40, 11L);

    @TempDir
    Path dir;

    @Test
    void edfPlusHeaderHasTheSpecifiedLayoutAndAnAnnotationSignal() throws IOException {
        Path file = dir.resolve("x.edf");
        EdfBenchWriter.write(file, SPEC, EdfBenchWriter.Variant.EDF_PLUS_C);
        byte[] b = Files.readAllBytes(file);
        int signals = 4;
        int headerBytes = 256 + 256 * signals;
        int recordBytes = 3 * 100 * 2 + 32 * 2;
        assertEquals(headerBytes + 40L * recordBytes, b.length);
        assertEquals("0       ", text(b, 0, 8));
        assertTrue(text(b, 8, 80).startsWith("BENCH-0001 X X "), text(b, 8, 80));
        assertTrue(text(b, 88, 80).startsWith("Startdate 05-JAN-2026 "), text(b, 88, 80));
        assertEquals("05.01.26", text(b, 168, 8));
        assertEquals("09.30.00", text(b, 176, 8));
        assertEquals(Integer.toString(headerBytes), text(b, 184, 8).trim());
        assertEquals("EDF+C", text(b, 192, 44).trim());
        assertEquals("40", text(b, 236, 8).trim());
        assertEquals("1", text(b, 244, 8).trim());
        assertEquals("4", text(b, 252, 4).trim());
        assertEquals("EEG Fp1", text(b, 256, 16).trim());
        assertEquals("EDF Annotations", text(b, 256 + 3 * 16, 16).trim());
        int samplesField = 256 + signals * (16 + 80 + 8 * 5 + 80);
        assertEquals("100", text(b, samplesField, 8).trim());
        assertEquals("32", text(b, samplesField + 3 * 8, 8).trim());
        for (int i = 0; i < headerBytes; i++) assertTrue(b[i] >= 32 && b[i] < 127, "header byte " + i + " is not printable");
    }

    @Test
    void edfSamplesAreTheSignalInTenthsOfAMicrovolt() throws IOException {
        Path file = dir.resolve("x.edf");
        EdfBenchWriter.write(file, SPEC, EdfBenchWriter.Variant.EDF_PLUS_C);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[][] expected = new double[3][100];
        SyntheticEeg eeg = new SyntheticEeg(SPEC);
        eeg.next(expected, 100);
        eeg.next(expected, 100); // second record
        int recordStart = 256 + 256 * 4 + (3 * 100 * 2 + 64);
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 100; k++) {
                double microvolts = b.getShort(recordStart + (c * 100 + k) * 2) * 0.1;
                assertEquals(expected[c][k], microvolts, 0.05 + 1e-9, "channel " + c + " sample " + (100 + k));
            }
        }
    }

    @Test
    void everyRecordStartsWithItsTimeKeepingTalAndMarkersFollowInTheirRecord() throws IOException {
        Path file = dir.resolve("x.edf");
        EdfBenchWriter.write(file, SPEC, EdfBenchWriter.Variant.EDF_PLUS_C);
        byte[] b = Files.readAllBytes(file);
        int headerBytes = 256 + 256 * 4;
        int recordBytes = 3 * 100 * 2 + 64;
        for (int r = 0; r < 40; r++) {
            String tal = text(b, headerBytes + r * recordBytes + 600, 64);
            String expected = "+" + r + "\u0014\u0014\u0000";
            if (r == 10) expected += "+10.5\u0014eyes closed\u0014\u0000";
            if (r == 25) expected += "+25.25\u0014eyes open\u0014\u0000";
            assertEquals(expected, tal.substring(0, expected.length()), "record " + r);
            assertTrue(tal.substring(expected.length()).chars().allMatch(ch -> ch == 0), "record " + r + " padding");
        }
    }

    @Test
    void bdfIsBiosemiWithTwentyFourBitSamples() throws IOException {
        Path file = dir.resolve("x.bdf");
        EdfBenchWriter.write(file, SPEC, EdfBenchWriter.Variant.BDF);
        byte[] b = Files.readAllBytes(file);
        int headerBytes = 256 + 256 * 3;
        assertEquals(headerBytes + 40L * 3 * 100 * 3, b.length);
        assertEquals((byte) 0xFF, b[0]);
        assertEquals("BIOSEMI", text(b, 1, 7));
        assertEquals("24BIT", text(b, 192, 44).trim());
        assertEquals("Fp1", text(b, 256, 16).trim());

        double[][] expected = new double[3][100];
        new SyntheticEeg(SPEC).next(expected, 100);
        double step = EdfBenchWriter.Variant.BDF.microvoltsPerStep();
        double offset = EdfBenchWriter.Variant.BDF.offsetMicrovolts();
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 100; k++) {
                int p = headerBytes + (c * 100 + k) * 3;
                int digital = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16; // sign from the top byte
                assertEquals(expected[c][k], digital * step + offset, step / 2 + 1e-9, "channel " + c + " sample " + k);
            }
        }
    }

    private static String text(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.US_ASCII);
    }
}
