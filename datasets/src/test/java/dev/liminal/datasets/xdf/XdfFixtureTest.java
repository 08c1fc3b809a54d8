package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real XDF files in the fixtures, against the values in fixtures/SOURCES.md. */
class XdfFixtureTest {
    static final Path MINIMAL = Path.of("src/test/resources/fixtures/xdf/minimal.xdf");
    static final Path EMPTY_STREAMS = Path.of("src/test/resources/fixtures/xdf/empty_streams.xdf");
    static final Path BCI4ALS = Path.of("src/test/resources/fixtures/xdf/bci4als_Sub2011001/EEG.xdf");
    /** Timestamps in the files are written as decimal fractions of 0.1 s; double rounding only. */
    static final double TIME_TOLERANCE = 1e-9;
    static final int STRING_STREAM_ID = 0x02C0FFEE;

    static double[] times(RecordingReader r, int stream) throws IOException {
        RecordedStream s = r.info().streams().get(stream);
        double[] t = new double[(int) s.sampleCount()];
        r.readTimestamps(stream, 0, t.length, t, 0);
        return t;
    }

    static double[][] samples(RecordingReader r, int stream) throws IOException {
        RecordedStream s = r.info().streams().get(stream);
        double[][] v = new double[s.info().channelCount()][(int) s.sampleCount()];
        r.readSamples(stream, 0, (int) s.sampleCount(), v, 0);
        return v;
    }

    @Test
    void detectsXdfByMagicAndExtension() throws IOException {
        assertInstanceOf(XdfFormat.class, RecordingFormats.detect(MINIMAL));
        assertInstanceOf(XdfFormat.class, RecordingFormats.byId("xdf").orElseThrow());
        assertInstanceOf(XdfFormat.class, RecordingFormats.forWriting(Path.of("out.xdf")));
    }

