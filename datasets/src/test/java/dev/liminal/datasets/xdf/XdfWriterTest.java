package dev.liminal.datasets.xdf;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XdfWriter output read back by the reader. */
class XdfWriterTest {
    @TempDir
    Path dir;

    static StreamInfo stream(String name, SampleFormat format, int channels, double rate, String unit) {
        List<ChannelInfo> chs = new ArrayList<>();
        for (int c = 0; c < channels; c++) chs.add(new ChannelInfo("C" + c, ChannelType.MISC, unit, Map.of("note", "n" + c)));
        return new StreamInfo(name, "Test", "src-" + name, chs, rate, format, Map.of("hostname", "liminal-test", "uid", "u-" + name));
    }

    /** Extreme and ordinary values each format can hold exactly. */
    static double[] valuesFor(SampleFormat f) {
        switch (f) {
            case INT8: return new double[] {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE};
            case INT16: return new double[] {Short.MIN_VALUE, -1234, 0, 1234, Short.MAX_VALUE};
            case INT32: return new double[] {Integer.MIN_VALUE, -70000, 0, 70000, Integer.MAX_VALUE};
            case INT64: return new double[] {-(1L << 53), -1L << 40, 0, 1L << 40, 1L << 53};
            case FLOAT32: return new double[] {-Float.MAX_VALUE, -1.5f, 0, 0.1f, Float.MIN_VALUE};
            default: return new double[] {-Double.MAX_VALUE, -Math.PI, 0, 1e-300, Math.E};
        }
    }

