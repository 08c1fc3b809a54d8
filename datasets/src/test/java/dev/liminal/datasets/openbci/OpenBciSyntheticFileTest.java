package dev.liminal.datasets.openbci;

import dev.liminal.core.Annotation;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenBCI GUI files written by the test: lost packets, older layouts and malformed rows. */
class OpenBciSyntheticFileTest {
    private static final double RATE_HZ = 250.0;
    private static final long T0_MS = 1_700_000_000_000L;
    private static final double EXACT = 0.0;
    /** Timestamps have millisecond resolution. */
    private static final double MILLISECOND = 1e-3;

    @TempDir
    Path dir;

    private static final String HEADER = "%OpenBCI Raw EXG Data\n%Number of channels = 2\n%Sample Rate = 250 Hz\n"
            + "%Board = OpenBCI_GUI$BoardCytonSerial\n"
            + "Sample Index, EXG Channel 0, EXG Channel 1, Accel Channel 0, Accel Channel 1, Accel Channel 2, "
            + "Timestamp, Marker Channel, Timestamp (Formatted)\n";

    /** A v6-style row: channel 0 = row number, channel 1 = -row number, stamped at its true time. */
    private static String row(int sampleIndex, long row, long timeMs, int marker) {
        return String.format(Locale.ROOT, "%d, %d.25, %d.50, 0.010, 0.020, 0.980, %d,%d, 12:00:00.000%n",
                sampleIndex % 256, row, -row, timeMs, marker);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void wrapsTheSampleIndexAtTwoHundredFiftySixWithoutReportingLoss() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int r = 0; r < 600; r++) b.append(row(r, r, T0_MS + r * 4, 0));
        try (RecordingReader reader = OpenBciReader.open(write("wrap.txt", b.toString()))) {
            assertTrue(reader.info().warnings().isEmpty(), reader.info().warnings().toString());
            assertEquals(1, reader.info().streams().get(0).segments().size());
            assertEquals(600, reader.info().streams().get(0).sampleCount());
        }
    }

    @Test
    void splitsAtLostPacketsAndPlacesTheNextSegmentByItsTimestamp() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        // rows 0..99 carry indexes 0..99; then 5 packets are lost: the next row has index 105
        for (int r = 0; r < 100; r++) b.append(row(r, r, T0_MS + r * 4, 0));
        for (int r = 100; r < 300; r++) b.append(row(r + 5, r, T0_MS + (r + 5) * 4, r == 150 ? 7 : 0));
        try (RecordingReader reader = OpenBciReader.open(write("lost.txt", b.toString()))) {
            RecordedStream s = reader.info().streams().get(0);
            assertEquals(300, s.sampleCount());
            List<Segment> segments = s.segments();
            assertEquals(2, segments.size());
            assertEquals(new Segment(0, 100, 0.0), segments.get(0));
            assertEquals(100, segments.get(1).firstSample());
            assertEquals(200, segments.get(1).sampleCount());
            assertEquals(105 / RATE_HZ, segments.get(1).startSeconds(), MILLISECOND);
            assertEquals(reader.info().streams().get(1).segments(), segments, "both streams share the rows");
            String warnings = String.join("\n", reader.info().warnings());
            assertTrue(warnings.contains("5 samples lost"), warnings);
            assertTrue(warnings.contains("line 106"), warnings + " (5 header lines, row 0 on line 6)");
            assertEquals(Instant.ofEpochMilli(T0_MS), reader.info().startTime());

            double[] t = new double[2];
            reader.readTimestamps(0, 99, 2, t, 0);
            assertEquals(99 / RATE_HZ, t[0], 1e-12);
            assertEquals(105 / RATE_HZ, t[1], MILLISECOND);

            List<Annotation> markers = reader.info().annotations();
            assertEquals(1, markers.size());
            assertEquals("7", markers.get(0).text());
            assertEquals(155 / RATE_HZ, markers.get(0).onsetSeconds(), MILLISECOND);

            double[][] dst = new double[2][3];
            reader.readSamples(0, 99, 3, dst, 0);
            assertArrayEquals(new double[] {99.25, 100.25, 101.25}, dst[0], EXACT);
            assertArrayEquals(new double[] {-99.5, -100.5, -101.5}, dst[1], EXACT);
        }
    }

    @Test
    void countsLostPacketsWithoutTimestampsFromTheIndexAlone() throws IOException {
        String header = "%OpenBCI Raw EXG Data\n%Number of channels = 1\n%Sample Rate = 250 Hz\nSample Index, EXG Channel 0\n";
        StringBuilder b = new StringBuilder(header);
        int[] indexes = {250, 251, 252, 253, 254, 255, 2, 3, 4};
        for (int i = 0; i < indexes.length; i++) b.append(indexes[i]).append(", ").append(i).append(".0\n");
        try (RecordingReader reader = OpenBciReader.open(write("noclock.csv", b.toString()))) {
            List<Segment> segments = reader.info().streams().get(0).segments();
            assertEquals(2, segments.size());
            // 255 -> 2 skips indexes 0 and 1: two samples lost
            assertEquals((6 + 2) / RATE_HZ, segments.get(1).startSeconds(), 1e-12);
            assertEquals(null, reader.info().startTime());
            assertEquals(1, reader.info().streams().size(), "no accelerometer columns, no accelerometer stream");
            assertTrue(String.join("\n", reader.info().warnings()).contains("2 samples lost"));
        }
    }

    @Test
    void stopsFollowingAnIndexBeyondOneByteOrFromAGanglion() throws IOException {
        String header = "%OpenBCI Raw EXG Data\n%Number of channels = 1\n%Sample Rate = 200 Hz\n";
        StringBuilder counter = new StringBuilder(header).append("Sample Index, EXG Channel 0\n");
        for (int i = 0; i < 40; i++) counter.append(i * 10).append(", 1.0\n");
        try (RecordingReader reader = OpenBciReader.open(write("counter.txt", counter.toString()))) {
            assertEquals(1, reader.info().streams().get(0).segments().size());
            assertTrue(String.join("\n", reader.info().warnings()).contains("sample index 260 is outside 0-255"),
                    reader.info().warnings().toString());
        }
        StringBuilder ganglion = new StringBuilder(header).append("%Board = OpenBCI_GUI$BoardGanglionBLE\n")
                .append("Sample Index, EXG Channel 0\n");
        for (int i = 0; i < 450; i++) ganglion.append(i % 201).append(", 1.0\n");
        try (RecordingReader reader = OpenBciReader.open(write("ganglion.txt", ganglion.toString()))) {
            assertEquals(1, reader.info().streams().get(0).segments().size());
            assertEquals(1, reader.info().warnings().size(), reader.info().warnings().toString());
        }
    }

    @Test
    void followsTheColumnTitlesWhenTheHeaderCountsOtherChannels() throws IOException {
        String text = "%OpenBCI Raw EXG Data\n%Number of channels = 4\n%Sample Rate = 250 Hz\n"
                + "Sample Index, EXG Channel 0, EXG Channel 1\n0, 1.0, 2.0\n1, 3.0, 4.0\n";
        try (RecordingReader reader = OpenBciReader.open(write("count.txt", text))) {
            assertEquals(2, reader.info().streams().get(0).info().channelCount());
            assertTrue(reader.info().warnings().get(0).contains("header says 4 channels"), reader.info().warnings().toString());
        }
    }

    @Test
    void learnsTheStepOfTwoOfCytonDaisyFiles() throws IOException {
        String header = "%OpenBCI Raw EXG Data\n%Number of channels = 1\n%Sample Rate = 125 Hz\nSample Index, EXG Channel 0\n";
        StringBuilder b = new StringBuilder(header);
        for (int i = 0; i < 300; i++) b.append((2 * i) % 256).append(", 1.0\n");
        try (RecordingReader reader = OpenBciReader.open(write("daisy.txt", b.toString()))) {
            assertTrue(reader.info().warnings().isEmpty(), reader.info().warnings().toString());
            assertEquals(1, reader.info().streams().get(0).segments().size());
        }
    }

    @Test
    void acceptsTimestampsInSecondsAndRejectsOnesThatAreNoUnixTime() throws IOException {
        String header = "%OpenBCI Raw EXG Data\n%Sample Rate = 250 Hz\nSample Index, EXG Channel 0, Timestamp\n";
        Path seconds = write("seconds.csv", header + "0, 1.0, 1700000000.004\n1, 1.0, 1700000000.008\n");
        try (RecordingReader reader = OpenBciReader.open(seconds)) {
            assertEquals(Instant.ofEpochMilli(T0_MS + 4), reader.info().startTime());
        }
        Path huge = write("huge.csv", header + "0, 1.0, 1e300\n");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(huge));
        assertEquals(header.length() + "0, 1.0,".length(), e.byteOffset());
    }

    @Test
    void readsVersionFourFilesWithoutColumnTitles() throws IOException {
        String v4 = "%OpenBCI Raw EEG Data\n%Number of channels = 2\n%Sample Rate = 250.0 Hz\n"
                + "%First Column = SampleIndex\n%Last Column = Timestamp \n"
                + "%Other Columns = EEG data in microvolts followed by Accel Data (in G) interleaved with Aux Data\n"
                + "0, 1.5, -2.5, 0.000, 0.000, 0.000, 15:38:14.406, " + T0_MS + "\n"
                + "1, 3.5, -4.5, 0.100, 0.200, 0.300, 15:38:14.410, " + (T0_MS + 4) + "\n";
        try (RecordingReader reader = OpenBciReader.open(write("v4.txt", v4))) {
            assertEquals("OpenBCI GUI v4 text", reader.info().formatVariant());
            assertEquals(2, reader.info().streams().size());
            assertEquals(2, reader.info().streams().get(0).sampleCount());
            assertEquals(Instant.ofEpochMilli(T0_MS), reader.info().startTime());
            double[][] exg = new double[2][2];
            reader.readSamples(0, 0, 2, exg, 0);
            assertArrayEquals(new double[] {1.5, 3.5}, exg[0], EXACT);
            assertArrayEquals(new double[] {-2.5, -4.5}, exg[1], EXACT);
            double[][] accel = new double[3][1];
            reader.readSamples(1, 1, 1, accel, 0);
            assertEquals(0.3, accel[2][0], EXACT);
        }
    }

    @Test
    void rejectsARowWithTheWrongNumberOfColumnsNamingLineAndOffset() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int r = 0; r < 10; r++) b.append(row(r, r, T0_MS + r * 4, 0));
        long offset = b.length();
        b.append("10, 1.0, 2.0\n");
        Path file = write("short-row.txt", b.toString());
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(file));
        assertEquals(offset, e.byteOffset());
        assertTrue(e.getMessage().contains("line 16 has 3 columns"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void rejectsANonNumericSampleWhenItsRowIsRead() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int r = 0; r < 10; r++) b.append(row(r, r, T0_MS + r * 4, 0));
        long offset = b.length();
        b.append("10, 1.0, abc, 0.0, 0.0, 0.0, " + (T0_MS + 40) + ",0, 12:00:00.000\n");
        try (RecordingReader reader = OpenBciReader.open(write("text-value.txt", b.toString()))) {
            double[][] dst = new double[2][11];
            reader.readSamples(0, 0, 10, dst, 0);
            RecordingFormatException e = assertThrows(RecordingFormatException.class,
                    () -> reader.readSamples(0, 5, 6, dst, 0));
            assertEquals(offset + "10, 1.0,".length(), e.byteOffset());
            assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        }
    }

    @Test
    void rejectsHeadersWithoutARateOrWithANonNumericIndex() throws IOException {
        Path noRate = write("norate.txt", "%OpenBCI Raw EXG Data\nSample Index, EXG Channel 0\n0, 1.0\n");
        assertTrue(assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(noRate)).getMessage()
                .contains("Sample Rate"));
        Path badRate = write("badrate.txt", "%OpenBCI Raw EXG Data\n%Sample Rate = fast Hz\n");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(badRate));
        assertEquals("%OpenBCI Raw EXG Data\n".length(), e.byteOffset());
        Path badIndex = write("badindex.txt", "%OpenBCI Raw EXG Data\n%Sample Rate = 250 Hz\nSample Index, EXG Channel 0\nx, 1.0\n");
        assertTrue(assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(badIndex)).getMessage()
                .contains("sample index 'x' is not an integer"));
        Path notOpenBci = write("other.csv", "time,value\n0,1\n");
        assertThrows(RecordingFormatException.class, () -> OpenBciReader.open(notOpenBci));
    }

    @Test
    void readsAFileOfManyIndexBlocksInBoundedSpans() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        int n = 5000;
        for (int r = 0; r < n; r++) b.append(row(r, r, T0_MS + r * 4, 0));
        try (RecordingReader reader = OpenBciReader.open(write("long.txt", b.toString()))) {
            double[][] dst = new double[2][1];
            List<Double> seen = new ArrayList<>();
            for (long r = n - 1; r >= 0; r -= 511) {
                reader.readSamples(0, r, 1, dst, 0);
                seen.add(dst[0][0]);
                assertEquals(r + 0.25, dst[0][0], EXACT);
            }
            assertEquals(10, seen.size());
        }
    }
}
