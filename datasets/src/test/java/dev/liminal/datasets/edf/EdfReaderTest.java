package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.liminal.datasets.edf.EdfFixtureReadTest.assertAnnotation;
import static dev.liminal.datasets.edf.EdfFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader on synthetic files built byte by byte: scaling, TALs, time, damage. */
class EdfReaderTest {
    /** Scaled values are computed in double: allow rounding in the last bits. */
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    private static final String KEEP0 = "+0\u0014\u0014\u0000";

    private RecordingReader open(SyntheticEdf b, String name) throws IOException {
        Path f = b.write(dir.resolve(name));
        return name.endsWith(".bdf") ? new BdfFormat().open(f) : new EdfFormat().open(f);
    }

    @Test
    void invertedPhysicalRangeGivesNegativeGain() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().signal("EEG Cz", "uV", "100", "-100", "-100", "100", 4)
                .record(new int[] {-100, 0, 50, 100});
        try (RecordingReader r = open(b, "inv.edf")) {
            double[][] x = readAll(r, 0);
            // physical = (d - dmin) * (pmax - pmin) / (dmax - dmin) + pmin
            assertArrayEquals(new double[] {100, 0, -50, -100}, x[0], EXACT);
        }
    }

    @Test
    void millivoltsAndVoltsBecomeMicrovoltsOtherUnitsStay() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf()
                .signal("EEG mv", "mV", "-1", "1", "-1000", "1000", 2)
                .signal("EEG v", "V", "-0.001", "0.001", "-1000", "1000", 2)
                .signal("Temp", "degC", "0", "100", "0", "1000", 2)
                .record(new int[] {500, -1000}, new int[] {500, 1000}, new int[] {370, 0});
        try (RecordingReader r = open(b, "units.edf")) {
            RecordingInfo info = r.info();
            assertEquals(List.of("uV", "uV", "degC"), info.channels().stream().map(c -> c.unit()).toList());
            assertEquals("mV", info.channels().get(0).attribute(EdfReader.FILE_UNIT));
            assertEquals(-1000, Double.parseDouble(info.channels().get(0).attribute(EdfReader.PHYSICAL_MIN)), EXACT);
            double[][] x = readAll(r, 0);
            assertArrayEquals(new double[] {500, -1000}, x[0], EXACT);
            assertArrayEquals(new double[] {500, 1000}, x[1], EXACT);
            assertArrayEquals(new double[] {37, 0}, x[2], EXACT);
        }
    }

    @Test
    void talsWithNegativeOnsetsDurationsAndSeveralTextsAreParsed() throws IOException {
        String tals = KEEP0 + "-2.5\u00151.5\u0014pre\u0014also\u0014\u0000+1\u0014Ünïcödé ✓\u0014\u0000";
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+C").signal("EEG Cz", "uV", "-1", "1", "-1", "1", 2)
                .annotations(40).record(new int[] {0, 1}, tals);
        try (RecordingReader r = open(b, "tal.edf")) {
            List<Annotation> a = r.info().annotations();
            assertEquals(3, a.size());
            assertAnnotation(a.get(0), -2.5, 1.5, "pre");
            assertAnnotation(a.get(1), -2.5, 1.5, "also");
            assertAnnotation(a.get(2), 1, Double.NaN, "Ünïcödé ✓");
        }
    }

    @Test
    void subsecondStartComesFromTheFirstTimekeepingTal() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+C").start("01.02.03", "04.05.06")
                .signal("EEG Cz", "uV", "-1", "1", "-1", "1", 2).annotations(20)
                .record(new int[] {0, 1}, "+0.25\u0014\u0014\u0000+0.75\u0014late\u0014\u0000")
                .record(new int[] {1, 0}, "+1.25\u0014\u0014\u0000");
        try (RecordingReader r = open(b, "sub.edf")) {
            RecordingInfo info = r.info();
            assertEquals(Instant.parse("2003-02-01T04:05:06.250Z"), info.startTime());
            assertEquals(List.of(new Segment(0, 4, 0)), info.streams().get(0).segments());
            assertAnnotation(info.annotations().get(0), 0.5, Double.NaN, "late");
            assertTrue(info.warnings().isEmpty(), info.warnings().toString());
        }
    }

    @Test
    void edfPlusDRecordsAfterAGapStartANewSegment() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+D").recordSeconds("0.5")
                .signal("EEG Cz", "uV", "-10", "10", "-10", "10", 2).annotations(10)
                .record(new int[] {1, 2}, "+10\u0014\u0014\u0000")
                .record(new int[] {3, 4}, "+10.5\u0014\u0014\u0000")
                .record(new int[] {5, 6}, "+20\u0014\u0014\u0000");
        try (RecordingReader r = open(b, "d.edf")) {
            RecordingInfo info = r.info();
            assertEquals("EDF+D", info.formatVariant());
            assertEquals(List.of(new Segment(0, 4, 0), new Segment(4, 2, 10)), info.streams().get(0).segments());
            assertTrue(info.warnings().contains("discontinuous: 2 segments"));
            assertEquals(10.5, info.durationSeconds(), EXACT);
            double[] t = new double[6];
            r.readTimestamps(0, 0, 6, t, 0);
            assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 10, 10.25}, t, EXACT);
        }
    }

    @Test
    void edfPlusCWhoseTimekeepingShowsAGapIsNotJoinedSilently() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+C").signal("EEG Cz", "uV", "-10", "10", "-10", "10", 1)
                .annotations(10)
                .record(new int[] {1}, KEEP0)
                .record(new int[] {2}, "+3\u0014\u0014\u0000");
        try (RecordingReader r = open(b, "cgap.edf")) {
            assertEquals(List.of(new Segment(0, 1, 0), new Segment(1, 1, 3)), r.info().streams().get(0).segments());
            assertEquals("discontinuous: 2 segments although the header says EDF+C", r.info().warnings().get(0));
        }
    }

    @Test
    void edfPlusDWithoutAnnotationSignalIsReadContiguouslyWithAWarning() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+D").signal("EEG Cz", "uV", "-10", "10", "-10", "10", 1)
                .record(new int[] {1}).record(new int[] {2});
        try (RecordingReader r = open(b, "dnoannot.edf")) {
            assertEquals(List.of(new Segment(0, 2, 0)), r.info().streams().get(0).segments());
            assertTrue(r.info().warnings().get(0).startsWith("EDF+D file without an annotation signal"));
        }
    }

    @Test
    void edfPlusDRecordWithoutTimekeepingTalIsRejected() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+D").signal("EEG Cz", "uV", "-1", "1", "-1", "1", 1)
                .annotations(10).record(new int[] {0}, KEEP0).record(new int[] {0}, "");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> open(b, "nokeep.edf"));
        assertTrue(e.getMessage().contains("record 1"), e.getMessage());
        assertEquals(768 + 22 + 2, e.byteOffset()); // header, record 0, the 1-sample data signal
    }

    @Test
    void fileTruncatedMidRecordKeepsCompleteRecordsAndWarns() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().signal("EEG Cz", "uV", "-8", "8", "-8", "8", 4)
                .record(new int[] {1, 2, 3, 4}).record(new int[] {5, 6, 7, 8}).record(new int[] {0, 0, 0, 0});
        byte[] full = b.bytes();
        Path f = dir.resolve("cut.edf");
        Files.write(f, Arrays.copyOf(full, full.length - 3));
        try (RecordingReader r = new EdfFormat().open(f)) {
            assertEquals(8, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().get(0).startsWith("truncated: header says 3 data records"),
                    r.info().warnings().toString());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, readAll(r, 0)[0], EXACT);
        }
    }

    @Test
    void recordCountMinusOneIsComputedFromFileSize() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().recordCount("-1").signal("EEG Cz", "uV", "-8", "8", "-8", "8", 2)
                .record(new int[] {1, 2}).record(new int[] {3, 4}).record(new int[] {5, 6});
        try (RecordingReader r = open(b, "m1.edf")) {
            assertEquals(6, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().get(0).contains("-1"), r.info().warnings().toString());
        }
    }

    @Test
    void nonAsciiHeaderBytesDecodeAsLatin1() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().patient("X M X Jos\u00e9_M\u00fcller").reserved("EDF+C")
                .signal("EEG \u00b5", "\u00b5V", "-1", "1", "-1", "1", 1).annotations(6)
                .record(new int[] {1}, KEEP0)
                .overrideBytes(8 + 30, new byte[] {(byte) 0x81, (byte) 0xFE});
        try (RecordingReader r = open(b, "latin.edf")) {
            assertEquals("uV", r.info().channels().get(0).unit());
            assertEquals("EEG \u00b5", r.info().channels().get(0).label());
            assertTrue(r.info().properties().get("patient").contains("\u0081\u00fe"));
            assertEquals(1, readAll(r, 0)[0][0], EXACT);
        }
    }

    @Test
    void bdfDecodesNegative24BitValues() throws IOException {
        SyntheticEdf b = SyntheticEdf.bdf().reserved("24BIT")
                .signal("EEG Cz", "uV", "-8388608", "8388607", "-8388608", "8388607", 3)
                .signal("Status", "Boolean", "-8388608", "8388607", "-8388608", "8388607", 3)
                .record(new int[] {-8388608, -1, 8388607}, new int[] {0xFF, 0x1C00FE, -1});
        try (RecordingReader r = open(b, "neg.bdf")) {
            double[][] x = readAll(r, 0);
            assertArrayEquals(new double[] {-8388608, -1, 8388607}, x[0], EXACT);
            // Status: the unsigned 24-bit value, unscaled (-1 is 0xFFFFFF: all 24 lines high).
            assertArrayEquals(new double[] {0xFF, 0x1C00FE, 0xFFFFFF}, x[1], 0);
        }
    }

    @Test
    void readingAnySpanEqualsTheSameSliceOfAWholeRead() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().signal("EEG a", "uV", "-500", "500", "-500", "500", 5)
                .signal("EEG b", "uV", "-500", "500", "-500", "500", 5);
        for (int rec = 0; rec < 7; rec++) {
            int[] a = new int[5];
            int[] c = new int[5];
            for (int k = 0; k < 5; k++) {
                a[k] = rec * 5 + k;
                c[k] = -(rec * 5 + k);
            }
            b.record(a, c);
        }
        try (RecordingReader r = open(b, "span.edf")) {
            double[][] all = readAll(r, 0);
            for (int first = 0; first < 35; first += 3) {
                for (int n = 0; first + n <= 35; n += 4) {
                    double[][] part = new double[2][n + 2];
                    r.readSamples(0, first, n, part, 2);
                    for (int c = 0; c < 2; c++) {
                        assertArrayEquals(Arrays.copyOfRange(all[c], first, first + n),
                                Arrays.copyOfRange(part[c], 2, n + 2), EXACT);
                    }
                }
            }
        }
    }

    @Test
    void badSpansAndStringReadsAreIllegalArguments() throws IOException {
        SyntheticEdf b = SyntheticEdf.edf().signal("EEG a", "uV", "-5", "5", "-5", "5", 2).record(new int[] {1, 2});
        try (RecordingReader r = open(b, "args.edf")) {
            assertThrows(IllegalArgumentException.class, () -> r.readSamples(0, 1, 2, new double[1][2], 0));
            assertThrows(IllegalArgumentException.class, () -> r.readSamples(0, 0, 2, new double[1][1], 0));
            assertThrows(IllegalArgumentException.class, () -> r.readSamples(1, 0, 1, new double[1][1], 0));
            assertThrows(IllegalArgumentException.class, () -> r.readStrings(0, 0, 1));
        }
    }

    // ------------------------------------------------------------ damaged headers

    private RecordingFormatException damaged(SyntheticEdf b) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RecordingFormatException.class, () -> open(b, "bad.edf").close()));
    }

    private static SyntheticEdf small() {
        return SyntheticEdf.edf().signal("EEG a", "uV", "-5", "5", "-5", "5", 2).record(new int[] {1, 2});
    }

    @Test
    void nonNumericSignalCountNamesItsByteOffset() {
        RecordingFormatException e = damaged(small().override(252, "ab  "));
        assertEquals(252, e.byteOffset());
        assertTrue(e.getMessage().contains("bad.edf: byte 252: number of signals 'ab' is not an integer"), e.getMessage());
    }

    @Test
    void absurdSignalCountFailsBeforeAllocating() {
        RecordingFormatException e = damaged(small().override(252, "9999"));
        assertEquals(252, e.byteOffset());
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
    }

    @Test
    void headerByteCountMustMatchSignalCount() {
        RecordingFormatException e = damaged(small().override(184, "1024    "));
        assertEquals(184, e.byteOffset());
    }

    @Test
    void absurdSamplesPerRecordFailsFast() {
        long offset = EdfHeaderParser.fieldOffset(1, EdfHeaderParser.F_SAMPLES, 0);
        RecordingFormatException e = damaged(small().override((int) offset, "99999999"));
        assertEquals(offset, e.byteOffset());
        RecordingFormatException zero = damaged(small().override((int) offset, "0       "));
        assertEquals(offset, zero.byteOffset());
    }

    @Test
    void nonNumericRangesAndEqualDigitalBoundsAreRejected() {
        long pmin = EdfHeaderParser.fieldOffset(1, EdfHeaderParser.F_PMIN, 0);
        assertEquals(pmin, damaged(small().override((int) pmin, "1e      ")).byteOffset());
        long dmax = EdfHeaderParser.fieldOffset(1, EdfHeaderParser.F_DMAX, 0);
        assertEquals(dmax, damaged(small().override((int) dmax, "99999   ")).byteOffset());
        long dmin = EdfHeaderParser.fieldOffset(1, EdfHeaderParser.F_DMIN, 0);
        assertEquals(dmin, damaged(small().override((int) dmin, "5       ")).byteOffset());
    }

    @Test
    void negativeRecordCountsAndDurationsAreRejected() {
        assertEquals(236, damaged(small().override(236, "-7      ")).byteOffset());
        assertEquals(244, damaged(small().override(244, "-1      ")).byteOffset());
        assertEquals(244, damaged(small().override(244, "0       ")).byteOffset());
    }

    @Test
    void absurdRecordCountIsReadAsTruncation() throws IOException {
        try (RecordingReader r = open(small().override(236, "99999999"), "huge.edf")) {
            assertEquals(2, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().get(0).startsWith("truncated"));
        }
    }

    @Test
    void shortFilesAndForeignVersionsAreRejected() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.edf"), new byte[] {'0', ' '});
        assertEquals(0, assertThrows(RecordingFormatException.class, () -> new EdfFormat().open(tiny)).byteOffset());
        byte[] b = small().bytes();
        b[0] = 'X';
        Path foreign = Files.write(dir.resolve("foreign.edf"), b);
        assertEquals(0, assertThrows(RecordingFormatException.class, () -> new EdfFormat().open(foreign)).byteOffset());
        Path edfAsBdf = small().write(dir.resolve("edf.bdf"));
        assertThrows(RecordingFormatException.class, () -> new BdfFormat().open(edfAsBdf));
    }

    @Test
    void malformedTalNamesItsByteOffset() {
        SyntheticEdf b = SyntheticEdf.edf().reserved("EDF+C").signal("EEG a", "uV", "-5", "5", "-5", "5", 1)
                .annotations(10).record(new int[] {1}, "+0\u0014\u0014\u0000x3\u0014a\u0014\u0000");
        RecordingFormatException e = damaged(b);
        assertEquals(768 + 2 + 5, e.byteOffset());
        assertFalse(e.getMessage().contains("\n"));
    }
}