    @ParameterizedTest
    @EnumSource(value = SampleFormat.class, names = "STRING", mode = EnumSource.Mode.EXCLUDE)
    void everyNumericFormatRoundTripsExactly(SampleFormat format) throws IOException {
        Path file = dir.resolve(format.lslName() + ".xdf");
        double[] v = valuesFor(format);
        int n = v.length;
        double[][] data = new double[2][n];
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            data[0][k] = v[k];
            data[1][k] = v[n - 1 - k];
            t[k] = 100 + k * 0.5;
        }
        try (XdfWriter w = new XdfWriter(file)) {
            int id = w.addStream(stream("s", format, 2, 2, "a.u."), "<manufacturer>Liminal</manufacturer>");
            w.writeSamples(id, data, 0, 2, t);
            w.writeSamples(id, data, 2, n - 2, t);
        }
        try (RecordingReader r = RecordingFormats.open(file)) {
            RecordedStream s = r.info().streams().get(0);
            assertEquals(format, s.info().format());
            assertEquals(n, s.sampleCount());
            double[][] back = new double[2][n];
            r.readSamples(0, 0, n, back, 0);
            assertArrayEquals(data[0], back[0]);
            assertArrayEquals(data[1], back[1]);
            double[] tb = new double[n];
            r.readTimestamps(0, 0, n, tb, 0);
            assertArrayEquals(t, tb);
            assertEquals("C1", s.info().channels().get(1).label());
            assertEquals("a.u.", s.info().channels().get(1).unit());
            assertEquals("n1", s.info().channels().get(1).attribute("note"));
            assertEquals("Liminal", s.info().property("manufacturer"));
            assertEquals("liminal-test", s.info().property("hostname"));
            assertEquals("src-s", s.info().sourceId());
            assertEquals(Long.toString(n), s.footer().get("sample_count"));
            assertEquals(Double.toString(t[0]), s.footer().get("first_timestamp"));
            assertEquals(Double.toString(t[n - 1]), s.footer().get("last_timestamp"));
            assertTrue(r.info().warnings().isEmpty(), r.info().warnings().toString());
        }
    }

    @Test
    void stringStreamRoundTripsUnicodeEmptyAndLongValues() throws IOException {
        Path file = dir.resolve("strings.xdf");
        String longText = "x".repeat(70_000);
        String[][] values = {{"Hello", "a"}, {"µV ketamine 💊", ""}, {longText, "<xml & stuff>"}};
        double[] t = {1, 2, 3};
        try (XdfWriter w = new XdfWriter(file)) {
            int id = w.addStream(stream("m", SampleFormat.STRING, 2, 0, ""), null);
            w.writeStrings(id, values, 0, 3, t);
        }
        try (RecordingReader r = RecordingFormats.open(file)) {
            String[][] back = r.readStrings(0, 0, 3);
            for (int k = 0; k < 3; k++) assertArrayEquals(values[k], back[k]);
            assertEquals(6, r.info().annotations().size());
            assertEquals("C1", r.info().annotations().get(1).channel());
        }
    }

    @Test
    void voltagesInMillivoltsAreReadBackInMicrovolts() throws IOException {
        Path file = dir.resolve("mv.xdf");
        try (XdfWriter w = new XdfWriter(file)) {
            int id = w.addStream(stream("v", SampleFormat.FLOAT32, 1, 10, "mV"), null);
            w.writeSamples(id, new double[][] {{0.5, -2}}, 0, 2, new double[] {0, 0.1});
        }
        try (RecordingReader r = RecordingFormats.open(file)) {
            double[][] v = new double[1][2];
            r.readSamples(0, 0, 2, v, 0);
            assertArrayEquals(new double[] {500, -2000}, v[0]);
            ChannelInfo c = r.info().streams().get(0).info().channels().get(0);
            assertEquals("uV", c.unit());
            assertEquals("mV", c.attribute(XdfFormat.FILE_UNIT));
        }
    }

    @Test
    void clockOffsetsBoundariesAndFootersAreWritten() throws IOException {
        Path file = dir.resolve("offsets.xdf");
        try (XdfWriter w = new XdfWriter(file, 1.0)) {
            int id = w.addStream(stream("e", SampleFormat.DOUBLE64, 1, 10, "uV"), null);
            w.writeClockOffset(id, 0.0, 2.0);
            double[][] d = new double[1][40];
            double[] t = new double[40];
            for (int k = 0; k < 40; k++) {
                d[0][k] = k;
                t[k] = k * 0.1;
            }
            for (int k = 0; k < 40; k += 5) w.writeSamples(id, d, k, 5, t);
            w.writeClockOffset(id, 4.0, 2.0);
        }
        byte[] bytes = Files.readAllBytes(file);
        int boundaries = 0;
        for (long start : XdfRobustnessTest.chunkStarts(bytes)) {
            if (bytes[(int) start] == 1 && bytes[(int) start + 2] == XdfReader.TAG_BOUNDARY) boundaries++;
        }
        assertEquals(3, boundaries, "one boundary per second of sample time after the first");
        try (RecordingReader r = RecordingFormats.open(file)) {
            double[] t = new double[40];
            r.readTimestamps(0, 0, 40, t, 0);
            for (int k = 0; k < 40; k++) assertEquals(k * 0.1 + 2.0, t[k], 1e-12);
            RecordedStream s = r.info().streams().get(0);
            assertTrue(s.footer().get("clock_offsets").contains("<offset><time>4.0</time><value>2.0</value></offset>"));
            assertEquals("40", s.footer().get("sample_count"));
        }
    }

    @Test
    void writerRefusesValuesItsIntegerFormatCannotHold() throws IOException {
        try (XdfWriter w = new XdfWriter(dir.resolve("range.xdf"))) {
            int id = w.addStream(stream("i", SampleFormat.INT16, 1, 10, ""), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.writeSamples(id, new double[][] {{40000}}, 0, 1, new double[] {0}));
            assertTrue(e.getMessage().contains("40000.0 does not fit int16"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.writeSamples(id, new double[][] {{1}}, 0, 1, new double[] {Double.NaN}));
            assertThrows(IllegalArgumentException.class, () -> w.writeSamples(9, new double[][] {{1}}, 0, 1, new double[] {0}));
            assertThrows(IllegalArgumentException.class, () -> w.addStream(stream("d", SampleFormat.INT8, 1, 1, ""), "<unclosed>"));
            assertThrows(IllegalArgumentException.class, () -> w.addStream(stream("d", SampleFormat.INT8, 1, 1, ""), "<channels/>"));
        }
    }

    @Test
    void flushedFileWithoutCloseIsReadableUpToTheFlush() throws IOException {
        Path file = dir.resolve("crash.xdf");
        XdfWriter w = new XdfWriter(file);
        int id = w.addStream(stream("c", SampleFormat.FLOAT32, 1, 10, "uV"), null);
        w.writeSamples(id, new double[][] {{1, 2, 3}}, 0, 3, new double[] {0, 0.1, 0.2});
        w.flush();
        byte[] snapshot = Files.readAllBytes(file);
        w.writeSamples(id, new double[][] {{4}}, 0, 1, new double[] {0.3});
        Path copy = Files.write(dir.resolve("copy.xdf"), snapshot);
        try (RecordingReader r = RecordingFormats.open(copy)) {
            assertEquals(3, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().streams().get(0).footer().isEmpty());
            assertEquals(List.of("stream 1 'c' has no StreamFooter: the recording was not closed properly (crash or still "
                    + "being written)"), r.info().warnings());
        }
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.writeBoundary());
    }
}
