package dev.liminal.datasets.replay;

import dev.liminal.core.Annotation;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StreamSourceProviders;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ReplaySourceTest {
    static final Path MINIMAL = Path.of("src/test/resources/fixtures/xdf/minimal.xdf");
    static final Path BRAINVISION = Path.of("src/test/resources/fixtures/brainvision/test.vhdr");
    static final Path HYPNOGRAM = Path.of("src/test/resources/fixtures/edf/SC4001EC-Hypnogram.edf");
    static final double START = 1000.0;
    /** Sums of a few tenths of a second in doubles: rounding only. */
    static final double TIME_TOLERANCE = 1e-9;
    static final Duration LONG_WAIT = Duration.ofSeconds(100);

    /** Everything a source delivers until it ends (or {@code limit} frames), as (time, values). */
    static List<double[]> drainNumeric(StreamSource s, int limit) throws IOException {
        List<double[]> out = new ArrayList<>();
        int ch = s.info().channelCount();
        double[][] v = new double[ch][64];
        double[] t = new double[64];
        while (out.size() < limit) {
            int n = s.read(v, t, 0, Math.min(64, limit - out.size()), LONG_WAIT);
            if (n == StreamSource.END_OF_STREAM) break;
            for (int k = 0; k < n; k++) {
                double[] row = new double[ch + 1];
                row[0] = t[k];
                for (int c = 0; c < ch; c++) row[c + 1] = v[c][k];
                out.add(row);
            }
        }
        return out;
    }

    static List<String> drainStrings(StreamSource s, List<Double> times) throws IOException {
        List<String> out = new ArrayList<>();
        String[][] v = new String[16][s.info().channelCount()];
        double[] t = new double[16];
        while (true) {
            int n = s.readStrings(v, t, 0, 16, LONG_WAIT);
            if (n == StreamSource.END_OF_STREAM) return out;
            for (int k = 0; k < n; k++) {
                out.add(v[k][0]);
                times.add(t[k]);
            }
        }
    }

    static void closeAll(List<ReplaySource> sources) throws IOException {
        for (ReplaySource s : sources) s.close();
    }

    @Test
    void replaysEveryXdfStreamWithItsOriginalTimingOnTheLocalClock() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, ReplayOptions.DEFAULT, clock);
        try {
            assertEquals(2, sources.size());
            assertEquals("SendDataC", sources.get(0).info().name());
            List<double[]> eeg = drainNumeric(sources.get(0), 1000);
            assertEquals(9, eeg.size());
            // clock-synchronised times 5.0 ... 5.8 (SOURCES.md), the earliest of the file at START
            for (int k = 0; k < 9; k++) assertEquals(START + 0.1 * k, eeg.get(k)[0], TIME_TOLERANCE, "frame " + k);
            assertArrayEquals(new double[] {192, 255, 238}, java.util.Arrays.copyOfRange(eeg.get(0), 1, 4));
            assertArrayEquals(new double[] {15, 25, 35}, java.util.Arrays.copyOfRange(eeg.get(8), 1, 4));
            assertEquals(0.8, clock.sleptSeconds(), TIME_TOLERANCE, "the replay waited for each sample's time");

            List<Double> times = new ArrayList<>();
            List<String> markers = drainStrings(sources.get(1), times);
            assertEquals(9, markers.size());
            assertEquals(List.of("Hello", "World", "from", "LSL", "Hello", "World", "from", "LSL"), markers.subList(1, 9));
            // the string stream has no clock offsets: 5.1 ... 5.9, i.e. 0.1 s after the EEG
            for (int k = 0; k < 9; k++) assertEquals(START + 0.1 + 0.1 * k, times.get(k), TIME_TOLERANCE);
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void speedFactorCompressesTheTiming() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, new ReplayOptions(4, false), clock);
        try {
            List<double[]> eeg = drainNumeric(sources.get(0), 1000);
            for (int k = 0; k < 9; k++) assertEquals(START + 0.025 * k, eeg.get(k)[0], TIME_TOLERANCE);
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void loopStartsAgainOneLoopPeriodLater() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, new ReplayOptions(1, true), clock);
        try {
            List<double[]> eeg = drainNumeric(sources.get(0), 27);
            assertEquals(27, eeg.size(), "a looping replay does not end");
            // span 5.0 ... 5.9 (markers end at 5.9) plus one 10 Hz period: a loop period of 1.0 s
            for (int pass = 0; pass < 3; pass++) {
                for (int k = 0; k < 9; k++) {
                    double[] row = eeg.get(pass * 9 + k);
                    assertEquals(START + pass + 0.1 * k, row[0], TIME_TOLERANCE, "pass " + pass + " frame " + k);
                    assertEquals(eeg.get(k)[1], row[1]);
                }
            }
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void aReadReturnsNothingWhenTheNextFrameIsNotDueWithinTheTimeout() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, ReplayOptions.DEFAULT, clock);
        try {
            ReplaySource eeg = sources.get(0);
            double[][] v = new double[3][4];
            double[] t = new double[4];
            assertEquals(1, eeg.read(v, t, 0, 4, Duration.ZERO));
            assertEquals(0, eeg.read(v, t, 0, 4, Duration.ofMillis(30)));
            assertEquals(START + 0.03, clock.nowSeconds(), TIME_TOLERANCE);
            assertEquals(1, eeg.read(v, t, 0, 4, Duration.ofMillis(80)));
            assertEquals(START + 0.1, t[0], TIME_TOLERANCE);
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void framesAlreadyDueAreDeliveredTogether() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, ReplayOptions.DEFAULT, clock);
        try {
            clock.sleepUntil(START + 0.45);
            double[][] v = new double[3][16];
            double[] t = new double[16];
            assertEquals(5, sources.get(0).read(v, t, 0, 16, Duration.ZERO));
            assertEquals(START + 0.4, t[4], TIME_TOLERANCE);
            assertEquals(0, sources.get(0).read(v, t, 0, 16, Duration.ZERO), "frame 5 is due at 0.5 s");
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void brainVisionChannelsAndMarkersReplayInBlocksWithTheirTiming() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(BRAINVISION, ReplayOptions.DEFAULT, clock);
        List<Annotation> expected;
        try (RecordingReader r = RecordingFormats.open(BRAINVISION)) {
            expected = r.info().annotations();
        }
        try {
            assertEquals(2, sources.size(), "one 1000 Hz channel group and the annotation stream");
            ReplaySource eeg = sources.get(0);
            assertEquals(7900, eeg.frameCount());
            assertTrue(eeg.frameCount() > ReplaySource.BLOCK_FRAMES, "the stream spans several blocks");
            List<double[]> frames = drainNumeric(eeg, 10_000);
            assertEquals(7900, frames.size());
            assertEquals(-23.5, frames.get(0)[1]);
            assertEquals(-23.5, frames.get(1)[1]);
            assertEquals(-24.0, frames.get(2)[1]);
            for (int k = 0; k < frames.size(); k++) {
                assertEquals(START + k / 1000.0, frames.get(k)[0], TIME_TOLERANCE, "frame " + k);
            }
            ReplaySource marks = sources.get(1);
            assertEquals("test.vhdr" + ReplaySource.ANNOTATION_STREAM_SUFFIX, marks.info().name());
            List<Double> times = new ArrayList<>();
            List<String> texts = drainStrings(marks, times);
            assertEquals(14, texts.size());
            assertEquals(expected.size(), texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(expected.get(i).text(), texts.get(i));
                assertEquals(START + expected.get(i).onsetSeconds(), times.get(i), TIME_TOLERANCE);
            }
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void anAnnotationOnlyEdfReplaysAsOneMarkerStreamWithTheOnsetsAsTimes() throws IOException {
        FakeClock clock = new FakeClock(START);
        List<ReplaySource> sources = ReplaySource.open(HYPNOGRAM, new ReplayOptions(1000, false), clock);
        try {
            assertEquals(1, sources.size());
            ReplaySource hypnogram = sources.get(0);
            assertTrue(hypnogram.info().isIrregular());
            List<Double> times = new ArrayList<>();
            List<String> texts = drainStrings(hypnogram, times);
            assertEquals(154, texts.size());
            assertEquals("Sleep stage W", texts.get(0));
            assertEquals("Sleep stage 1", texts.get(1));
            assertEquals(START, times.get(0), TIME_TOLERANCE);
            assertEquals(START + 30630 / 1000.0, times.get(1), TIME_TOLERANCE, "onset 30630 s at 1000x");
        } finally {
            closeAll(sources);
        }
    }

    @Test
    void closedSourceEndsAndAnUnknownOptionIsRefused() throws IOException {
        List<ReplaySource> sources = ReplaySource.open(MINIMAL, ReplayOptions.DEFAULT, new FakeClock(START));
        sources.get(0).close();
        assertEquals(StreamSource.END_OF_STREAM, sources.get(0).read(new double[3][1], new double[1], 0, 1, LONG_WAIT));
        closeAll(sources);
        var provider = StreamSourceProviders.byId("replay").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> provider.open(MINIMAL.toString(), Map.of("sped", "2")));
        assertThrows(IllegalArgumentException.class, () -> provider.open(MINIMAL.toString(), Map.of("speed", "0")));
        List<StreamSource> opened = provider.open(MINIMAL.toString(), Map.of("speed", "2", "loop", "true"));
        assertEquals(2, opened.size());
        for (StreamSource s : opened) s.close();
    }

    @Test
    void refusesANonPositiveSpeed() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayOptions(0, false));
        assertThrows(IllegalArgumentException.class, () -> new ReplayOptions(Double.NaN, false));
    }
}