    @Test
    void minimalFileHasTwoStreamsWithHeaderFields() throws IOException {
        try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
            RecordingInfo info = r.info();
            assertEquals("XDF 1.0", info.formatVariant());
            assertEquals(2, info.streams().size());
            RecordedStream eeg = info.streams().get(0);
            assertEquals("SendDataC", eeg.info().name());
            assertEquals("EEG", eeg.info().type());
            assertEquals(3, eeg.info().channelCount());
            assertEquals(SampleFormat.INT16, eeg.info().format());
            assertEquals(10.0, eeg.info().nominalRateHz());
            assertEquals("xdfwriter_11_int", eeg.info().property("uid"));
            assertEquals("50942.723319709003", eeg.info().property("created_at"));
            assertEquals("<desc/>", eeg.info().property(XdfFormat.DESC_XML));
            assertEquals(0, eeg.fileStreamId());
            assertEquals(9, eeg.sampleCount());
            RecordedStream str = info.streams().get(1);
            assertEquals(STRING_STREAM_ID, str.fileStreamId());
            assertEquals("SendDataString", str.info().name());
            assertEquals("StringMarker", str.info().type());
            assertEquals(SampleFormat.STRING, str.info().format());
            assertEquals("xdfwriter_11_str", str.info().property("uid"));
            assertEquals(9, str.sampleCount());
        }
    }

    @Test
    void minimalFileValuesMatchTheExampleFilesReadme() throws IOException {
        try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
            double[][] v = samples(r, 0);
            double[][] expected = {{192, 255, 238}, {12, 22, 32}, {13, 23, 33}, {14, 24, 34}, {15, 25, 35},
                    {12, 22, 32}, {13, 23, 33}, {14, 24, 34}, {15, 25, 35}};
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(expected[k], new double[] {v[0][k], v[1][k], v[2][k]}, "sample " + k);
            }
            double[][] part = new double[3][5];
            r.readSamples(0, 3, 3, part, 2);
            assertArrayEquals(new double[] {0, 0, 14, 15, 12}, part[0]);
        }
    }

    @Test
    void minimalFileRawTimestampsAreInferredFromNominalRate() throws IOException {
        try (RecordingReader r = XdfFormat.open(MINIMAL, XdfReadOptions.DEFAULT.withSynchronizeClocks(false))) {
            for (int stream = 0; stream < 2; stream++) {
                double[] t = times(r, stream);
                for (int k = 0; k < 9; k++) assertEquals(5.1 + 0.1 * k, t[k], TIME_TOLERANCE, "stream " + stream + " sample " + k);
            }
        }
    }

    @Test
    void minimalFileSynchronisationUsesClockOffsetChunksNotTheFooter() throws IOException {
        try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
            double[] eeg = times(r, 0);
            double[] str = times(r, 1);
            for (int k = 0; k < 9; k++) {
                assertEquals(5.0 + 0.1 * k, eeg[k], TIME_TOLERANCE, "stream 0 sample " + k);
                assertEquals(5.1 + 0.1 * k, str[k], TIME_TOLERANCE, "stream 0x02C0FFEE sample " + k);
            }
            double[] one = new double[3];
            r.readTimestamps(0, 6, 2, one, 1);
            assertEquals(5.6, one[1], TIME_TOLERANCE);
            assertEquals(5.7, one[2], TIME_TOLERANCE);
            assertEquals(List.of(new Segment(0, 9, eeg[0])), r.info().streams().get(0).segments());
            assertEquals(10.0, Double.parseDouble(r.info().streams().get(0).info().property(XdfFormat.EFFECTIVE_SRATE)), 1e-6);
            assertArrayEquals(new double[][] {{6.1, -0.1}, {7.1, -0.1}}, ((XdfReader) r).clockOffsets(0));
        }
    }

    @Test
    void minimalFileStringsIncludeTheFooterXmlSample() throws IOException {
        try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
            String[][] s = r.readStrings(1, 0, 9);
            assertTrue(s[0][0].startsWith("<?xml version=\"1.0\"?><info><writer>LabRecorder xdfwriter</writer><first_timestamp>5.1</first_timestamp>"), s[0][0]);
            String[] rest = {"Hello", "World", "from", "LSL", "Hello", "World", "from", "LSL"};
            for (int k = 0; k < 8; k++) assertEquals(rest[k], s[k + 1][0]);
            assertEquals("World", r.readStrings(1, 6, 1)[0][0]);
            List<Annotation> a = r.info().annotations();
            assertEquals(9, a.size());
            assertEquals("Hello", a.get(1).text());
            assertEquals(5.2, a.get(1).onsetSeconds(), TIME_TOLERANCE);
            assertTrue(Double.isNaN(a.get(1).durationSeconds()));
            assertEquals("", a.get(1).channel());
            assertThrows(IllegalArgumentException.class, () -> r.readStrings(0, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> r.readSamples(1, 0, 1, new double[1][1], 0));
        }
    }

    @Test
    void minimalFileFootersAreKeptAsWritten() throws IOException {
        try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
            for (RecordedStream s : r.info().streams()) {
                Map<String, String> f = s.footer();
                assertEquals("LabRecorder xdfwriter", f.get("writer"));
                assertEquals("5.1", f.get("first_timestamp"));
                assertEquals("5.9", f.get("last_timestamp"));
                assertEquals("9", f.get("sample_count"));
                assertTrue(f.get("clock_offsets").contains("<time>50979.76</time><value>-.01</value>"), f.get("clock_offsets"));
            }
        }
    }

    @Test
    void minimalFileDejitterWithTinyBreakThresholdMakesEverySampleASegment() throws IOException {
        XdfReadOptions o = XdfReadOptions.DEFAULT.withDejitter(true).withBreakThreshold(0.09, 0);
        try (RecordingReader r = XdfFormat.open(MINIMAL, o)) {
            RecordedStream s = r.info().streams().get(0);
            assertEquals(9, s.segments().size());
            for (int k = 0; k < 9; k++) assertEquals(new Segment(k, 1, 5.0 + 0.1 * k), roundStart(s.segments().get(k)));
            assertEquals(0.0, Double.parseDouble(s.info().property(XdfFormat.EFFECTIVE_SRATE)));
        }
        try (RecordingReader r = XdfFormat.open(MINIMAL, XdfReadOptions.DEFAULT.withDejitter(true))) {
            RecordedStream s = r.info().streams().get(0);
            assertEquals(1, s.segments().size());
            double[] t = times(r, 0);
            for (int k = 0; k < 9; k++) assertEquals(5.0 + 0.1 * k, t[k], 1e-9, "dejittered sample " + k);
            assertEquals(10.0, Double.parseDouble(s.info().property(XdfFormat.EFFECTIVE_SRATE)), 1e-6);
        }
    }

    private static Segment roundStart(Segment s) {
        return new Segment(s.firstSample(), s.sampleCount(), Math.round(s.startSeconds() * 1e9) / 1e9);
    }

    @Test
    void emptyStreamsFileHasFourStreamsTwoOfThemEmpty() throws IOException {
        try (RecordingReader r = RecordingFormats.open(EMPTY_STREAMS)) {
            RecordingInfo info = r.info();
            assertEquals(4, info.streams().size());
            assertEquals("2025-01-31T00:21:17Z", info.startTime().toString());
            Map<Long, RecordedStream> byId = new TreeMap<>();
            for (RecordedStream s : info.streams()) {
                byId.put(s.fileStreamId(), s);
                assertEquals("pylsltools", s.info().property("manufacturer"));
                assertEquals("kassia", s.info().property("hostname"));
            }
            RecordedStream ctrl = byId.get(1L);
            assertEquals("ctrl", ctrl.info().name());
            assertEquals("control", ctrl.info().type());
            assertTrue(ctrl.info().isIrregular());
            assertEquals(1, ctrl.sampleCount());
            assertEquals("{\"state\": 2}", r.readStrings(ctrl.index(), 0, 1)[0][0]);
            double[] t = new double[1];
            r.readTimestamps(ctrl.index(), 0, 1, t, 0);
            assertEquals(91725.014004246, t[0], 1e-4);
            assertTrue(ctrl.segments().isEmpty());
            for (long id : new long[] {2, 3}) {
                RecordedStream e = byId.get(id);
                assertEquals(0, e.sampleCount());
                assertTrue(e.segments().isEmpty());
                assertEquals("0", e.footer().get("first_timestamp"));
                assertEquals("0", e.footer().get("last_timestamp"));
                assertEquals("0", e.footer().get("sample_count"));
                double[][] none = new double[1][0];
                if (e.info().format().isNumeric()) r.readSamples(e.index(), 0, 0, none, 0);
                else assertEquals(0, r.readStrings(e.index(), 0, 0).length);
            }
            assertEquals("Empty marker stream: test stream 0 counter", byId.get(2L).info().name());
            assertEquals(SampleFormat.STRING, byId.get(2L).info().format());
            RecordedStream empty = byId.get(3L);
            assertEquals("Empty data stream: test stream 0 counter", empty.info().name());
            assertEquals(SampleFormat.FLOAT32, empty.info().format());
            assertEquals("ch:00", empty.info().channels().get(0).label());
        }
    }

    @Test
    void emptyStreamsFileStream4TimingAndClockOffsets() throws IOException {
        try (RecordingReader synced = RecordingFormats.open(EMPTY_STREAMS);
             RecordingReader raw = XdfFormat.open(EMPTY_STREAMS, XdfReadOptions.DEFAULT.withSynchronizeClocks(false))) {
            RecordedStream s = synced.info().streams().stream().filter(x -> x.fileStreamId() == 4).findFirst().orElseThrow();
            assertEquals("Data stream: test stream 0 counter", s.info().name());
            assertEquals(SampleFormat.INT32, s.info().format());
            assertEquals(10, s.sampleCount());
            double[][] v = samples(synced, s.index());
            for (int k = 0; k < 10; k++) assertEquals(k, v[0][k]);
            double[] t = times(synced, s.index());
            double[] tr = times(raw, s.index());
            double meanDiff = 0;
            for (int k = 0; k < 10; k++) {
                assertEquals(91725.21394789348 + k, tr[k], 1e-6, "raw sample " + k);
                assertEquals(tr[k], t[k], 1e-4, "synced sample " + k);
                if (k > 0) meanDiff += (t[k] - t[k - 1]) / 9;
            }
            double var = 0;
            for (int k = 1; k < 10; k++) var += Math.pow(t[k] - t[k - 1] - meanDiff, 2) / 9;
            assertTrue(Math.sqrt(var) < 6e-11, "std of sample-time differences " + Math.sqrt(var));
            double[][] offsets = ((XdfReader) synced).clockOffsets(s.index());
            assertEquals(7, offsets.length);
            assertArrayEquals(new double[] {91716.6915717245, -1.94335007108748e-05}, offsets[0], 1e-12);
            assertArrayEquals(new double[] {91746.69274602149, -3.694550105137751e-05}, offsets[6], 1e-12);
            assertEquals("7", s.info().property(XdfFormat.CLOCK_OFFSET_COUNT));
        }
    }

    @Test
    void bci4alsEegStreamHas16ChannelsAt125HzAnd53600Samples() throws IOException {
        try (RecordingReader r = RecordingFormats.open(BCI4ALS)) {
            RecordedStream eeg = r.info().streams().stream().filter(s -> s.info().name().equals("obci_eeg1")).findFirst().orElseThrow();
            assertEquals("EEG", eeg.info().type());
            assertEquals(16, eeg.info().channelCount());
            assertEquals(125.0, eeg.info().nominalRateHz());
            assertEquals(SampleFormat.FLOAT32, eeg.info().format());
            assertEquals(53600, eeg.sampleCount());
            assertEquals("uV", eeg.info().channels().get(3).unit());
            assertEquals("true", eeg.info().channels().get(3).attribute(XdfFormat.UNIT_ASSUMED));
            try (RecordingReader raw = XdfFormat.open(BCI4ALS, XdfReadOptions.DEFAULT.withSynchronizeClocks(false))) {
                double[] t0 = new double[1];
                raw.readTimestamps(eeg.index(), 0, 1, t0, 0);
                assertEquals(250243.94220619998, t0[0], 1e-6);
            }
            double[][] v = samples(r, eeg.index());
            for (int k = 0; k < v[0].length; k++) {
                double c0 = v[0][k];
                assertTrue(c0 >= 0 && c0 <= 254 && c0 % 2 == 0, "channel 0 sample " + k + " is " + c0);
            }
            assertEquals(86, Integer.parseInt(eeg.info().property(XdfFormat.CLOCK_OFFSET_COUNT)));
        }
    }

    @Test
    void bci4alsMarkersHaveTheListedCounts() throws IOException {
        try (RecordingReader r = RecordingFormats.open(BCI4ALS);
             RecordingReader raw = XdfFormat.open(BCI4ALS, XdfReadOptions.DEFAULT.withSynchronizeClocks(false))) {
            RecordedStream m = r.info().streams().stream().filter(s -> s.info().name().equals("MarkerStream")).findFirst().orElseThrow();
            assertEquals("Markers", m.info().type());
            assertEquals(182, m.sampleCount());
            String[][] s = r.readStrings(m.index(), 0, 182);
            Map<String, Integer> counts = new TreeMap<>();
            for (String[] v : s) counts.merge(v[0], 1, Integer::sum);
            assertEquals(Map.of("1111.000000000000", 60, "9.000000000000000", 60, "1.000000000000000", 20,
                    "2.000000000000000", 20, "3.000000000000000", 20, "111.0000000000000", 1, "99.00000000000000", 1), counts);
            assertEquals("111.0000000000000", s[0][0]);
            assertEquals("99.00000000000000", s[181][0]);
            double[] t = new double[1];
            raw.readTimestamps(m.index(), 0, 1, t, 0);
            assertEquals(250269.3612009, t[0], 1e-6);
            List<Annotation> a = r.info().annotations();
            assertEquals(182, a.size());
            assertEquals("111.0000000000000", a.get(0).text());
            double[] synced = new double[1];
            r.readTimestamps(m.index(), 0, 1, synced, 0);
            assertEquals(synced[0], a.get(0).onsetSeconds(), 0);
        }
    }
}
