package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liminal.dsp.fft.WindowFunction;
import dev.liminal.dsp.quality.QualityFlag;
import dev.liminal.dsp.quality.QualityFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free frame path of {@link StreamingBandPowerProcessor}: numbers, quality flags, discontinuities. */
class StreamingFrameTest {
    private static final double RATE_HZ = 250;
    private static final TimelineParameters PARAMETERS = new TimelineParameters(RATE_HZ, 500, 25, WindowFunction.HANN);

    /** Everything a frame says, copied out of the reusable view. */
    private record Copy(double endTimeSeconds, double[][] absolute, int[] bits, boolean discontinuity, double gapSeconds) {}

    private static StreamingFrameSink collect(List<Copy> into) {
        return f -> {
            double[][] a = new double[f.channelCount()][f.bands().size()];
            f.copyAbsoluteTo(a);
            int[] bits = new int[f.channelCount()];
            for (int c = 0; c < bits.length; c++) bits[c] = f.qualityBits(c);
            into.add(new Copy(f.endTimeSeconds(), a, bits, f.discontinuity(), f.gapSeconds()));
        };
    }

    @ParameterizedTest(name = "chunks of {0} samples")
    @ValueSource(ints = {1, 7, 100, 3000})
    void reusableFramesInChunksOfAnySizeAreBitIdenticalToTheOfflineTimeline(int chunk) {
        BandSet bands = BandSet.DEFAULT;
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(4, 6000, 11);
        BandPowerTimeline offline = new BandPowerTimelineEstimator(PARAMETERS, bands).estimate(x, 3.0);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, bands, 4, 3.0);
        assertTrue(streaming.checksEmg(), "250 Hz holds the 51-69 Hz EMG band, so its extra columns are in play");
        List<Copy> frames = new ArrayList<>();
        for (int at = 0; at < x[0].length; at += chunk) {
            streaming.feed(x, at, Math.min(chunk, x[0].length - at), collect(frames));
        }
        assertEquals(offline.frameCount(), frames.size());
        for (int f = 0; f < frames.size(); f++) {
            assertEquals(offline.frameEndTimeSeconds(f), frames.get(f).endTimeSeconds(), 0.0, "time of frame " + f);
            for (int c = 0; c < 4; c++) {
                for (int b = 0; b < bands.size(); b++) {
                    assertEquals(offline.absolute(c, f, b), frames.get(f).absolute()[c][b], 0.0,
                            "frame " + f + " channel " + c + " band " + b);
                }
            }
        }
    }

    @ParameterizedTest(name = "window {0}, hop {1}")
    @org.junit.jupiter.params.provider.CsvSource({"500, 25", "500, 250", "333, 100", "200, 300", "400, 60"})
    void runningSegmentStatisticsGiveTheFlagsQualityAssessorGivesOnEachWindow(int window, int hop) {
        TimelineParameters parameters = new TimelineParameters(RATE_HZ, window, hop, WindowFunction.HANN);
        int n = 5000;
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(3, n, 23);
        for (int i = 0; i < n; i += 617) x[0][i] += 180;
        java.util.Arrays.fill(x[1], 1200, 1900, 5.0);
        x[2][2222] = Double.NaN;
        x[2][3456] = Double.NEGATIVE_INFINITY;
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, 3, 0.0);
        List<Copy> frames = new ArrayList<>();
        Random random = new Random(window * 31L + hop);
        for (int at = 0; at < n; ) {
            int chunk = Math.min(n - at, 1 + random.nextInt(400));
            streaming.feed(x, at, chunk, collect(frames));
            at += chunk;
        }
        assertEquals(parameters.frameCount(n), frames.size());
        dev.liminal.dsp.quality.QualityAssessor assessor = new dev.liminal.dsp.quality.QualityAssessor();
        int[] expected = new int[3];
        int[] seen = new int[4];
        for (int f = 0; f < frames.size(); f++) {
            assessor.assess(x, f * hop, window, expected);
            for (int c = 0; c < 3; c++) {
                int time = frames.get(f).bits()[c] & ~QualityFlag.EMG.bit();
                assertEquals(expected[c], time, "frame " + f + " channel " + c);
                for (QualityFlag flag : QualityFlag.values()) if ((time & flag.bit()) != 0) seen[flag.ordinal()]++;
            }
        }
        assertTrue(seen[QualityFlag.AMPLITUDE.ordinal()] > 0 && seen[QualityFlag.FLAT.ordinal()] > 0
                && seen[QualityFlag.NON_FINITE.ordinal()] > 0, "every time-domain flag occurs: " + java.util.Arrays.toString(seen));
    }

    @Test
    void firstFrameAfterARestartCarriesTheDiscontinuityAndGapThenTheMarkClears() {
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(2, 3000, 5);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, BandSet.DEFAULT, 2, 0.0);
        List<Copy> frames = new ArrayList<>();
        streaming.feed(x, 0, 550, collect(frames));
        assertEquals(3, frames.size());
        assertFalse(frames.get(0).discontinuity(), "the first window of a stream follows no gap");
        streaming.restart(5.0, 2.75);
        streaming.feed(x, 550, 499, collect(frames));
        assertEquals(3, frames.size(), "no frame until a whole new window has arrived");
        streaming.feed(x, 1049, 26, collect(frames));
        assertEquals(5, frames.size());
        assertTrue(frames.get(3).discontinuity());
        assertEquals(2.75, frames.get(3).gapSeconds(), 0.0);
        assertEquals(7.0, frames.get(3).endTimeSeconds(), 1e-12);
        assertFalse(frames.get(4).discontinuity());
        assertTrue(Double.isNaN(frames.get(4).gapSeconds()));

        streaming.restart(20.0);
        streaming.feed(x, 0, 500, collect(frames));
        assertTrue(frames.get(5).discontinuity());
        assertTrue(Double.isNaN(frames.get(5).gapSeconds()), "a restart without a duration reports the gap as unknown");
        assertThrows(IllegalArgumentException.class, () -> streaming.restart(1.0, -0.5));
    }

    @Test
    void flagsAmplitudeFlatNonFiniteAndEmgPerChannelAndNeverEmitsNaN() {
        int n = 3000;
        double[][] x = new double[5][n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            double t = i / RATE_HZ;
            x[0][i] = 10 * Math.sin(2 * Math.PI * 10 * t) + random.nextGaussian();
            x[1][i] = x[0][i];
            x[2][i] = 42.0;
            x[3][i] = x[0][i];
            x[4][i] = 30 * random.nextGaussian();
        }
        x[1][1000] = 400;
        x[3][1200] = Double.NaN;
        BandPowerTimeline offline = new BandPowerTimelineEstimator(PARAMETERS, BandSet.DEFAULT)
                .estimate(new double[][] {x[0]}, 0.0);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, BandSet.DEFAULT, 5, 0.0);
        List<BandPowerFrame> frames = new ArrayList<>();
        streaming.feed(x, 0, n, f -> frames.add(f.snapshot()));
        assertEquals(offline.frameCount(), frames.size());
        for (int f = 0; f < frames.size(); f++) {
            BandPowerFrame frame = frames.get(f);
            int windowStart = f * 25;
            boolean spikeInside = windowStart <= 1000 && 1000 < windowStart + 500;
            boolean nanInside = windowStart <= 1200 && 1200 < windowStart + 500;
            assertEquals(QualityFlags.NONE, frame.quality(0), "clean 10 Hz sine, frame " + f);
            assertEquals(spikeInside, frame.quality(1).contains(QualityFlag.AMPLITUDE), "spike, frame " + f);
            assertEquals(QualityFlags.of(QualityFlag.FLAT), frame.quality(2), "constant, frame " + f);
            assertEquals(nanInside, frame.quality(3).contains(QualityFlag.NON_FINITE), "NaN, frame " + f);
            assertEquals(!nanInside, frame.hasPower(3));
            assertTrue(frame.quality(4).contains(QualityFlag.EMG), "white noise puts 26 % of 1-69 Hz power in 51-69 Hz");
            for (int c = 0; c < 5; c++) {
                for (int b = 0; b < BandSet.DEFAULT.size(); b++) {
                    assertTrue(Double.isFinite(frame.absolute(c, b)) && Double.isFinite(frame.relative(c, b)),
                            "channel " + c + " band " + b + " frame " + f + " must be a number");
                }
            }
            for (int b = 0; b < BandSet.DEFAULT.size(); b++) {
                assertEquals(offline.absolute(0, f, b), frame.absolute(0, b), 0.0, "a NaN elsewhere leaves channel 0 alone");
                assertEquals(nanInside ? 0.0 : offline.absolute(0, f, b), frame.absolute(3, b), 0.0,
                        "channel 3 is channel 0 except for the NaN, frame " + f);
            }
        }
    }

    @Test
    void powerOverflowingToInfinityFromHugeFiniteSamplesIsReportedAsNoPower() {
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(2, 500, 4);
        for (int i = 0; i < 500; i++) x[1][i] *= 1e160;
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, BandSet.DEFAULT, 2, 0.0);
        List<BandPowerFrame> frames = new ArrayList<>();
        streaming.process(x, 0, 500, frames::add);
        assertTrue(frames.get(0).hasPower(0));
        assertFalse(frames.get(0).hasPower(1));
        assertEquals(QualityFlags.of(QualityFlag.NON_FINITE), frames.get(0).quality(1));
        assertEquals(0.0, frames.get(0).absolute(1, 2), 0.0);
    }

    @Test
    void ratesBelow138HzCannotHoldTheEmgBandSoFramesCarryNoEmgCheck() {
        TimelineParameters slow = new TimelineParameters(128, 256, 32, WindowFunction.HANN);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(slow, BandSet.DEFAULT, 1, 0.0);
        assertFalse(streaming.checksEmg());
        double[][] noise = BandPowerTimelineEstimatorTest.randomChannels(1, 256, 9);
        List<BandPowerFrame> frames = new ArrayList<>();
        streaming.process(noise, 0, 256, frames::add);
        assertFalse(frames.get(0).quality(0).contains(QualityFlag.EMG));
    }

    @Test
    void snapshotIsAnIndependentImmutableCopyOfTheReusableFrame() {
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(2, 600, 13);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, BandSet.DEFAULT, 2, 0.0);
        List<BandPowerFrame> snapshots = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        StreamingFrameSink both = collect(copies);
        streaming.feed(x, 0, 600, f -> {
            snapshots.add(f.snapshot());
            both.accept(f);
        });
        assertEquals(5, snapshots.size());
        for (int f = 0; f < 5; f++) {
            assertEquals(copies.get(f).endTimeSeconds(), snapshots.get(f).endTimeSeconds(), 0.0);
            for (int c = 0; c < 2; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(copies.get(f).absolute()[c], snapshots.get(f).absolute()[c], 0.0,
                        "snapshot " + f + " kept its values after the view moved on");
            }
        }
        double[][] handedOut = snapshots.get(0).absolute();
        handedOut[0][0] = -1;
        assertEquals(copies.get(0).absolute()[0][0], snapshots.get(0).absolute(0, 0), 0.0);
    }

    @Test
    void windowCopyHoldsTheLastWindowOfSamplesOldestFirst() {
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(2, 700, 21);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(PARAMETERS, BandSet.DEFAULT, 2, 0.0);
        List<double[]> windows = new ArrayList<>();
        streaming.feed(x, 0, 700, f -> {
            double[] w = new double[f.windowSamples()];
            f.copyWindowTo(1, w);
            windows.add(w);
        });
        assertEquals(9, windows.size());
        for (int f = 0; f < 9; f++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    java.util.Arrays.copyOfRange(x[1], f * 25, f * 25 + 500), windows.get(f), 0.0, "window of frame " + f);
        }
    }

    @Test
    void immutableFrameRejectsNaNPowersNamingTheChannelAndBand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPowerFrame(1.0, BandSet.parse("alpha:8-13"), new double[][] {{1.0}, {Double.NaN}}));
        assertEquals("band-power frame channel 1 band alpha has power NaN uV^2; a channel without power must be flagged"
                + " NON_FINITE and hold 0.0", e.getMessage());
    }
}
