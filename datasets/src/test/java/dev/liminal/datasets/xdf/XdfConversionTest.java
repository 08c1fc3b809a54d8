package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;
import dev.liminal.datasets.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link XdfFormat#write} from other recordings and from XDF itself. */
class XdfConversionTest {
    @TempDir
    Path dir;

    /**
     * An EDF-like recording: a 250 Hz int16 stream with integral microvolts in two segments,
     * a 250 Hz int16 stream whose scaled values are fractional, a 10 Hz float32 stream, and
     * two annotations. Values are functions of (stream, channel, sample).
     */
    static final class EdfLike implements RecordingReader {
        final RecordingInfo info;

        EdfLike(Path source) {
            List<RecordedStream> streams = List.of(
                    new RecordedStream(0, info("integral", SampleFormat.INT16, 250, 2), 1000,
                            List.of(new Segment(0, 600, 0), new Segment(600, 400, 10)), 0, Map.of()),
                    new RecordedStream(1, info("scaled", SampleFormat.INT16, 250, 1), 1000,
                            List.of(new Segment(0, 1000, 0)), 1, Map.of()),
                    new RecordedStream(2, info("float", SampleFormat.FLOAT32, 10, 1), 50,
                            List.of(new Segment(0, 50, 0)), 2, Map.of()));
            info = new RecordingInfo(source, "edf", "EDF+D", null, 11.6, streams,
                    List.of(new Annotation(1.5, 2.0, "Eyes closed", ""), new Annotation(3.0, "Dose")), null, Map.of(), List.of());
        }

        static StreamInfo info(String name, SampleFormat f, double rate, int channels) {
            List<ChannelInfo> chs = new ArrayList<>();
            for (int c = 0; c < channels; c++) chs.add(new ChannelInfo("EEG " + name + c, ChannelType.EEG, "uV"));
            return new StreamInfo(name, "EEG", "", chs, rate, f, Map.of());
        }

        static double value(int stream, int c, long k) {
            switch (stream) {
                case 0: return (k % 200) - 100 + c;
                case 1: return (k % 7) * 0.125 - 0.3;
                default: return (float) Math.sin(k * 0.1);
            }
        }

        @Override
        public RecordingInfo info() {
            return info;
        }

        @Override
        public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) {
            RecordedStream s = info.streams().get(stream);
            Spans.check(s, firstSample, count);
            Spans.checkDestination(s, dst, dstOffset, count);
            for (int c = 0; c < s.info().channelCount(); c++) {
                for (int k = 0; k < count; k++) dst[c][dstOffset + k] = value(stream, c, firstSample + k);
            }
        }

