package dev.liminal.datasets.openbci;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real OpenBCI GUI v6 Cyton recording (values from SOURCES.md and the file's own rows). */
class OpenBciReaderTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/openbci/OpenBCI_GUI-v6-blinks-jawClench-alpha.txt");
    private static final int ROWS = 22_490;
    private static final double RATE_HZ = 250.0;
    /** Values are parsed from two-decimal text: the nearest double, so equality is exact. */
    private static final double EXACT = 0.0;

    @Test
    void detectsTheFileByItsFirstLine() throws IOException {
        assertInstanceOf(OpenBciFormat.class, RecordingFormats.detect(FIXTURE));
        try (RecordingReader r = RecordingFormats.open(FIXTURE)) {
            assertEquals("openbci", r.info().formatId());
        }
    }

    @Test
    void readsEightExgChannelsAtTwoHundredFiftyHertzAndAnAccelerometerStream() throws IOException {
        try (RecordingReader r = new OpenBciFormat().open(FIXTURE)) {
            RecordingInfo info = r.info();
            assertEquals(2, info.streams().size());
            RecordedStream exg = info.streams().get(0);
            assertEquals("CytonSerial", exg.info().name());
            assertEquals("OpenBCI_GUI$BoardCytonSerial", exg.info().property("board"));
            assertEquals(8, exg.info().channelCount());
            assertEquals(RATE_HZ, exg.info().nominalRateHz(), EXACT);
            assertEquals(ROWS, exg.sampleCount());
            List<String> labels = exg.info().channels().stream().map(ChannelInfo::label).collect(Collectors.toList());
            assertEquals("EXG Channel 0", labels.get(0));
            assertEquals("EXG Channel 7", labels.get(7));
            assertTrue(exg.info().channels().stream().allMatch(c -> c.unit().equals("uV") && c.type() == ChannelType.EEG));

            RecordedStream accel = info.streams().get(1);
            assertEquals("ACCEL", accel.info().type());
            assertEquals(3, accel.info().channelCount());
            assertEquals(ROWS, accel.sampleCount());
            assertTrue(accel.info().channels().stream().allMatch(c -> c.unit().equals("g") && c.type() == ChannelType.ACCEL));
        }
    }

    @Test
    void startsAtTheFirstUnixTimestampAndHasNoLostPackets() throws IOException {
        try (RecordingReader r = new OpenBciFormat().open(FIXTURE)) {
            RecordingInfo info = r.info();
            assertEquals(Instant.ofEpochMilli(1_557_936_053_329L), info.startTime());
            assertEquals("1557936053329", info.properties().get("first_timestamp_ms"));
            assertEquals("1557936143166", info.properties().get("last_timestamp_ms"));
            assertEquals(ROWS / RATE_HZ, info.durationSeconds(), 1e-9);
            assertEquals(1, info.streams().get(0).segments().size());
            assertTrue(info.warnings().isEmpty(), info.warnings().toString());
            assertTrue(info.annotations().isEmpty(), "the Marker Channel is 0 throughout");
        }
    }

    @Test
    void readsTheFirstRowsWithTheirDcOffset() throws IOException {
        try (RecordingReader r = new OpenBciFormat().open(FIXTURE)) {
            double[][] exg = new double[8][2];
            r.readSamples(0, 0, 2, exg, 0);
            assertArrayEquals(new double[] {61379.36, 60973.46}, exg[0], EXACT);
            assertArrayEquals(new double[] {1740.11, 2118.70}, exg[7], EXACT);
            double[][] accel = new double[3][1];
            r.readSamples(1, 0, 1, accel, 0);
            assertArrayEquals(new double[] {0.040}, accel[0], EXACT);
            assertArrayEquals(new double[] {0.238}, accel[2], EXACT);
        }
    }

    @Test
    void everySpanEqualsTheRowsOfTheFile() throws IOException {
        List<String> lines = Files.readAllLines(FIXTURE, StandardCharsets.ISO_8859_1);
        List<String> rows = lines.subList(5, lines.size());
        assertEquals(ROWS, rows.size());
        try (RecordingReader r = new OpenBciFormat().open(FIXTURE)) {
            // spans starting inside, at and across the boundaries of the 1024-row index
            long[][] spans = {{0, 1}, {1023, 2}, {1024, 1}, {5000, 3000}, {ROWS - 7, 7}, {20479, 1}};
            for (long[] span : spans) {
                double[][] dst = new double[8][(int) span[1] + 3];
                r.readSamples(0, span[0], (int) span[1], dst, 3);
                for (int k = 0; k < span[1]; k++) {
                    String[] f = rows.get((int) span[0] + k).split(",");
                    for (int c = 0; c < 8; c++) {
                        assertEquals(Double.parseDouble(f[1 + c].strip()), dst[c][3 + k], EXACT,
                                "row " + (span[0] + k) + " channel " + c);
                    }
                }
            }
        }
    }

    @Test
    void probeAcceptsOnlyTheIdentificationLine() {
        OpenBciFormat f = new OpenBciFormat();
        assertTrue(f.probe(FIXTURE, "%OpenBCI Raw EXG Data\r\n%Number".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(f.probe(FIXTURE, "%OpenBCI Raw EEG Data\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(f.probe(FIXTURE, "%OpenBCI Raw EXG".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(f.probe(FIXTURE, "Sample Index, EXG Channel 0\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
