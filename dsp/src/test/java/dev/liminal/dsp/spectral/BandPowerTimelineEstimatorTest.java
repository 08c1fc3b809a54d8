package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liminal.dsp.fft.WindowFunction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BandPowerTimelineEstimatorTest {
    /** The fast path must equal the reference path (full spectra, then bands) to the contract's 1e-9. */
    private static final double FAST_VERSUS_REFERENCE_RELATIVE = 1e-9;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.liminal.dsp.spectral.GoldenSpectraTest#cases")
    void fastPathEqualsReferencePathOnGoldenInputs(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        TimelineParameters parameters = new TimelineParameters(g.sampleRateHz(), g.nperseg(), g.hop(), WindowFunction.HANN);
        BandSet bands = BandSet.parse("slow:0-1,delta:1-4,theta:4-8,alpha:8-13,beta:13-30,low_gamma:30-45,high:45-"
                + g.sampleRateHz() / 2);
        BandPowerTimeline reference = new SpectrogramEstimator(parameters).estimate(g.input(), 5.0).bandPowerTimeline(bands);
        BandPowerTimeline fast = new BandPowerTimelineEstimator(parameters, bands).estimate(g.input(), 5.0);
        assertEquals(reference.frameCount(), fast.frameCount());
        assertArrayEquals(reference.frameEndTimesSeconds(), fast.frameEndTimesSeconds(), 0.0);
        for (int c = 0; c < reference.channelCount(); c++) {
            for (int f = 0; f < reference.frameCount(); f++) {
                for (int b = 0; b < bands.size(); b++) {
                    double expected = reference.absolute(c, f, b);
                    assertEquals(expected, fast.absolute(c, f, b), FAST_VERSUS_REFERENCE_RELATIVE * expected,
                            name + " channel " + c + " frame " + f + " band " + bands.get(b).name());
                }
            }
        }
    }

    @Test
    void parallelRunGivesBitIdenticalResultsToSequentialRun() throws InterruptedException {
        double fs = 500;
        double[][] x = randomChannels(7, 500 * 20, 1);
        TimelineParameters parameters = TimelineParameters.offlineDefaults(fs);
        BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT);
        double[][] sequential = new double[7][estimator.outputLength(x[0].length)];
        double[][] parallel = new double[7][estimator.outputLength(x[0].length)];
        estimator.process(x, sequential);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "liminal-dsp-test"));
        try {
            estimator.process(x, parallel, pool, 3);
        } finally {
            pool.shutdown();
        }
        for (int c = 0; c < 7; c++) assertArrayEquals(sequential[c], parallel[c], 0.0, "channel " + c);
        assertEquals(19 * 5, sequential[0].length);
    }

    @Test
    void manyChannelsWithUnequalAmplitudesMatchTheReferenceForAnyParallelism() throws InterruptedException {
        // 35 channels, an odd count, with amplitudes three orders of magnitude apart
        // and different offsets.
        double fs = 250;
        int channels = 35;
        double[][] x = randomChannels(channels, 250 * 12, 3);
        for (int c = 0; c < channels; c++) {
            double scale = Math.pow(10, c % 4);
            for (int i = 0; i < x[c].length; i++) x[c][i] = x[c][i] * scale + 50 * (c % 3);
        }
        TimelineParameters parameters = TimelineParameters.ofSeconds(fs, 2.0, 0.5);
        BandPowerTimeline reference = new SpectrogramEstimator(parameters).estimate(x, 0.0).bandPowerTimeline(BandSet.DEFAULT);
        BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT);
        double[][] sequential = new double[channels][estimator.outputLength(x[0].length)];
        estimator.process(x, sequential);
        for (int c = 0; c < channels; c++) {
            for (int f = 0; f < reference.frameCount(); f++) {
                for (int b = 0; b < 5; b++) {
                    double expected = reference.absolute(c, f, b);
                    assertEquals(expected, sequential[c][f * 5 + b], FAST_VERSUS_REFERENCE_RELATIVE * expected,
                            "channel " + c + " frame " + f + " band " + b);
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "liminal-dsp-test"));
        try {
            for (int parallelism : new int[] {2, 3, 40}) {
                double[][] parallel = new double[channels][estimator.outputLength(x[0].length)];
                estimator.process(x, parallel, pool, parallelism);
                for (int c = 0; c < channels; c++) {
                    assertArrayEquals(sequential[c], parallel[c], 0.0, "parallelism " + parallelism + " channel " + c);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void noFramesUntilTheFirstWindowIsFull() {
        BandPowerTimelineEstimator estimator =
                new BandPowerTimelineEstimator(TimelineParameters.offlineDefaults(100), BandSet.DEFAULT);
        assertEquals(0, estimator.outputLength(199));
        assertEquals(5, estimator.outputLength(200));
        assertEquals(5, estimator.outputLength(299));
        assertEquals(10, estimator.outputLength(300));
        BandPowerTimeline empty = estimator.estimate(new double[2][199], 0.0);
        assertEquals(0, empty.frameCount());
    }

    @ParameterizedTest(name = "window {0} at {1} Hz")
    @CsvSource({"2000, 1000", "512, 256"})
    void allocatesNothingPerFrameAfterWarmUp(int window, double fs) {
        // 2000 points: the lane-batched transform; 512: JTransforms' in-place split radix.
        double[][] x = randomChannels(3, (int) fs * 300, 2);
        TimelineParameters parameters = new TimelineParameters(fs, window, window / 8, WindowFunction.HANN);
        BandPowerTimelineEstimator estimator = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT);
        double[][] out = new double[3][estimator.outputLength(x[0].length)];
        estimator.process(x, out);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        estimator.process(x, out);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        int frames = parameters.frameCount(x[0].length) * 3;
        assertTrue(allocated < frames, allocated + " bytes allocated for " + frames + " frames");
    }

    @Test
    void rejectsOutputOfTheWrongShapeQuotingIt() {
        BandPowerTimelineEstimator estimator =
                new BandPowerTimelineEstimator(TimelineParameters.offlineDefaults(100), BandSet.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.process(new double[2][300], new double[2][5]));
        assertEquals("band-power timeline output channel 0 has 5 values, expected 10", e.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> estimator.process(new double[][] {new double[300], new double[299]}, new double[2][10]));
        assertEquals("band-power timeline input: channel 1 has 299 samples, channel 0 has 300", ragged.getMessage());
    }

    static double[][] randomChannels(int channels, int samples, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[channels][samples];
        for (double[] row : x) {
            for (int i = 0; i < samples; i++) row[i] = 20 * random.nextGaussian() + 5 * Math.sin(i * 0.07);
        }
        return x;
    }
}
