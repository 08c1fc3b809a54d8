package dev.liminal.acquisition.publish;

import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.lsl.source.LslStreamSource;
import dev.liminal.acquisition.lsl.source.SourceTestLsl;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.replay.ReplayOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReplayPublisher} received by {@link LslStreamSource}s on loopback. */
@Timeout(60)
class ReplayPublisherIT {
    static final Path MINIMAL = Path.of("..", "datasets", "src", "test", "resources", "fixtures", "xdf", "minimal.xdf");
    /** Replay times are computed as start + (t - first) / speed in double: far below a microsecond. */
    static final double SPACING_TOLERANCE_SECONDS = 1e-6;
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int MAX_READS = 500;

    /** Fixture values and times of stream 0 (int16 EEG) and stream 1 (strings) of minimal.xdf. */
    record Fixture(double[][] eeg, double[] eegTimes, String[][] markers, double[] markerTimes) {
        static Fixture load() throws Exception {
            try (RecordingReader r = RecordingFormats.open(MINIMAL)) {
                double[][] eeg = new double[3][9];
                double[] et = new double[9];
                r.readSamples(0, 0, 9, eeg, 0);
                r.readTimestamps(0, 0, 9, et, 0);
                double[] mt = new double[9];
                r.readTimestamps(1, 0, 9, mt, 0);
                return new Fixture(eeg, et, r.readStrings(1, 0, 9), mt);
            }
        }
    }

    @Test
    void publishesEveryStreamWithItsValuesAndOriginalSpacing() throws Exception {
        Fixture f = Fixture.load();
        assertEquals(192.0, f.eeg()[0][0], "SOURCES.md: first row [192,255,238]");
        try (ReplayPublisher publisher = ReplayPublisher.open(MINIMAL, ReplayOptions.DEFAULT, SourceTestLsl.config(),
                SourceClock.SYSTEM)) {
            List<LslStreamInfo> streams = publisher.streams();
            assertEquals(List.of("SendDataC", "SendDataString"), streams.stream().map(LslStreamInfo::name).toList());
            try (LslStreamSource eeg = LslStreamSource.open(resolveUid(streams.get(0)), SourceTestLsl.options());
                 LslStreamSource markers = LslStreamSource.open(resolveUid(streams.get(1)), SourceTestLsl.options())) {
                assertTrue(publisher.waitForConsumers(WAIT), "both inlets connected");
                publisher.start();
                double[][] values = new double[3][9];
                double[] times = new double[9];
                int got = 0;
                for (int reads = 0; got < 9 && reads < MAX_READS; reads++) {
                    got += Math.max(0, eeg.read(values, times, got, 9 - got, Duration.ofMillis(200)));
                }
                assertEquals(9, got);
                String[][] texts = new String[9][1];
                double[] textTimes = new double[9];
                int gotText = 0;
                for (int reads = 0; gotText < 9 && reads < MAX_READS; reads++) {
                    gotText += Math.max(0, markers.readStrings(texts, textTimes, gotText, 9 - gotText, Duration.ofMillis(200)));
                }
                assertEquals(9, gotText);
                for (int k = 0; k < 9; k++) {
                    for (int c = 0; c < 3; c++) assertEquals(f.eeg()[c][k], values[c][k], "eeg[" + c + "][" + k + "]");
                    assertEquals(f.eegTimes()[k] - f.eegTimes()[0], times[k] - times[0], SPACING_TOLERANCE_SECONDS, "t" + k);
                    assertEquals(f.markers()[k][0], texts[k][0], "marker " + k);
                    assertEquals(f.markerTimes()[k] - f.eegTimes()[0], textTimes[k] - times[0], SPACING_TOLERANCE_SECONDS,
                            "marker time " + k + " against the EEG (one timeline)");
                }
                assertTrue(publisher.awaitEnd(WAIT), "without loop the publisher ends with the file");
                assertEquals(List.of(9L, 9L), publisher.framesPublished());
                assertTrue(publisher.failure().isEmpty());
            }
        }
    }

    @Test
    void everyFramePublishedReachesTheInletsWhenTheFileEndsAndThePublisherCloses() throws Exception {
        Fixture f = Fixture.load();
        ReplayPublisher publisher = ReplayPublisher.open(MINIMAL, new ReplayOptions(10, false), SourceTestLsl.config(),
                SourceClock.SYSTEM);
        try (LslStreamSource eeg = LslStreamSource.open(resolveUid(publisher.streams().get(0)), SourceTestLsl.options());
             LslStreamSource markers = LslStreamSource.open(resolveUid(publisher.streams().get(1)), SourceTestLsl.options())) {
            assertTrue(publisher.waitForConsumers(WAIT));
            publisher.start();
            assertTrue(publisher.awaitEnd(WAIT));
            publisher.close();
            double[][] values = new double[3][9];
            double[] times = new double[9];
            int got = 0;
            for (int reads = 0; got < 9 && reads < MAX_READS; reads++) {
                got += Math.max(0, eeg.read(values, times, got, 9 - got, Duration.ofMillis(100)));
            }
            assertEquals(9, got, "the last frames were sent before the outlets closed");
            assertEquals(f.eeg()[2][8], values[2][8]);
            assertEquals("SendDataString", markers.info().name());
        } finally {
            publisher.close();
        }
    }

