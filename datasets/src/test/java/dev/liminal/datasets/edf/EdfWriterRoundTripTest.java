package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.ProgressListener;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.liminal.datasets.edf.EdfFixtureReadTest.assertAnnotation;
import static dev.liminal.datasets.edf.EdfFixtures.fixture;
import static dev.liminal.datasets.edf.EdfFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes EDF+/BDF+ and reads the result back with Liminal's reader. */
class EdfWriterRoundTripTest {
    /** Values on the source's own digital grid come back within double rounding. */
    private static final double SAME_GRID = 1e-9;

    @TempDir
    Path dir;

    static Path write(RecordingReader source, Path target, WriteOptions options) throws IOException {
        RecordingFormat f = RecordingFormats.forWriting(target);
        f.write(source, target, options, ProgressListener.NONE);
        return target;
    }

    /** Half a digital step of a written channel, from its header ranges (the quantisation bound). */
    static double halfStep(ChannelInfo written) {
        double p = Math.abs(Double.parseDouble(written.attribute(EdfReader.PHYSICAL_MAX))
                - Double.parseDouble(written.attribute(EdfReader.PHYSICAL_MIN)));
        double d = Long.parseLong(written.attribute(EdfReader.DIGITAL_MAX)) - Long.parseLong(written.attribute(EdfReader.DIGITAL_MIN));
        return p / d / 2;
    }

    /** Every channel of every stream of {@code back} is within half a step of {@code source}. */
    static void assertWithinQuantisation(RecordingReader source, RecordingReader back) throws IOException {
        assertEquals(source.info().streams().stream().filter(s -> s.info().format().isNumeric()).count(),
                back.info().streams().size());
        for (int s = 0; s < back.info().streams().size(); s++) {
            double[][] a = readAll(source, s);
            double[][] b = readAll(back, s);
            for (int c = 0; c < a.length; c++) {
                ChannelInfo ch = back.info().streams().get(s).info().channels().get(c);
                double bound = halfStep(ch) * (1 + 1e-9) + 1e-9;
                for (int k = 0; k < a[c].length; k++) {
                    double err = Math.abs(a[c][k] - b[c][k]);
                    if (err > bound) {
                        throw new AssertionError(ch.label() + " sample " + k + ": " + a[c][k] + " came back as "
                                + b[c][k] + ", error " + err + " > half step " + bound);
                    }
                }
            }
        }
    }

