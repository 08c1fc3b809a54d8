package dev.liminal.datasets.xdf;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged, truncated, lying and hostile XDF files. */
class XdfRobustnessTest {
    /** A malformed file must be refused at once; generous for a loaded 2-core machine. */
    static final Duration QUICKLY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private RecordingFormatException refused(Path file) {
        return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(RecordingFormatException.class, () -> {
            try (RecordingReader r = RecordingFormats.open(file)) {
                r.info();
            }
        }));
    }

    @Test
    void truncatedFileKeepsEveryCompleteChunkAndSaysWhereItWasCut() throws IOException {
        Path full = XdfFixtureTest.MINIMAL;
        byte[] bytes = Files.readAllBytes(full);
        // chunks: file header, 2 stream headers, boundary, then Samples chunks alternating between
        // stream 0 (1, 4, 4 samples) and 0x02C0FFEE; chunk 7 holds the string stream's samples 1-4
        long cutChunk = chunkStarts(bytes)[7];
        int cut = (int) cutChunk + 20;
        Path file = dir.resolve("cut.xdf");
        Files.write(file, Arrays.copyOf(bytes, cut));
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(2, r.info().streams().size());
            assertEquals(5, r.info().streams().get(0).sampleCount());
            assertEquals(1, r.info().streams().get(1).sampleCount());
            double[][] v = new double[3][5];
            r.readSamples(0, 0, 5, v, 0);
            assertArrayEquals(new double[] {192, 12, 13, 14, 15}, v[0]);
            String warning = r.info().warnings().stream().filter(w -> w.contains("cut")).findFirst().orElseThrow();
            assertTrue(warning.contains("byte " + cut) && warning.contains("byte " + cutChunk), warning);
        }
    }

    @Test
    void fileCutInsideALengthFieldKeepsTheChunksBefore() throws IOException {
        byte[] bytes = Files.readAllBytes(XdfFixtureTest.MINIMAL);
        long[] starts = chunkStarts(bytes);
        Path file = dir.resolve("cut-length.xdf");
        Files.write(file, Arrays.copyOf(bytes, (int) starts[5] + 2));
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(1, r.info().streams().get(0).sampleCount());
            assertEquals(0, r.info().streams().get(1).sampleCount());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("byte " + starts[5])), r.info().warnings().toString());
        }
    }

    /** Chunk start offsets of a well-formed file. */
    static long[] chunkStarts(byte[] b) {
        long[] out = new long[64];
        int n = 0;
        int p = 4;
        while (p < b.length) {
            out[n++] = p;
            int lb = b[p];
            long len = 0;
            for (int i = lb; i >= 1; i--) len = (len << 8) | (b[p + i] & 0xFF);
            p += 1 + lb + (int) len;
        }
        return Arrays.copyOf(out, n);
    }

    @Test
    void billionLaughsInAStreamHeaderIsRefusedNamingTheChunkOffset() throws IOException {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
                + "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
                + "<info><name>&h;</name><channel_count>1</channel_count><channel_format>float32</channel_format></info>";
        XdfBytes x = new XdfBytes().fileHeader();
        long headerAt = x.bytes().length;
        Path file = x.streamHeader(1, lol).write(dir.resolve("lol.xdf"));
        RecordingFormatException e = refused(file);
        assertEquals(headerAt, e.byteOffset());
        assertTrue(e.getMessage().startsWith(file + ": byte " + headerAt + ": XML rejected"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void externalEntityIsRefusedAndTheFileIsNotRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<info><name>&x;</name><channel_count>1</channel_count><channel_format>float32</channel_format></info>";
        Path file = new XdfBytes().fileHeader().streamHeader(1, xxe).write(dir.resolve("xxe.xdf"));
        RecordingFormatException e = refused(file);
        assertTrue(!e.getMessage().contains("TOP-SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE") || e.getMessage().contains("doctype"), e.getMessage());
    }

    @Test
    void externalEntityInTheFileHeaderIsRefused() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><info><version>&x;</version></info>";
        Path file = new XdfBytes().chunk(1, xxe.getBytes(StandardCharsets.UTF_8)).write(dir.resolve("xxe-header.xdf"));
        assertEquals(4, refused(file).byteOffset());
    }

    @Test
    void chunkLengthBeyondTheFileEndIsATruncationNotAnAllocation() throws IOException {
        Path file = new XdfBytes().fileHeader().streamHeader(1, "s", 1, 10, "float32")
                .chunk(3, new byte[] {1, 0, 0, 0}, Long.MAX_VALUE / 2, 8).write(dir.resolve("liar.xdf"));
        try (RecordingReader r = assertTimeoutPreemptively(QUICKLY, () -> RecordingFormats.open(file))) {
            assertEquals(0, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("cut")), r.info().warnings().toString());
        }
    }

    @Test
    void negativeEightByteChunkLengthIsRefused() throws IOException {
        Path file = new XdfBytes().fileHeader().chunk(3, new byte[8], -5, 8).write(dir.resolve("negative.xdf"));
        assertTrue(refused(file).getMessage().contains("absurd"));
    }

    @Test
    void lengthFieldSizeOtherThan148IsRefused() throws IOException {
        Path file = new XdfBytes().fileHeader().raw(new byte[] {3, 9, 9, 9}).write(dir.resolve("lensize.xdf"));
        RecordingFormatException e = refused(file);
        assertTrue(e.getMessage().contains("not 1, 4 or 8"), e.getMessage());
    }

    @Test
    void absurdChannelCountIsRefusedWithoutAllocating() throws IOException {
        Path file = new XdfBytes().fileHeader().streamHeader(1, "big", 1_000_000_000, 10, "float32").write(dir.resolve("channels.xdf"));
        RecordingFormatException e = refused(file);
        assertTrue(e.getMessage().contains("channel_count 1000000000"), e.getMessage());
    }

    @Test
    void sampleCountLargerThanTheChunkIsRefused() throws IOException {
        byte[] content = XdfBytes.le(4 + 9 + 9 + 4).putInt(1).put((byte) 8).putLong(4_000_000_000_000L)
                .put((byte) 8).putDouble(1.0).putFloat(1f).array();
        Path file = new XdfBytes().fileHeader().streamHeader(1, "s", 1, 10, "float32").chunk(3, content)
                .write(dir.resolve("count.xdf"));
        RecordingFormatException e = refused(file);
        assertTrue(e.getMessage().contains("claims 4000000000000 samples"), e.getMessage());
    }

    @Test
    void stringLengthPastItsChunkIsRefused() throws IOException {
        byte[] content = XdfBytes.le(4 + 2 + 1 + 5 + 3).putInt(1).put((byte) 1).put((byte) 1).put((byte) 0)
                .put((byte) 4).putInt(1_000_000).put(new byte[] {'a', 'b', 'c'}).array();
        Path file = new XdfBytes().fileHeader().streamHeader(1, "m", 1, 0, "string").chunk(3, content)
                .write(dir.resolve("string.xdf"));
        assertTrue(refused(file).getMessage().contains("runs past"));
    }

    @Test
    void badTimestampSizeAndUnknownFormatAndBadRateAreRefused() throws IOException {
        byte[] content = XdfBytes.le(4 + 2 + 1 + 4).putInt(1).put((byte) 1).put((byte) 1).put((byte) 3).putFloat(1f).array();
        assertTrue(refused(new XdfBytes().fileHeader().streamHeader(1, "s", 1, 10, "float32").chunk(3, content)
                .write(dir.resolve("ts.xdf"))).getMessage().contains("timestamp size 3"));
        assertTrue(refused(new XdfBytes().fileHeader().streamHeader(1, "s", 1, 10, "complex128")
                .write(dir.resolve("fmt.xdf"))).getMessage().contains("complex128"));
        assertTrue(refused(new XdfBytes().fileHeader().streamHeader(1, "s", 1, -5, "float32")
                .write(dir.resolve("rate.xdf"))).getMessage().contains("-5.0 Hz"));
        assertTrue(refused(new XdfBytes().fileHeader().streamHeader(1, "<info><name>x</name><channel_count>two"
                + "</channel_count><channel_format>int8</channel_format></info>").write(dir.resolve("count.xdf")))
                .getMessage().contains("'two'"));
    }

    @Test
    void notAnXdfFileIsRefusedAtByteZero() throws IOException {
        Path file = dir.resolve("fake.xdf");
        Files.writeString(file, "EDF:not really");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> new XdfFormat().open(file));
        assertEquals(0, e.byteOffset());
    }

    @Test
    void unknownChunkTagsAreSkippedWithAWarning() throws IOException {
        Path file = new XdfBytes().fileHeader().chunk(77, new byte[] {1, 2, 3}).streamHeader(1, "s", 1, 10, "float32")
                .floatSamples(1, new double[] {1.0, Double.NaN}, new float[][] {{3f}, {4f}}).write(dir.resolve("tag.xdf"));
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(2, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("unknown chunk tag 77")), r.info().warnings().toString());
        }
    }

    @Test
    void irregularStreamSamplesWithoutTimestampsGetThePreviousTimeAndAWarning() throws IOException {
        Path file = new XdfBytes().fileHeader().streamHeader(1, "irr", 1, 0, "float32")
                .floatSamples(1, new double[] {2.5, Double.NaN, 3.5}, new float[][] {{1f}, {2f}, {3f}}).write(dir.resolve("irr.xdf"));
        try (RecordingReader r = RecordingFormats.open(file)) {
            double[] t = new double[3];
            r.readTimestamps(0, 0, 3, t, 0);
            assertArrayEquals(new double[] {2.5, 2.5, 3.5}, t);
            assertTrue(r.info().streams().get(0).segments().isEmpty());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("irregular") && w.contains("1 of its samples")),
                    r.info().warnings().toString());
        }
    }

    @Test
    void samplesTimestampsInferredAcrossChunksFromTheLastExplicitOne() throws IOException {
        Path file = new XdfBytes().fileHeader().streamHeader(1, "reg", 1, 4, "float32")
                .floatSamples(1, new double[] {10.0, Double.NaN}, new float[][] {{1f}, {2f}})
                .floatSamples(1, new double[] {Double.NaN, Double.NaN}, new float[][] {{3f}, {4f}})
                .write(dir.resolve("infer.xdf"));
        try (RecordingReader r = RecordingFormats.open(file)) {
            double[] t = new double[3];
            r.readTimestamps(0, 1, 3, t, 0);
            assertArrayEquals(new double[] {10.25, 10.5, 10.75}, t, 1e-12);
        }
    }

    @Test
    void timeGapSplitsARegularStreamIntoSegments() throws IOException {
        Path file = new XdfBytes().fileHeader().streamHeader(1, "gap", 1, 10, "float32")
                .floatSamples(1, new double[] {1.0, 1.1, 1.2}, new float[][] {{1f}, {2f}, {3f}})
                .floatSamples(1, new double[] {100.0, 100.1}, new float[][] {{4f}, {5f}})
                .write(dir.resolve("gap.xdf"));
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT.withBreakThreshold(1, 0))) {
            var segs = r.info().streams().get(0).segments();
            assertEquals(2, segs.size());
            assertEquals(0, segs.get(0).firstSample());
            assertEquals(3, segs.get(0).sampleCount());
            assertEquals(1.0, segs.get(0).startSeconds());
            assertEquals(3, segs.get(1).firstSample());
            assertEquals(100.0, segs.get(1).startSeconds());
            assertEquals(99.1, r.info().durationSeconds(), 1e-9);
        }
    }

    @Test
    void oneFourAndEightByteLengthAndCountFieldsAreAllRead() throws IOException {
        // sample: no timestamp, then an int8 value
        byte[] oneByteCount = XdfBytes.le(4 + 2 + 2).putInt(1).put((byte) 1).put((byte) 1).put((byte) 0).put((byte) -7).array();
        byte[] eightByteCount = XdfBytes.le(4 + 9 + 2 * 10).putInt(1).put((byte) 8).putLong(2)
                .put((byte) 8).putDouble(3.0).put((byte) 5).put((byte) 0).put((byte) 6).array();
        Path file = new XdfBytes().fileHeader().streamHeader(1, "i8", 1, 2, "int8")
                .chunk(3, oneByteCount, 2 + oneByteCount.length, 1)
                .chunk(3, Arrays.copyOf(eightByteCount, 4 + 9 + 10 + 2), 2 + 4 + 9 + 10 + 2, 8)
                .write(dir.resolve("varlen.xdf"));
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(3, r.info().streams().get(0).sampleCount());
            double[][] v = new double[1][3];
            r.readSamples(0, 0, 3, v, 0);
            assertArrayEquals(new double[] {-7, 5, 6}, v[0]);
            double[] t = new double[3];
            r.readTimestamps(0, 0, 3, t, 0);
            assertArrayEquals(new double[] {0.5, 3.0, 3.5}, t, 1e-12);
            assertTrue(r.info().warnings().stream().noneMatch(w -> w.contains("bytes after")), r.info().warnings().toString());
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("first sample of stream 1 carries no timestamp")),
                    r.info().warnings().toString());
        }
    }
}