    @Test
    void loopRepeatsTheFileUntilClosedAndCloseStopsPromptly() throws Exception {
        Fixture f = Fixture.load();
        ReplayPublisher publisher = ReplayPublisher.open(MINIMAL, new ReplayOptions(10, true), SourceTestLsl.config(),
                SourceClock.SYSTEM);
        try (LslStreamSource eeg = LslStreamSource.open(resolveUid(publisher.streams().get(0)), SourceTestLsl.options());
             LslStreamSource markers = LslStreamSource.open(resolveUid(publisher.streams().get(1)), SourceTestLsl.options())) {
            assertTrue(publisher.waitForConsumers(WAIT), "both inlets connected");
            assertEquals("SendDataString", markers.info().name());
            publisher.start();
            int want = 30;
            double[][] values = new double[3][want];
            double[] times = new double[want];
            int got = 0;
            for (int reads = 0; got < want && reads < MAX_READS; reads++) {
                got += Math.max(0, eeg.read(values, times, got, want - got, Duration.ofMillis(200)));
            }
            assertEquals(want, got, "more frames than one pass holds");
            for (int k = 0; k < want; k++) {
                assertEquals(f.eeg()[1][k % 9], values[1][k], "frame " + k + " repeats frame " + (k % 9));
                if (k > 0) assertTrue(times[k] > times[k - 1], "timestamps keep increasing across passes");
            }
            long t0 = System.nanoTime();
            publisher.close();
            assertTrue(publisher.awaitEnd(Duration.ofSeconds(1)), "threads ended");
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "close is prompt");
            assertTrue(publisher.failure().isEmpty());
        } finally {
            publisher.close();
        }
    }

    @Test
    void publishesABrainVisionFileAsDoubleMicrovoltsWithItsMarkersAsStrings() throws Exception {
        Path vhdr = MINIMAL.resolveSibling("../brainvision/test.vhdr").normalize();
        int frames = 200;
        double[][] expected;
        double[] expectedTimes = new double[frames];
        List<dev.liminal.core.Annotation> annotations;
        try (RecordingReader r = RecordingFormats.open(vhdr)) {
            int channels = r.info().streams().get(0).info().channelCount();
            expected = new double[channels][frames];
            r.readSamples(0, 0, frames, expected, 0);
            r.readTimestamps(0, 0, frames, expectedTimes, 0);
            annotations = r.info().annotations();
        }
        assertTrue(annotations.size() >= 2, "fixture has markers");
        try (ReplayPublisher publisher = ReplayPublisher.open(vhdr, ReplayOptions.DEFAULT, SourceTestLsl.config(),
                SourceClock.SYSTEM)) {
            List<LslStreamInfo> streams = publisher.streams();
            assertEquals(2, streams.size(), streams.toString());
            assertEquals(dev.liminal.acquisition.lsl.ChannelFormat.DOUBLE64, streams.get(0).channelFormat());
            assertEquals(dev.liminal.acquisition.lsl.ChannelFormat.STRING, streams.get(1).channelFormat());
            assertEquals("test.vhdr annotations", streams.get(1).name());
            try (LslStreamSource eeg = LslStreamSource.open(resolveUid(streams.get(0)), SourceTestLsl.options());
                 LslStreamSource markers = LslStreamSource.open(resolveUid(streams.get(1)), SourceTestLsl.options())) {
                assertEquals("uV", eeg.info().channels().get(0).unit(), "published as microvolts, read back as uV");
                assertTrue(publisher.waitForConsumers(WAIT));
                publisher.start();
                double[][] values = new double[expected.length][frames];
                double[] times = new double[frames];
                int got = 0;
                for (int reads = 0; got < frames && reads < MAX_READS; reads++) {
                    got += Math.max(0, eeg.read(values, times, got, frames - got, Duration.ofMillis(200)));
                }
                assertEquals(frames, got);
                for (int c = 0; c < expected.length; c++) {
                    for (int k = 0; k < frames; k++) {
                        assertEquals(expected[c][k], values[c][k], "channel " + c + " frame " + k + " passes unchanged");
                    }
                }
                String[][] texts = new String[2][1];
                double[] textTimes = new double[2];
                int gotText = 0;
                for (int reads = 0; gotText < 2 && reads < MAX_READS; reads++) {
                    gotText += Math.max(0, markers.readStrings(texts, textTimes, gotText, 2 - gotText, Duration.ofMillis(200)));
                }
                assertEquals(2, gotText);
                for (int i = 0; i < 2; i++) {
                    assertEquals(annotations.get(i).text(), texts[i][0]);
                    assertEquals(annotations.get(i).onsetSeconds() - expectedTimes[0], textTimes[i] - times[0],
                            SPACING_TOLERANCE_SECONDS, "marker " + i + " against the EEG");
                }
            }
        }
    }

    private static LslStreamInfo resolveUid(LslStreamInfo published) throws Exception {
        List<LslStreamInfo> found = dev.liminal.acquisition.lsl.LslResolver.resolve("uid='" + published.uid() + "'", 1,
                SourceTestLsl.RESOLVE_TIMEOUT, SourceTestLsl.config());
        assertEquals(1, found.size(), "resolved " + published.name());
        return found.get(0);
    }
}