    static void assertSameAnnotations(List<Annotation> expected, List<Annotation> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Annotation e = expected.get(i);
            assertAnnotation(actual.get(i), e.onsetSeconds(), e.durationSeconds(), e.text());
        }
    }

    @Test
    void shortPsgRoundTripsThroughEdfPlusOnItsOwnGrid() throws IOException {
        try (RecordingReader src = RecordingFormats.open(fixture("edf/short_psg.edf"))) {
            Path out = write(src, dir.resolve("psg.edf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(out)) {
                RecordingInfo b = back.info();
                assertEquals("EDF+C", b.formatVariant());
                assertEquals(src.info().startTime(), b.startTime());
                assertEquals("1.0", b.properties().get("data_record_seconds"));
                assertEquals("X X X X", b.properties().get("patient"));
                assertEquals("Startdate 24-APR-1989 X X X", b.properties().get("recording"));
                assertEquals(src.info().channels().stream().map(ChannelInfo::label).toList(),
                        b.channels().stream().map(ChannelInfo::label).toList());
                for (int i = 0; i < 7; i++) {
                    ChannelInfo s = src.info().channels().get(i);
                    ChannelInfo w = b.channels().get(i);
                    assertEquals(s.unit(), w.unit());
                    assertEquals(s.attribute(ChannelInfo.PREFILTER), w.attribute(ChannelInfo.PREFILTER));
                    assertEquals(s.attribute(ChannelInfo.TRANSDUCER), w.attribute(ChannelInfo.TRANSDUCER));
                    assertEquals(s.attribute(EdfReader.PHYSICAL_MIN), w.attribute(EdfReader.PHYSICAL_MIN));
                    assertEquals(s.attribute(EdfReader.DIGITAL_MAX), w.attribute(EdfReader.DIGITAL_MAX));
                }
                for (int s = 0; s < 2; s++) {
                    double[][] x = readAll(src, s);
                    double[][] y = readAll(back, s);
                    for (int c = 0; c < x.length; c++) assertArrayEquals(x[c], y[c], SAME_GRID);
                }
                assertTrue(b.annotations().isEmpty());
            }
        }
    }

    @Test
    void testGeneratorToBdfKeepsAnnotationsPatientAndValues() throws IOException {
        try (RecordingReader src = RecordingFormats.open(fixture("edf/test_generator.edf"))) {
            Path out = write(src, dir.resolve("gen.bdf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(out)) {
                RecordingInfo b = back.info();
                assertEquals("BDF+C", b.formatVariant());
                assertSameAnnotations(src.info().annotations(), b.annotations());
                for (String key : List.of(EdfIdentification.PATIENT_CODE, EdfIdentification.PATIENT_NAME,
                        EdfIdentification.PATIENT_SEX, EdfIdentification.PATIENT_BIRTHDATE,
                        EdfIdentification.PATIENT_ADDITIONAL, EdfIdentification.STARTDATE, EdfIdentification.ADMIN_CODE,
                        EdfIdentification.TECHNICIAN, EdfIdentification.EQUIPMENT,
                        EdfIdentification.RECORDING_ADDITIONAL)) {
                    assertEquals(src.info().properties().get(key), b.properties().get(key), key);
                }
                assertWithinQuantisation(src, back);
            }
        }
    }

    @Test
    void discontinuousFileStaysDiscontinuousWithFourSecondRecords() throws IOException {
        try (RecordingReader src = RecordingFormats.open(fixture("edf/Discontinuous2.edf"))) {
            Path out = write(src, dir.resolve("d.edf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(out)) {
                RecordingInfo b = back.info();
                assertEquals("EDF+D", b.formatVariant());
                assertEquals("4.0", b.properties().get("data_record_seconds"), "0.25 Hz needs 4 s records");
                assertEquals(src.info().streams().get(0).segments(), b.streams().get(0).segments());
                assertSameAnnotations(src.info().annotations(), b.annotations());
                assertEquals(src.info().properties().get(EdfIdentification.PATIENT_NAME),
                        b.properties().get(EdfIdentification.PATIENT_NAME));
                double[][] x = readAll(src, 0);
                double[][] y = readAll(back, 0);
                for (int c = 0; c < 3; c++) assertArrayEquals(x[c], y[c], SAME_GRID);
            }
        }
    }

    @Test
    void bdfStatusKeepsItsRaw24BitValueAndEdfCopyIsQuantised() throws IOException {
        try (RecordingReader src = RecordingFormats.open(fixture("bdf/Newtest17-256.bdf"))) {
            Path bdf = write(src, dir.resolve("n.bdf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(bdf)) {
                double[][] x = readAll(src, 0);
                double[][] y = readAll(back, 0);
                for (int c = 0; c < 17; c++) assertArrayEquals(x[c], y[c], SAME_GRID);
                assertEquals(ChannelType.TRIGGER, back.info().channels().get(16).type());
                assertEquals("Boolean", back.info().channels().get(16).unit());
            }
            Path edf = write(src, dir.resolve("n.edf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(edf)) {
                assertWithinQuantisation(src, back);
            }
        }
    }

    @Test
    void annotationOnlyHypnogramRoundTrips() throws IOException {
        try (RecordingReader src = RecordingFormats.open(fixture("edf/SC4001EC-Hypnogram.edf"))) {
            Path out = write(src, dir.resolve("h.edf"), WriteOptions.DEFAULT);
            try (RecordingReader back = RecordingFormats.open(out)) {
                assertTrue(back.info().streams().isEmpty());
                assertEquals("0.0", back.info().properties().get("data_record_seconds"));
                assertSameAnnotations(src.info().annotations(), back.info().annotations());
            }
        }
    }

    private static List<ChannelInfo> eeg(String... labels) {
        return Stream.of(labels).map(l -> new ChannelInfo(l, ChannelType.EEG, "uV",
                Map.of(ChannelInfo.PREFILTER, "HP:0.5Hz", ChannelInfo.TRANSDUCER, "Ag/AgCl"))).toList();
    }

    private static double[][] noise(long seed, int channels, int n, double sd) {
        Random rnd = new Random(seed);
        double[][] x = new double[channels][n];
        for (double[] row : x) for (int k = 0; k < n; k++) row[k] = rnd.nextGaussian() * sd;
        return x;
    }

    @Test
    void mixedRatesMarkersAndSubsecondStartSurviveEdfPlus() throws IOException {
        double[][] fast = noise(1, 3, 256 * 4, 50);
        double[][] slow = noise(2, 1, 100 * 4, 5);
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2024-05-06T07:08:09.375Z"))
                .properties(Map.of(EdfIdentification.PATIENT_NAME, "Zoë Ångström", EdfIdentification.PATIENT_SEX, "female",
                        EdfIdentification.EQUIPMENT, "Liminal test"))
                .regular("eeg", 256, eeg("Fz", "Cz", "Pz"), fast, 0)
                .regular("resp", 100, List.of(new ChannelInfo("Resp belt", ChannelType.RESP, "mmHg")), slow, 0)
                .markers("markers", new String[] {"infusion start", "eyes closed"}, new double[] {1.5, 2.25})
                .annotation(new Annotation(-0.5, 0.25, "before start", ""))
                .annotation(new Annotation(3.0, 1.0, "dose: 0.5 mg/kg", ""));
        Path out = write(src, dir.resolve("mixed.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            RecordingInfo b = back.info();
            assertEquals(Instant.parse("2024-05-06T07:08:09.375Z"), b.startTime());
            assertEquals(List.of(256.0, 100.0), b.streams().stream().map(s -> s.info().nominalRateHz()).toList());
            assertEquals("mmHg", b.channels().get(3).unit());
            assertEquals("Zoe Angstrom", b.properties().get(EdfIdentification.PATIENT_NAME));
            assertEquals("F", b.properties().get(EdfIdentification.PATIENT_SEX));
            assertEquals("Liminal test", b.properties().get(EdfIdentification.EQUIPMENT));
            assertTrue(b.properties().get("recording").startsWith("Startdate 06-MAY-2024 X X Liminal_test"));
            assertWithinQuantisation(src, back);
            List<Annotation> a = b.annotations();
            assertEquals(4, a.size());
            assertAnnotation(a.get(0), -0.5, 0.25, "before start");
            assertAnnotation(a.get(1), 1.5, Double.NaN, "infusion start");
            assertAnnotation(a.get(2), 2.25, Double.NaN, "eyes closed");
            assertAnnotation(a.get(3), 3.0, 1.0, "dose: 0.5 mg/kg");
        }
    }

    @Test
    void manyAnnotationsAreSpreadOverRecordsInOrder() throws IOException {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 10, eeg("Cz"), noise(3, 1, 30, 10), 0);
        for (int i = 0; i < 500; i++) src.annotation(new Annotation(i * 0.006, "event number " + i));
        Path out = write(src, dir.resolve("many.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            assertSameAnnotations(src.info().annotations(), back.info().annotations());
            assertEquals(3, back.info().streams().get(0).sampleCount() / 10);
        }
    }

    @Test
    void markerAlsoListedAsAnnotationIsWrittenOnce() throws IOException {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 10, eeg("Cz"), noise(13, 1, 30, 10), 0)
                .markers("m", new String[] {"tone", "tone"}, new double[] {1.0, 2.0})
                .annotation(new Annotation(1.0, "tone"));
        Path out = write(src, dir.resolve("dedupe.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            List<Annotation> a = back.info().annotations();
            assertEquals(2, a.size());
            assertAnnotation(a.get(0), 1.0, Double.NaN, "tone");
            assertAnnotation(a.get(1), 2.0, Double.NaN, "tone");
        }
    }

    @Test
    void unknownStartIsWrittenAs1985WithStartdateX() throws IOException {
        MemoryRecording src = new MemoryRecording().regular("eeg", 10, eeg("Cz"), noise(4, 1, 20, 10), 0);
        Path out = write(src, dir.resolve("nostart.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            assertEquals(Instant.parse("1985-01-01T00:00:00Z"), back.info().startTime());
            assertEquals("Startdate X X X X", back.info().properties().get("recording"));
            assertEquals("X X X X", back.info().properties().get("patient"));
        }
    }

    @Test
    void recordDurationAdaptsToRatesThatDoNotFitOneSecond() throws IOException {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("slow", 0.5, eeg("Cz"), noise(5, 1, 10, 10), 0)
                .regular("odd", 487.5, eeg("Oz"), noise(6, 1, 9750, 10), 0);
        Path out = write(src, dir.resolve("rates.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            assertEquals("2.0", back.info().properties().get("data_record_seconds"));
            assertEquals(List.of(0.5, 487.5), back.info().streams().stream().map(s -> s.info().nominalRateHz()).toList());
            assertWithinQuantisation(src, back);
        }
    }

    @Test
    void rateThatFitsNoRecordDurationFailsNamingChannelAndLeavesNoFile() throws IOException {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("pi", Math.PI, eeg("Weird"), noise(7, 1, 10, 10), 0);
        Path target = dir.resolve("pi.edf");
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> write(src, target, WriteOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'Weird'") && e.getMessage().contains("3.14159"), e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void irregularNumericStreamIsRejectedWithItsName() {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 10, eeg("Cz"), noise(8, 1, 10, 10), 0)
                .irregular("gsr events", new ChannelInfo("GSR", ChannelType.GSR, "uS"), new double[] {1, 2},
                        new double[] {0.1, 0.7});
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> write(src, dir.resolve("irr.bdf"), WriteOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'gsr events'") && e.getMessage().contains("irregular"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("irr.bdf")));
    }

    @Test
    void streamsStartingAtDifferentTimesAreAlignedToTheEarliest() throws IOException {
        double[][] a = noise(9, 1, 400, 20);
        double[][] b = noise(10, 1, 150, 20);
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("a", 100, eeg("A"), a, 5000.0)
                .regular("b", 50, eeg("B"), b, 5001.0)
                .markers("m", new String[] {"go"}, new double[] {5002.0});
        Path out = write(src, dir.resolve("align.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            RecordingInfo info = back.info();
            assertEquals(400, info.streams().get(0).sampleCount());
            assertEquals(200, info.streams().get(1).sampleCount());
            double[][] ya = readAll(back, 0);
            double[][] yb = readAll(back, 1);
            double ha = halfStep(info.channels().get(0)) * (1 + 1e-9);
            double hb = halfStep(info.channels().get(1)) * (1 + 1e-9);
            for (int k = 0; k < 400; k++) assertEquals(a[0][k], ya[0][k], ha);
            // b starts 1 s (50 samples) later: padded with its first value, then its samples on the grid.
            for (int k = 0; k < 50; k++) assertEquals(b[0][0], yb[0][k], hb);
            for (int k = 0; k < 150; k++) assertEquals(b[0][k], yb[0][50 + k], hb);
            assertAnnotation(info.annotations().get(0), 2.0, Double.NaN, "go");
        }
    }

    @Test
    void segmentedSourceIsWrittenAsEdfPlusD() throws IOException {
        double[][] x = noise(11, 2, 600, 30);
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 100, eeg("C3", "C4"), x,
                        List.of(new Segment(0, 200, 0), new Segment(200, 300, 10), new Segment(500, 100, 60.5)));
        Path out = write(src, dir.resolve("seg.bdf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            RecordedStream s = back.info().streams().get(0);
            assertEquals("BDF+D", back.info().formatVariant());
            assertEquals(src.info().streams().get(0).segments(), s.segments());
            assertTrue(back.info().warnings().contains("discontinuous: 3 segments"));
            assertWithinQuantisation(src, back);
        }
    }

    @Test
    void integerAndConstantChannelsAreStoredExactly() throws IOException {
        double[][] x = new double[2][50];
        for (int k = 0; k < 50; k++) {
            x[0][k] = (k * 37) % 1000 - 500;
            x[1][k] = 12.5;
        }
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 10, List.of(new ChannelInfo("TRIG", ChannelType.TRIGGER, ""),
                        new ChannelInfo("flat", ChannelType.MISC, "")), x, 0);
        Path out = write(src, dir.resolve("int.edf"), WriteOptions.DEFAULT);
        try (RecordingReader back = RecordingFormats.open(out)) {
            double[][] y = readAll(back, 0);
            assertArrayEquals(x[0], y[0], 0);
            assertArrayEquals(x[1], y[1], 0);
        }
    }

    @Test
    void cancellationStopsTheWriteAndDeletesThePartialFile() {
        MemoryRecording src = new MemoryRecording().start(Instant.parse("2020-01-01T00:00:00Z"))
                .regular("eeg", 100, eeg("Cz"), noise(12, 1, 1000, 10), 0);
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void progress(long done, long total) {}

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        Path target = dir.resolve("cancel.edf");
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> new EdfFormat().write(src, target, WriteOptions.DEFAULT, cancel));
        assertFalse(Files.exists(target));
    }
}
