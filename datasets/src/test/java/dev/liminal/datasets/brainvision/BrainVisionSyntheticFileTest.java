package dev.liminal.datasets.brainvision;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BrainVision files written by the test: every layout, encoding and the malformed cases. */
class BrainVisionSyntheticFileTest {
    private static final double EXACT = 0.0;
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    /** Samples per channel in the generated files. */
    private static final int N = 40_000;

    @TempDir
    Path dir;

    /** Raw value of channel c, sample k: distinct per channel and sample, fits INT_16. */
    private static int raw(int c, int k) {
        return (k % 2000) * (c % 2 == 0 ? 1 : -1) + 7 * c;
    }

    private static String header(String dataFormat, String orientation, String binaryFormat, String extraBinary,
                                 String channels, int count) {
        return "Brain Vision Data Exchange Header File Version 1.0\r\n"
                + "; Data created by a test\r\n\r\n"
                + "[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=rec.eeg\r\nMarkerFile=rec.vmrk\r\n"
                + "DataFormat=" + dataFormat + "\r\nDataOrientation=" + orientation + "\r\n"
                + "NumberOfChannels=" + count + "\r\nSamplingInterval=2000\r\n\r\n"
                + "[Binary Infos]\r\nBinaryFormat=" + binaryFormat + "\r\n" + extraBinary
                + "\r\n[Channel Infos]\r\n" + channels
                + "\r\n[Comment]\r\nCh99=this is free text, not a channel\r\n";
    }

    private static final String THREE_CHANNELS = "Ch1=Fz,,0.1,\u00B5V\r\nCh2=Cz,,2,mV\r\nCh3=GSR,,0.5,\u00B5S\r\n";

    private Path writeRecording(String vhdr, Charset vhdrCharset, byte[] eeg, String vmrk) throws IOException {
        Path h = dir.resolve("rec.vhdr");
        Files.write(h, vhdr.getBytes(vhdrCharset));
        if (eeg != null) Files.write(dir.resolve("rec.eeg"), eeg);
        if (vmrk != null) Files.writeString(dir.resolve("rec.vmrk"), vmrk, StandardCharsets.UTF_8);
        return h;
    }

    private static byte[] samples(int channels, int n, BinaryFormat format, boolean vectorized, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(channels * n * format.bytes()).order(order);
        for (int i = 0; i < channels * n; i++) {
            int c = vectorized ? i / n : i % channels;
            int k = vectorized ? i % n : i / channels;
            int v = raw(c, k);
            switch (format) {
                case INT_16: b.putShort((short) v); break;
                case UINT_16: b.putShort((short) (v + 5000)); break;
                case INT_32: b.putInt(v * 100_000); break;
                default: b.putFloat(v * 0.25f); break;
            }
        }
        return b.array();
    }

    private static String markers(String... entries) {
        StringBuilder b = new StringBuilder("Brain Vision Data Exchange Marker File, Version 1.0\r\n\r\n[Common Infos]\r\n"
                + "Codepage=UTF-8\r\nDataFile=rec.eeg\r\n\r\n[Marker Infos]\r\n");
        for (int i = 0; i < entries.length; i++) b.append("Mk").append(i + 1).append('=').append(entries[i]).append("\r\n");
        return b.toString();
    }

    /** Reads every sample of a 3-channel file in uneven chunks and checks it against {@link #raw}. */
    private static void assertSamples(RecordingReader r, double[] scale, BinaryFormat format) throws IOException {
        double[][] all = new double[3][N];
        // larger than the reader's buffer of BinarySamples.CHUNK_BYTES, and uneven
        int[] chunks = {7, 1, 33_000, N - 7 - 1 - 33_000};
        int done = 0;
        for (int chunk : chunks) {
            r.readSamples(0, done, chunk, all, done);
            done += chunk;
        }
        for (int c = 0; c < 3; c++) {
            double[] expected = new double[N];
            for (int k = 0; k < N; k++) {
                double v = raw(c, k);
                switch (format) {
                    case INT_16: expected[k] = v * scale[c]; break;
                    case UINT_16: expected[k] = (v + 5000) * scale[c]; break;
                    case INT_32: expected[k] = v * 100_000.0 * scale[c]; break;
                    default: expected[k] = v * 0.25 * scale[c]; break;
                }
            }
            // raw values and scales are the same doubles on both sides: products are identical
            assertArrayEquals(expected, all[c], EXACT, "channel " + c);
        }
    }

    /** Channel scale to memory units: 0.1 uV, 2 mV = 2000 uV, 0.5 uS (kept). */
    private static final double[] SCALE = {0.1, 2000.0, 0.5};

