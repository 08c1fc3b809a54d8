package dev.liminal.benchmarks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XdfBenchWriterTest {
    private static final BenchDataSpec SPEC = new BenchDataSpec(4, 200, 31, 5L);

    @TempDir
    Path dir;

    /** One chunk as the test's own minimal walker sees it. */
    private record Chunk(int tag, ByteBuffer content) {}

    @Test
    void chunksFollowLabRecordersLayoutAndEndExactlyAtEndOfFile() throws IOException {
        List<Chunk> chunks = walk(write(XdfBenchWriter.TimestampMode.EVERY_SAMPLE));
        assertEquals(1, chunks.get(0).tag());
        assertTrue(utf8(chunks.get(0).content()).contains("<version>1.0</version>"));
        assertEquals(2, chunks.get(1).tag());
        assertEquals(2, chunks.get(2).tag());
        assertEquals(6, chunks.get(chunks.size() - 2).tag());
        assertEquals(6, chunks.get(chunks.size() - 1).tag());
        // 31 s: offsets at 0, 5, ..., 30 s for both streams; boundaries at 10, 20, 30 s
        assertEquals(14, chunks.stream().filter(c -> c.tag() == 4).count());
        assertEquals(3, chunks.stream().filter(c -> c.tag() == 5).count());
        // 62 EEG chunks of 0.5 s and 2 markers
        assertEquals(62 + 2, chunks.stream().filter(c -> c.tag() == 3).count());
        String eegHeader = utf8(chunks.get(1).content().position(4));
        assertTrue(eegHeader.contains("<channel_count>4</channel_count>") && eegHeader.contains("<label>Fp1</label>")
                && eegHeader.contains("<channel_format>float32</channel_format>"), eegHeader);
        String eegFooter = utf8(chunks.get(chunks.size() - 2).content().position(4));
        assertTrue(eegFooter.contains("<sample_count>6200</sample_count>"), eegFooter);
    }

    @Test
    void everySampleCarriesItsTimeStampAndTheSignalAsFloat32() throws IOException {
        List<Chunk> chunks = walk(write(XdfBenchWriter.TimestampMode.EVERY_SAMPLE));
        double[][] expected = new double[4][SPEC.sampleCount()];
        new SyntheticEeg(SPEC).next(expected, SPEC.sampleCount());
        int index = 0;
        for (Chunk chunk : chunks) {
            ByteBuffer c = chunk.content();
            if (chunk.tag() != 3 || c.getInt(0) != XdfBenchWriter.EEG_STREAM_ID) continue;
            c.position(4);
            long n = varLength(c);
            for (long k = 0; k < n; k++, index++) {
                assertEquals(8, c.get(), "time stamp bytes of sample " + index);
                assertEquals(XdfBenchWriter.eegTimestamp(index, 200), c.getDouble(), 1e-9);
                for (int ch = 0; ch < 4; ch++) assertEquals((float) expected[ch][index], c.getFloat(), 0.0f);
            }
            assertEquals(c.limit(), c.position(), "samples fill the chunk exactly");
        }
        assertEquals(SPEC.sampleCount(), index);
    }

    @Test
    void chunkTimestampModeStampsOnlyTheFirstSampleOfEachChunk() throws IOException {
        List<Chunk> chunks = walk(write(XdfBenchWriter.TimestampMode.FIRST_OF_CHUNK));
        for (Chunk chunk : chunks) {
            ByteBuffer c = chunk.content();
            if (chunk.tag() != 3 || c.getInt(0) != XdfBenchWriter.EEG_STREAM_ID) continue;
            c.position(4);
            long n = varLength(c);
            for (long k = 0; k < n; k++) {
                int bytes = c.get();
                assertEquals(k == 0 ? 8 : 0, bytes);
                c.position(c.position() + bytes + 4 * 4);
            }
        }
    }

    @Test
    void markersAreOneStringSampleWithTimeStamp() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Chunk chunk : walk(write(XdfBenchWriter.TimestampMode.EVERY_SAMPLE))) {
            ByteBuffer c = chunk.content();
            if (chunk.tag() != 3 || c.getInt(0) != XdfBenchWriter.MARKER_STREAM_ID) continue;
            c.position(4);
            assertEquals(1, varLength(c));
            assertEquals(8, c.get());
            double t = c.getDouble();
            byte[] text = new byte[(int) varLength(c)];
            c.get(text);
            texts.add(new String(text, StandardCharsets.UTF_8) + "@" + (t - XdfBenchWriter.FIRST_TIMESTAMP_SECONDS));
        }
        assertEquals(List.of("eyes closed@10.5", "eyes open@25.25"), texts);
    }

    private Path write(XdfBenchWriter.TimestampMode mode) throws IOException {
        Path file = dir.resolve(mode + ".xdf");
        XdfBenchWriter.write(file, SPEC, mode);
        return file;
    }

    private static List<Chunk> walk(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        assertEquals("XDF:", new String(magic, StandardCharsets.US_ASCII));
        List<Chunk> chunks = new ArrayList<>();
        while (b.hasRemaining()) {
            long length = varLength(b);
            int tag = b.getShort() & 0xFFFF;
            ByteBuffer content = b.slice(b.position(), (int) length - 2).order(ByteOrder.LITTLE_ENDIAN);
            b.position(b.position() + (int) length - 2);
            chunks.add(new Chunk(tag, content));
        }
        return chunks;
    }

    private static long varLength(ByteBuffer b) {
        int bytes = b.get();
        return switch (bytes) {
            case 1 -> b.get() & 0xFF;
            case 4 -> b.getInt() & 0xFFFF_FFFFL;
            case 8 -> b.getLong();
            default -> throw new AssertionError("variable-length integer with " + bytes + " length bytes");
        };
    }

    private static String utf8(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
