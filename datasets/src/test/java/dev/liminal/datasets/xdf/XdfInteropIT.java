package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Liminal's XDF against libxdf (Debian libxdf-dev, through src/test/cpp/xdf_check.cpp): libxdf
 * reads what XdfWriter writes, and reads the fixture files as XdfReader does.
 *
 * <p>libxdf applies clock offsets piecewise-constant (the last offset measured before each
 * sample), Liminal fits a line per clock segment; the written file therefore uses a constant
 * offset per stream, where both agree exactly, and the fixtures are compared within the spread
 * of their measured offsets. libxdf keeps values as float, so double64 values are compared to
 * float precision. libxdf 0.99.8 crashes (SIGSEGV) on files with empty streams such as the
 * empty_streams.xdf fixture, which is therefore not compared.
 */
class XdfInteropIT {
    /** Relative precision of libxdf's float storage. */
    static final double FLOAT_RELATIVE = 1e-7;
    /** Printed with %.17g: time stamps survive text exactly up to the last bit. */
    static final double TIME_TOLERANCE_SECONDS = 1e-9;

    @TempDir
    Path dir;

    @BeforeEach
    void peer() throws IOException, InterruptedException {
        LibXdfChecker.assumeAvailable();
    }

    static StreamInfo info(String name, String type, SampleFormat format, int channels, double rate, String unit,
                           ChannelType channelType) {
        List<ChannelInfo> chs = new ArrayList<>();
        for (int c = 0; c < channels; c++) chs.add(new ChannelInfo(name + "-" + c, channelType, unit));
        return new StreamInfo(name, type, "liminal-" + name, chs, rate, format, Map.of("hostname", "localhost"));
    }

    @Test
    void libxdfReadsWhatXdfWriterWrites() throws IOException, InterruptedException {
        Path file = dir.resolve("liminal.xdf");
        double[] offsets = {0.25, -1.5, 0.0};
        try (XdfWriter w = new XdfWriter(file, 1)) {
            int a = w.addStream(info("amp16", "EEG", SampleFormat.INT16, 3, 250, "uV", ChannelType.EEG), "<manufacturer>Liminal</manufacturer>");
            int b = w.addStream(info("float8", "EEG", SampleFormat.FLOAT32, 8, 100, "uV", ChannelType.EEG), null);
            int c = w.addStream(info("double2", "Aux", SampleFormat.DOUBLE64, 2, 50, "degC", ChannelType.TEMP), null);
            int m = w.addStream(info("Markers", "Markers", SampleFormat.STRING, 1, 0, "", ChannelType.MISC), null);
            for (int second = 0; second < 4; second++) {
                w.writeClockOffset(a, 100 + second, offsets[0]);
                w.writeClockOffset(b, 100 + second, offsets[1]);
                w.writeClockOffset(c, 100 + second, offsets[2]);
                writeSecond(w, a, 250, 3, second, 0);
                writeSecond(w, b, 100, 8, second, 1);
                writeSecond(w, c, 50, 2, second, 2);
                w.writeStrings(m, new String[][] {{"second " + second}, {"µ-event " + second}}, 0, 2,
                        new double[] {100 + second + 0.5, 100 + second + 0.75});
            }
        }
        LibXdfChecker.Result lib = LibXdfChecker.read(file, 100_000);
        try (RecordingReader r = RecordingFormats.open(file)) {
            compare(r, lib, 0);
            assertEquals(8, lib.events.size());
            assertEquals("second 0", lib.events.get(0).text());
            assertEquals("µ-event 3", lib.events.get(7).text());
            assertEquals(100.75, lib.events.get(1).time(), TIME_TOLERANCE_SECONDS);
            assertEquals(List.of("amp16-1", "uV", "EEG"), List.of(lib.streams.get(0).channels.get(1)));
            assertEquals(List.of("double2-0", "degC", "TEMP"), List.of(lib.streams.get(2).channels.get(0)));
        }
    }

    /** A second of a sine-like signal; int16 values stay integral. */
    static void writeSecond(XdfWriter w, int id, int rate, int channels, int second, int kind) throws IOException {
        double[][] v = new double[channels][rate];
        double[] t = new double[rate];
        for (int k = 0; k < rate; k++) {
            long i = (long) second * rate + k;
            t[k] = 100 + i / (double) rate;
            for (int c = 0; c < channels; c++) {
                double x = 1000 * Math.sin(0.05 * i + c);
                v[c][k] = kind == 0 ? Math.rint(x) : kind == 1 ? (float) x : x / 3;
            }
        }
        w.writeSamples(id, v, 0, rate, t);
    }