    @Test
    void readsVectorizedInt16WithPerChannelOffsets() throws IOException {
        Path h = writeRecording(header("BINARY", "VECTORIZED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.INT_16, true, ByteOrder.LITTLE_ENDIAN), markers("New Segment,,1,1,0"));
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals(N, r.info().streams().get(0).sampleCount());
            assertEquals(500.0, r.info().streams().get(0).info().nominalRateHz(), EXACT);
            assertSamples(r, SCALE, BinaryFormat.INT_16);
        }
    }

    @Test
    void readsMultiplexedInt32() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_32", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.INT_32, false, ByteOrder.LITTLE_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals(SampleFormat.INT32, r.info().streams().get(0).info().format());
            assertSamples(r, SCALE, BinaryFormat.INT_32);
        }
    }

    @Test
    void readsBigEndianIeeeFloat32AndUnsigned16() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "IEEE_FLOAT_32", "UseBigEndianOrder=YES\r\n",
                THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.IEEE_FLOAT_32, false, ByteOrder.BIG_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals(SampleFormat.FLOAT32, r.info().streams().get(0).info().format());
            assertSamples(r, SCALE, BinaryFormat.IEEE_FLOAT_32);
        }
        Path u = writeRecording(header("BINARY", "VECTORIZED", "UINT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.UINT_16, true, ByteOrder.LITTLE_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(u)) {
            assertSamples(r, SCALE, BinaryFormat.UINT_16);
        }
    }

    @Test
    void convertsMillivoltsAndKeepsOtherUnits() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            List<ChannelInfo> ch = r.info().channels();
            assertEquals("uV", ch.get(0).unit());
            assertEquals("uV", ch.get(1).unit());
            assertEquals("mV", ch.get(1).attribute("file_unit"));
            assertEquals("\u00B5S", ch.get(2).unit());
            assertSamples(r, SCALE, BinaryFormat.INT_16);
        }
    }

    @Test
    void decodesAnsiHeadersWithEscapedCommasAndDefaults() throws IOException {
        String channels = "Ch1=F\u00e9\\1left,REF,0.1,\u00B5V\r\nCh2=Cz,,,\r\nCh3=GSR,,0.5,\u00B5S\r\n";
        String vhdr = header("BINARY", "MULTIPLEXED", "INT_16", "", channels, 3).replace("Codepage=UTF-8", "Codepage=ANSI");
        Path h = writeRecording(vhdr, LATIN_1, samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            List<ChannelInfo> ch = r.info().channels();
            assertEquals("F\u00e9,left", ch.get(0).label());
            assertEquals("REF", ch.get(0).attribute("reference"));
            assertEquals("uV", ch.get(0).unit(), "0xB5 'V' in ANSI is microvolts");
            assertEquals("uV", ch.get(1).unit(), "an empty unit means microvolts");
            assertEquals("1.0", ch.get(1).attribute("resolution"), "an empty resolution means 1");
            assertTrue(r.info().warnings().isEmpty(), r.info().warnings().toString());
            assertSamples(r, new double[] {0.1, 1.0, 0.5}, BinaryFormat.INT_16);
        }
    }

    @Test
    void readsLatinOneBytesInAHeaderThatClaimsUtf8WithAWarning() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), LATIN_1,
                samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals("uV", r.info().channels().get(0).unit());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("not valid UTF-8")), r.info().warnings().toString());
        }
    }

    @Test
    void keepsTheCompleteSamplesOfAnOddSizedDataFile() throws IOException {
        byte[] full = samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN);
        byte[] odd = java.util.Arrays.copyOf(full, full.length - 5);
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                odd, markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals(N - 1, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("not a whole number")), r.info().warnings().toString());
            double[][] last = new double[3][1];
            r.readSamples(0, N - 2, 1, last, 0);
            assertEquals(raw(1, N - 2) * 2000.0, last[1][0], EXACT);
        }
    }

    @Test
    void namesTheMissingDataFileAtItsHeaderLine() throws IOException {
        String vhdr = header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3);
        Path h = writeRecording(vhdr, StandardCharsets.UTF_8, null, markers());
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(h));
        assertTrue(e.getMessage().contains("rec.eeg"), e.getMessage());
        assertEquals(vhdr.indexOf("DataFile="), e.byteOffset());
    }

    @Test
    void readsVersionTwoHeadersThatNameTheirFilesByAWindowsPath() throws IOException {
        String vhdr = header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3)
                .replace("Brain Vision Data Exchange Header File Version 1.0", "BrainVision Data Exchange Header File Version 2.0")
                .replace("DataFile=rec.eeg", "DataFile=C:\\Vision\\Raw Files\\rec.eeg")
                .replace("MarkerFile=rec.vmrk", "MarkerFile=C:\\Vision\\Raw Files\\rec.vmrk");
        Path h = writeRecording(vhdr, StandardCharsets.UTF_8, samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN),
                markers("New Segment,,1,1,0,20240102030405000000"));
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals("BrainVision 2.0", r.info().formatVariant());
            assertEquals(N, r.info().streams().get(0).sampleCount());
            assertEquals(Instant.parse("2024-01-02T03:04:05Z"), r.info().startTime(), "the marker file was found too");
        }
    }

    @Test
    void warnsAboutAMissingMarkerFile() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN), null);
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertTrue(r.info().annotations().isEmpty());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("rec.vmrk does not exist")));
            assertEquals(null, r.info().startTime());
            assertEquals(List.of(new Segment(0, N, 0.0)), r.info().streams().get(0).segments());
        }
    }

    @Test
    void splitsAtNewSegmentMarkersPlacedByTheirDates() throws IOException {
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN),
                markers("New Segment,,1,1,0,20240102030405000000",
                        "Stimulus,S\\11,10,1,2",
                        "New Segment,,1001,1,0,20240102030415500000",
                        "New Segment,,2001,1,0",
                        "Comment,late,2005,0,0"));
        try (RecordingReader r = BrainVisionReader.open(h)) {
            RecordingInfo info = r.info();
            assertEquals(Instant.parse("2024-01-02T03:04:05Z"), info.startTime());
            // 1000 samples at 500 Hz = 2 s; the second segment is dated 10.5 s after the first
            assertEquals(List.of(new Segment(0, 1000, 0.0), new Segment(1000, 1000, 10.5), new Segment(2000, N - 2000, 12.5)),
                    info.streams().get(0).segments());
            assertEquals(12.5 + (N - 2000) / 500.0, info.durationSeconds(), 1e-12);
            List<Annotation> a = info.annotations();
            assertEquals("Stimulus/S,1", a.get(1).text());
            assertEquals("Cz", a.get(1).channel(), "channel 2");
            assertEquals(9 / 500.0, a.get(1).onsetSeconds(), 1e-12);
            assertEquals(10.5, a.get(2).onsetSeconds(), 1e-12);
            assertEquals(12.5 + 4 / 500.0, a.get(4).onsetSeconds(), 1e-12);
            assertEquals(0.0, a.get(4).durationSeconds(), EXACT);
            double[] t = new double[2];
            r.readTimestamps(0, 999, 2, t, 0);
            assertArrayEquals(new double[] {999 / 500.0, 10.5}, t, 1e-12);
        }
    }

    @Test
    void rejectsMalformedHeaderNumbersAtTheirLine() throws IOException {
        byte[] eeg = samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN);
        String good = header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3);
        String[][] cases = {
            {"NumberOfChannels=3", "NumberOfChannels=three", "'three' is not an integer"},
            {"NumberOfChannels=3", "NumberOfChannels=5", "between 1 and the 3 entries"},
            {"SamplingInterval=2000", "SamplingInterval=0", "SamplingInterval 0.0 us"},
            {"SamplingInterval=2000", "SamplingInterval=2 ms", "'2 ms' is not a number"},
            {"Ch2=Cz,,2,mV", "Ch2=Cz,,2.x,mV", "resolution '2.x' is not a number"},
            {"BinaryFormat=INT_16", "BinaryFormat=INT_24", "'INT_24' is not one of"},
            {"DataOrientation=MULTIPLEXED", "DataOrientation=SIDEWAYS", "'SIDEWAYS' is not one of"},
        };
        for (String[] c : cases) {
            String bad = good.replace(c[0], c[1]);
            Path h = writeRecording(bad, StandardCharsets.UTF_8, eeg, markers());
            RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(h), c[1]);
            int at = bad.indexOf(c[0].equals("NumberOfChannels=3") && c[1].endsWith("5") ? "NumberOfChannels" : c[1]);
            long line = bad.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
            assertEquals(line, e.byteOffset(), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
            assertTrue(e.getMessage().startsWith(h.toString() + ": byte " + line + ": "), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, "one line");
        }
    }

    @Test
    void rejectsOtherFilesAndMalformedMarkers() throws IOException {
        byte[] eeg = samples(3, N, BinaryFormat.INT_16, false, ByteOrder.LITTLE_ENDIAN);
        Path notHeader = writeRecording("hello\r\n", StandardCharsets.UTF_8, eeg, markers());
        assertEquals(0, assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(notHeader)).byteOffset());

        String vmrk = markers("New Segment,,1,1,0", "Stimulus,S1,twelve,1,0");
        Path h = writeRecording(header("BINARY", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3), StandardCharsets.UTF_8,
                eeg, vmrk);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(h));
        assertTrue(e.getMessage().startsWith(dir.resolve("rec.vmrk").toString()), e.getMessage());
        assertEquals(vmrk.indexOf("Mk2="), e.byteOffset());

    }

    @Test
    void readsMultiplexedAsciiDataWithDecimalCommaAndSkippedLinesAndColumns() throws IOException {
        String vhdr = header("ASCII", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3)
                .replace("[Channel Infos]", "[ASCII Infos]\r\nDecimalSymbol=,\r\nSkipLines=2\r\nSkipColumns=1\r\n\r\n[Channel Infos]");
        StringBuilder text = new StringBuilder("Fz Cz GSR\r\nexported by a test\r\n");
        int n = 2500;
        for (int k = 0; k < n; k++) {
            text.append("t").append(k).append('\t').append(k).append(",5 ").append(-k).append(",25\t").append(k % 7)
                    .append("\r\n");
        }
        Path h = writeRecording(vhdr, StandardCharsets.UTF_8, text.toString().getBytes(StandardCharsets.US_ASCII),
                markers("New Segment,,1,1,0"));
        try (RecordingReader r = BrainVisionReader.open(h)) {
            assertEquals(n, r.info().streams().get(0).sampleCount());
            assertEquals(SampleFormat.DOUBLE64, r.info().streams().get(0).info().format());
            double[][] dst = new double[3][3];
            r.readSamples(0, 2047, 3, dst, 0);
            // scales: 0.1 uV, 2 mV = 2000 uV, 0.5 uS
            assertArrayEquals(new double[] {2047.5 * 0.1, 2048.5 * 0.1, 2049.5 * 0.1}, dst[0], EXACT);
            assertArrayEquals(new double[] {-2047.25 * 2000, -2048.25 * 2000, -2049.25 * 2000}, dst[1], EXACT);
            assertArrayEquals(new double[] {2047 % 7 * 0.5, 2048 % 7 * 0.5, 2049 % 7 * 0.5}, dst[2], EXACT);
        }
    }

    @Test
    void readsCommaSeparatedAsciiDataAndRejectsARowWithMissingValues() throws IOException {
        String vhdr = header("ASCII", "MULTIPLEXED", "INT_16", "", THREE_CHANNELS, 3);
        String text = "1.5,2.5,3.5\n4.5,5.5,6.5\n";
        Path h = writeRecording(vhdr, StandardCharsets.UTF_8, text.getBytes(StandardCharsets.US_ASCII), markers());
        try (RecordingReader r = BrainVisionReader.open(h)) {
            double[][] dst = new double[3][2];
            r.readSamples(0, 0, 2, dst, 0);
            assertArrayEquals(new double[] {1.5 * 0.1, 4.5 * 0.1}, dst[0], EXACT);
        }
        String bad = text + "7.5,8.5\n";
        Path b = writeRecording(vhdr, StandardCharsets.UTF_8, bad.getBytes(StandardCharsets.US_ASCII), markers());
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(b));
        assertEquals(text.length(), e.byteOffset());
        assertTrue(e.getMessage().contains("line 3 has 2 values, expected 3"), e.getMessage());

        String vectorized = vhdr.replace("DataOrientation=MULTIPLEXED", "DataOrientation=VECTORIZED");
        Path v = writeRecording(vectorized, StandardCharsets.UTF_8, text.getBytes(StandardCharsets.US_ASCII), markers());
        assertTrue(assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(v)).getMessage()
                .contains("VECTORIZED"));
    }

    @Test
    void rejectsAVectorizedFileShorterThanItsDataPoints() throws IOException {
        String vhdr = header("BINARY", "VECTORIZED", "INT_16", "", THREE_CHANNELS, 3)
                .replace("SamplingInterval=2000", "SamplingInterval=2000\r\nDataPoints=" + (N + 1));
        Path h = writeRecording(vhdr, StandardCharsets.UTF_8, samples(3, N, BinaryFormat.INT_16, true, ByteOrder.LITTLE_ENDIAN),
                markers());
        assertThrows(RecordingFormatException.class, () -> BrainVisionReader.open(h));
    }
}
