package dev.liminal.benchmarks.spectral;

import dev.liminal.benchmarks.data.BenchDataSpec;
import dev.liminal.benchmarks.data.SyntheticEeg;
import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.edf.EdfReader;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdfTimelineTest {
    /** Six channels of the benchmark's synthetic EEG, 30 s at 1000 Hz: 29 frames of W1's window and hop. */
    private static final BenchDataSpec SPEC = new BenchDataSpec(6, 1000, 30, 20261122L);
    /**
     * Slack on the half-step bound: the writer rounds (v - pmin) * scale and the reader computes
     * d * gain + offset, each a few ulp of values around 100 uV.
     */
    private static final double ROUNDING_SLACK_MICROVOLTS = 1e-9;

    @TempDir
    Path dir;

    private double[][] samples;
    private Path raw;
    private Path edf;
    private final TimelineParameters parameters = TimelineParameters.offlineDefaults(SPEC.sampleRateHz());
    private final BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT);

    @BeforeEach
    void writeFiles() throws IOException {
        samples = new double[SPEC.channelCount()][SPEC.sampleCount()];
        new SyntheticEeg(SPEC).next(samples, SPEC.sampleCount());
        raw = dir.resolve("x.f64");
        ByteBuffer bytes = ByteBuffer.allocate(SPEC.sampleCount() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (double[] row : samples) {
                bytes.clear();
                bytes.asDoubleBuffer().put(row);
                while (bytes.hasRemaining()) out.write(bytes);
            }
        }
        edf = dir.resolve("x.edf");
        EdfTimeline.writeEdf(raw, labels(), SPEC.sampleCount(), SPEC.sampleRateHz(), edf);
    }

    private static List<String> labels() {
        return SyntheticEeg.labels(SPEC.channelCount());
    }

    @Test
    void rawRecordingReadsAnySpanOfTheChannelMajorFile() throws IOException {
        try (RawSampleRecording r = RawSampleRecording.open(raw, labels(), SPEC.sampleCount(), SPEC.sampleRateHz())) {
            double[][] dst = new double[SPEC.channelCount()][1000];
            r.readSamples(0, 12_345, 900, dst, 50);
            for (int c = 0; c < dst.length; c++) {
                for (int k = 0; k < 900; k++) assertEquals(samples[c][12_345 + k], dst[c][50 + k], "channel " + c);
            }
            assertThrows(IllegalArgumentException.class, () -> r.readSamples(0, SPEC.sampleCount() - 10, 11, dst, 0));
        }
    }

    @Test
    void rawRecordingRejectsAFileOfTheWrongSize() {
        IOException e = assertThrows(IOException.class,
                () -> RawSampleRecording.open(raw, labels(), SPEC.sampleCount() + 1, SPEC.sampleRateHz()));
        assertTrue(e.getMessage().contains("expected 6 channels x 30001 samples"), e.getMessage());
    }

    @Test
    void edfSamplesLieWithinHalfAQuantisationStepOfTheFloat64Samples() throws IOException {
        double[][] fromEdf = EdfTimeline.samples(edf);
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = EdfTimeline.signalStream(reader.info(), edf);
            assertEquals("EDF+C", reader.info().formatVariant());
            assertEquals(SPEC.sampleCount(), s.sampleCount());
            for (int c = 0; c < fromEdf.length; c++) {
                ChannelInfo ch = s.info().channels().get(c);
                double step = (Double.parseDouble(ch.attribute(EdfReader.PHYSICAL_MAX))
                        - Double.parseDouble(ch.attribute(EdfReader.PHYSICAL_MIN)))
                        / (Long.parseLong(ch.attribute(EdfReader.DIGITAL_MAX)) - Long.parseLong(ch.attribute(EdfReader.DIGITAL_MIN)));
                assertTrue(step < 0.01, "channel " + c + " step " + step + " uV: the range should be the data's, over 16 bits");
                double worst = 0;
                for (int i = 0; i < samples[c].length; i++) worst = Math.max(worst, Math.abs(fromEdf[c][i] - samples[c][i]));
                assertTrue(worst <= step / 2 + ROUNDING_SLACK_MICROVOLTS, "channel " + c + ": error " + worst + " uV, step " + step);
                assertTrue(worst > 0, "channel " + c + " was not quantised at all");
            }
        }
    }

    @Test
    void everyPipelineGivesW1OfTheEdfSamplesBitForBitForAnyBlockAndThreadCount() throws IOException {
        double[][] x = EdfTimeline.samples(edf);
        double[][] expected = new double[x.length][estimator.outputLength(x[0].length)];
        estimator.process(x, expected);
        assertEquals(29 * 5, expected[0].length);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int threads = 1; threads <= 3; threads++) {
                for (int block : new int[] {700, 2_500, 7_000, 30_000}) {
                    EdfTimeline.Run whole = EdfTimeline.whole(edf, estimator, block, pool, threads);
                    EdfTimeline.Run streamed = EdfTimeline.streamed(edf, parameters, BandSet.DEFAULT, block, pool, threads);
                    EdfTimeline.Run blocked = EdfTimeline.blocked(edf, parameters, BandSet.DEFAULT, block, pool, threads);
                    for (int c = 0; c < x.length; c++) {
                        assertArrayEquals(expected[c], whole.bandPowers()[c], "whole, channel " + c + ", " + threads
                                + " threads, block " + block);
                        assertArrayEquals(expected[c], blocked.bandPowers()[c], "blocked, channel " + c + ", " + threads
                                + " threads, block " + block);
                        assertArrayEquals(expected[c], streamed.bandPowers()[c], "streamed, channel " + c + ", " + threads
                                + " threads, block " + block);
                    }
                    assertTrue(whole.timing().totalSeconds() >= whole.timing().readSeconds() + whole.timing().computeSeconds());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void maxRelativeDifferenceIsTheLargestRatioAndCountsEqualValuesAsZero() {
        double[][] a = {{1.0, 2.0, 0.0}, {4.0, 100.0, 7.0}};
        double[][] b = {{1.0, 2.5, 0.0}, {4.0, 99.0, 7.0}};
        assertEquals(0.2, EdfW1Run.maxRelativeDifference(a, b), 1e-15);
        assertEquals(0.0, EdfW1Run.maxRelativeDifference(b, b));
        assertEquals(Double.POSITIVE_INFINITY, EdfW1Run.maxRelativeDifference(new double[][] {{1.0}}, new double[][] {{0.0}}));
    }
}