    @Test
    void libxdfReadsTheMinimalFixtureAsXdfReaderDoes() throws IOException, InterruptedException {
        LibXdfChecker.Result lib = LibXdfChecker.read(XdfFixtureTest.MINIMAL, 100_000);
        try (RecordingReader r = RecordingFormats.open(XdfFixtureTest.MINIMAL)) {
            compare(r, lib, 0);
        }
    }

    @Test
    void libxdfReadsTheBci4alsFixtureAsXdfReaderDoes() throws IOException, InterruptedException {
        LibXdfChecker.Result lib = LibXdfChecker.read(XdfFixtureTest.BCI4ALS, 1000);
        try (RecordingReader r = RecordingFormats.open(XdfFixtureTest.BCI4ALS)) {
            double spread = 0;
            for (int s = 0; s < r.info().streams().size(); s++) {
                double[][] o = ((XdfReader) r).clockOffsets(s);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double[] m : o) {
                    lo = Math.min(lo, m[1]);
                    hi = Math.max(hi, m[1]);
                }
                spread = Math.max(spread, hi - lo);
            }
            compare(r, lib, spread);
        }
    }

    /** Compares every stream; {@code timeSlack} widens the time tolerance (clock-model differences). */
    static void compare(RecordingReader r, LibXdfChecker.Result lib, double timeSlack) throws IOException {
        double timeTolerance = TIME_TOLERANCE_SECONDS + timeSlack;
        List<RecordedStream> ours = r.info().streams();
        assertEquals(ours.size(), lib.streams.size(), lib.raw);
        List<Annotation> markers = new ArrayList<>();
        for (int s = 0; s < ours.size(); s++) {
            RecordedStream o = ours.get(s);
            LibXdfChecker.Stream l = lib.streams.get(s);
            String where = "stream " + s + " '" + o.info().name() + "'";
            assertEquals(o.info().name(), l.name, where);
            assertEquals(o.info().type(), l.type, where);
            assertEquals(o.info().channelCount(), l.channelCount, where);
            assertEquals(o.info().nominalRateHz(), l.nominalRate, where);
            assertEquals(o.info().format().lslName(), l.format, where);
            int n = (int) o.sampleCount();
            double[] t = new double[n];
            r.readTimestamps(s, 0, n, t, 0);
            if (!o.info().format().isNumeric()) {
                String[][] text = r.readStrings(s, 0, n);
                for (int k = 0; k < n; k++) markers.add(new Annotation(t[k], text[k][0]));
                continue;
            }
            assertEquals(n, l.samples, where);
            double[][] v = new double[o.info().channelCount()][n];
            r.readSamples(s, 0, n, v, 0);
            for (Map.Entry<Long, double[]> e : l.samplesByIndex.entrySet()) {
                int k = (int) (long) e.getKey();
                double[] lv = e.getValue();
                assertEquals(t[k], lv[0], timeTolerance, where + " time of sample " + k);
                for (int c = 0; c < v.length; c++) {
                    double expected = (float) v[c][k];
                    assertEquals(expected, lv[c + 1], Math.abs(expected) * FLOAT_RELATIVE, where + " channel " + c + " sample " + k);
                }
            }
            for (int c = 0; c < v.length; c++) {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += (float) v[c][k];
                assertEquals(sum, l.sums.get(c), Math.abs(sum) * 1e-12, where + " sum of channel " + c);
            }
            assertEquals(n == 0 ? 0 : t[0], l.firstTimestamp, timeTolerance, where + " first time stamp");
            assertEquals(n == 0 ? 0 : t[n - 1], l.lastTimestamp, timeTolerance, where + " last time stamp");
        }
        assertEquals(markers.size(), lib.events.size(), "events");
        for (int i = 0; i < markers.size(); i++) {
            assertEquals(markers.get(i).text(), lib.events.get(i).text(), "event " + i);
            assertEquals(markers.get(i).onsetSeconds(), lib.events.get(i).time(), timeTolerance, "event " + i);
        }
    }
}
