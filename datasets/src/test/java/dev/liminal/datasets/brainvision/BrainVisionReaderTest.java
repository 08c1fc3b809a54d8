package dev.liminal.datasets.brainvision;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real BrainVision Recorder fixture (MNE-Python's test.vhdr; values from SOURCES.md). */
class BrainVisionReaderTest {
    static final Path VHDR = Path.of("src/test/resources/fixtures/brainvision/test.vhdr");
    static final Path EEG = Path.of("src/test/resources/fixtures/brainvision/test.eeg");
    /** INT_16 raw values times resolution 0.5 are exact in binary floating point. */
    private static final double EXACT = 0.0;
    private static final double RATE_HZ = 1000.0;

    @Test
    void detectsTheHeaderByContentAndOpensIt() throws IOException {
        assertInstanceOf(BrainVisionFormat.class, RecordingFormats.detect(VHDR));
        assertTrue(RecordingFormats.byId("brainvision").isPresent());
        try (RecordingReader r = RecordingFormats.open(VHDR)) {
            assertEquals("brainvision", r.info().formatId());
            assertEquals("BrainVision 1.0", r.info().formatVariant());
        }
    }

    @Test
    void readsThirtyTwoChannelsAtOneKilohertzWithSevenThousandNineHundredSamples() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            RecordingInfo info = r.info();
            assertEquals(1, info.streams().size());
            RecordedStream s = info.streams().get(0);
            assertEquals(32, s.info().channelCount());
            assertEquals(RATE_HZ, s.info().nominalRateHz(), EXACT);
            assertEquals(7900, s.sampleCount());
            assertEquals(SampleFormat.INT16, s.info().format());
            assertEquals(7.9, info.durationSeconds(), 1e-12);
            assertTrue(info.warnings().isEmpty(), info.warnings().toString());
        }
    }

    @Test
    void keepsLabelsInFileOrderAndTheResolutionOfEveryChannel() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            List<String> labels = r.info().channels().stream().map(ChannelInfo::label).collect(Collectors.toList());
            assertEquals(List.of("FP1", "FP2", "F3", "F4", "C3", "C4", "P3", "P4", "O1", "O2", "F7", "F8", "P7", "P8",
                    "Fz", "FCz", "Cz", "CPz", "Pz", "POz", "FC1", "FC2", "CP1", "CP2", "FC5", "FC6", "CP5", "CP6", "HL",
                    "HR", "Vb", "ReRef"), labels);
            for (ChannelInfo c : r.info().channels()) {
                assertEquals("0.5", c.attribute("resolution"), c.label());
            }
        }
    }

    @Test
    void convertsMicrovoltSpellingsAndKeepsUnusualUnitsAsGiven() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            List<ChannelInfo> ch = r.info().channels();
            for (int c = 0; c < 26; c++) {
                assertEquals("uV", ch.get(c).unit(), ch.get(c).label());
                assertEquals("\u00B5V", ch.get(c).attribute("file_unit"));
            }
            assertEquals(List.of("BS", "\u00B5S", "ARU", "uS", "S", "C"),
                    ch.subList(26, 32).stream().map(ChannelInfo::unit).collect(Collectors.toList()));
            assertEquals(ChannelType.EEG, ch.get(0).type());
            assertEquals(ChannelType.MISC, ch.get(26).type(), "CP5 in 'BS' is not a voltage");
        }
    }

    @Test
    void readsFp1FirstSamplesAsHalfMicrovoltSteps() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            double[][] dst = new double[32][3];
            r.readSamples(0, 0, 3, dst, 0);
            assertArrayEquals(new double[] {-23.5, -23.5, -24.0}, dst[0], EXACT);
        }
    }

    @Test
    void everySpanEqualsTheRawFileTimesResolution() throws IOException {
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(EEG)).order(ByteOrder.LITTLE_ENDIAN);
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            int n = 7900;
            double[][] all = new double[32][n + 5];
            // odd chunk sizes across the reader's buffer boundaries, written at an offset
            int done = 0;
            int[] chunks = {1, 1023, 1024, 1025, 3000, 1827};
            for (int chunk : chunks) {
                r.readSamples(0, done, chunk, all, 5 + done);
                done += chunk;
            }
            assertEquals(n, done);
            for (int k = 0; k < n; k += 97) {
                for (int c = 0; c < 32; c++) {
                    assertEquals(raw.getShort((k * 32 + c) * 2) * 0.5, all[c][5 + k], EXACT, "sample " + k + " channel " + c);
                }
            }
            assertEquals(raw.getShort(((n - 1) * 32 + 31) * 2) * 0.5, all[31][5 + n - 1], EXACT);
        }
    }

    @Test
    void readsFourteenMarkersWithTypesAndOneBasedPositions() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            List<Annotation> a = r.info().annotations();
            assertEquals(14, a.size());
            assertEquals("New Segment", a.get(0).text());
            assertEquals(0.0, a.get(0).onsetSeconds(), EXACT);
            assertEquals("Stimulus/S253", a.get(1).text());
            assertEquals(486 / RATE_HZ, a.get(1).onsetSeconds(), 1e-12);
            assertEquals(0.0, a.get(1).durationSeconds(), EXACT, "Mk2 has size 0");
            assertEquals(1 / RATE_HZ, a.get(2).durationSeconds(), 1e-12, "Mk3 has size 1");
            assertEquals("Optic/O  1", a.get(13).text());
            assertEquals(7699 / RATE_HZ, a.get(13).onsetSeconds(), 1e-12);
            long[] positions = {1, 487, 497, 1770, 1780, 3253, 3263, 4936, 4946, 6000, 6620, 6630, 7630, 7700};
            String[] texts = {"New Segment", "Stimulus/S253", "Stimulus/S255", "Event/254", "Stimulus/S255", "Event/254",
                "Stimulus/S255", "Stimulus/S253", "Stimulus/S255", "Response/R255", "Event/254", "Stimulus/S255",
                "SyncStatus/Sync On", "Optic/O  1"};
            for (int i = 0; i < positions.length; i++) {
                assertEquals((positions[i] - 1) / RATE_HZ, a.get(i).onsetSeconds(), 1e-12, "marker " + (i + 1));
                assertEquals(texts[i], a.get(i).text());
                assertEquals("", a.get(i).channel());
            }
        }
    }

    @Test
    void takesTheStartTimeFromTheFirstNewSegmentDate() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            assertEquals(Instant.parse("2013-11-13T16:14:03.794232Z"), r.info().startTime());
            assertEquals(1, r.info().streams().get(0).segments().size());
            assertFalse(r.info().streams().get(0).isDiscontinuous());
        }
    }

    @Test
    void derivesSampleTimesFromTheSegment() throws IOException {
        try (RecordingReader r = new BrainVisionFormat().open(VHDR)) {
            double[] t = new double[3];
            r.readTimestamps(0, 7897, 3, t, 0);
            assertArrayEquals(new double[] {7.897, 7.898, 7.899}, t, 1e-12);
        }
    }

    @Test
    void probeRejectsTheMarkerFileAndOtherText() throws IOException {
        BrainVisionFormat f = new BrainVisionFormat();
        Path vmrk = Path.of("src/test/resources/fixtures/brainvision/test.vmrk");
        assertFalse(f.probe(vmrk, Files.readAllBytes(vmrk)));
        assertFalse(f.probe(vmrk, new byte[0]));
        assertTrue(f.probe(VHDR, Files.readAllBytes(VHDR)));
        assertNull(RecordingFormats.byExtension(vmrk).orElse(null));
    }
}