        @Override
        public String[][] readStrings(int stream, long firstSample, int count) {
            throw new IllegalArgumentException("no string streams");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void annotationChannelsAndDurationsSurviveInTheMarkerDescAndPlainMarkersHaveNone() throws IOException {
        List<Annotation> marks = List.of(new Annotation(0.5, 30.0, "Sleep stage W", ""),
                new Annotation(1.0, Double.NaN, "artefact <&>", "EEG Fz"));
        String desc = XdfFormat.annotationsDesc(marks);
        assertTrue(desc.contains("<durations>30.0 nan</durations>"), desc);
        assertTrue(desc.contains("<c>EEG Fz</c>"), desc);
        assertEquals(null, XdfFormat.annotationsDesc(List.of(new Annotation(1, "plain"))));
    }

    @Test
    void edfLikeRecordingBecomesXdfWithFormatsTimesAndAnnotations() throws IOException {
        Path target = dir.resolve("converted.xdf");
        EdfLike source = new EdfLike(dir.resolve("source.edf"));
        long[] progress = {0};
        new XdfFormat().write(source, target, WriteOptions.DEFAULT, (done, total) -> progress[0] = done);
        assertEquals(2050, progress[0]);
        try (RecordingReader r = RecordingFormats.open(target)) {
            List<RecordedStream> s = r.info().streams();
            assertEquals(4, s.size());
            assertEquals(SampleFormat.INT16, s.get(0).info().format());
            assertEquals(SampleFormat.DOUBLE64, s.get(1).info().format());
            assertEquals(SampleFormat.FLOAT32, s.get(2).info().format());
            for (int stream = 0; stream < 3; stream++) {
                int n = (int) s.get(stream).sampleCount();
                double[][] got = new double[s.get(stream).info().channelCount()][n];
                double[][] want = new double[got.length][n];
                r.readSamples(stream, 0, n, got, 0);
                source.readSamples(stream, 0, n, want, 0);
                for (int c = 0; c < got.length; c++) assertArrayEquals(want[c], got[c], "stream " + stream + " channel " + c);
                double[] tg = new double[n];
                double[] tw = new double[n];
                r.readTimestamps(stream, 0, n, tg, 0);
                source.readTimestamps(stream, 0, n, tw, 0);
                assertArrayEquals(tw, tg, 1e-12);
            }
            assertEquals(2, s.get(0).segments().size(), "the 10 s gap splits the stream again");
            assertEquals("EEG integral1", s.get(0).info().channels().get(1).label());
            RecordedStream markers = s.get(3);
            assertEquals(XdfFormat.MARKER_STREAM, markers.info().name());
            assertTrue(markers.info().isIrregular());
            String[][] text = r.readStrings(3, 0, 2);
            assertEquals("Eyes closed", text[0][0]);
            assertEquals("Dose", text[1][0]);
            List<Annotation> a = r.info().annotations();
            assertEquals(2, a.size());
            assertEquals(1.5, a.get(0).onsetSeconds());
            assertEquals(3.0, a.get(1).onsetSeconds());
            assertEquals(2.0, a.get(0).durationSeconds(), "duration kept in the marker stream's desc");
            assertFalse(a.get(1).hasDuration());
        }
    }

    @Test
    void xdfToXdfKeepsMarkersOnceAndValuesExactly() throws IOException {
        Path target = dir.resolve("again.xdf");
        try (RecordingReader source = RecordingFormats.open(XdfFixtureTest.BCI4ALS)) {
            RecordingFormats.forWriting(target).write(source, target, WriteOptions.DEFAULT, ProgressListener.NONE);
            try (RecordingReader r = RecordingFormats.open(target)) {
                assertEquals(2, r.info().streams().size(), "markers came from a string stream: no extra stream");
                assertEquals(182, r.info().annotations().size());
                for (int stream = 0; stream < 2; stream++) {
                    RecordedStream a = source.info().streams().get(stream);
                    RecordedStream b = r.info().streams().get(stream);
                    assertEquals(a.info().name(), b.info().name());
                    assertEquals(a.info().format(), b.info().format());
                    assertEquals(a.sampleCount(), b.sampleCount());
                    int n = (int) a.sampleCount();
                    double[] ta = new double[n];
                    double[] tb = new double[n];
                    source.readTimestamps(stream, 0, n, ta, 0);
                    r.readTimestamps(stream, 0, n, tb, 0);
                    assertArrayEquals(ta, tb, 0);
                    if (a.info().format().isNumeric()) {
                        double[][] va = new double[a.info().channelCount()][n];
                        double[][] vb = new double[a.info().channelCount()][n];
                        source.readSamples(stream, 0, n, va, 0);
                        r.readSamples(stream, 0, n, vb, 0);
                        for (int c = 0; c < va.length; c++) assertArrayEquals(va[c], vb[c]);
                    }
                }
            }
        }
    }

    @Test
    void minimalInt16StaysInt16() throws IOException {
        Path target = dir.resolve("minimal-again.xdf");
        try (RecordingReader source = RecordingFormats.open(XdfFixtureTest.MINIMAL)) {
            new XdfFormat().write(source, target, WriteOptions.DEFAULT, ProgressListener.NONE);
        }
        try (RecordingReader r = RecordingFormats.open(target)) {
            assertEquals(SampleFormat.INT16, r.info().streams().get(0).info().format());
            double[] t = new double[9];
            r.readTimestamps(0, 0, 9, t, 0);
            assertEquals(5.0, t[0], 1e-12);
        }
    }

    @Test
    void cancelledConversionDeletesThePartialTarget() {
        Path target = dir.resolve("cancelled.xdf");
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class,
                () -> new XdfFormat().write(new EdfLike(dir.resolve("s.edf")), target, WriteOptions.DEFAULT, cancel));
        assertFalse(Files.exists(target));
    }
}
