package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.liminal.dsp.fft.WindowFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StreamingBandPowerProcessorTest {
    @ParameterizedTest(name = "window {0}, hop {1}")
    @CsvSource({"500, 25", "500, 250", "333, 100", "8, 3", "100, 150"})
    void streamingInRandomChunksGivesBitIdenticalFramesToOfflineTimeline(int window, int hop) {
        double fs = 250;
        BandSet bands = BandSet.parse("delta:1-4,alpha:8-13,beta:13-30");
        if (window < 16) bands = BandSet.parse("all:0-125");
        TimelineParameters parameters = new TimelineParameters(fs, window, hop, WindowFunction.HANN);
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(3, 4000, window + hop);
        BandPowerTimeline offline = new BandPowerTimelineEstimator(parameters, bands).estimate(x, 12.5);

        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(parameters, bands, 3, 12.5);
        List<BandPowerFrame> frames = new ArrayList<>();
        Random random = new Random(7);
        int position = 0;
        while (position < x[0].length) {
            int length = Math.min(x[0].length - position, random.nextInt(700));
            streaming.process(x, position, length, frames::add);
            position += length;
        }
        assertEquals(offline.frameCount(), frames.size());
        for (int f = 0; f < frames.size(); f++) {
            BandPowerFrame frame = frames.get(f);
            assertEquals(offline.frameEndTimeSeconds(f), frame.endTimeSeconds(), 0.0, "time of frame " + f);
            for (int c = 0; c < 3; c++) {
                for (int b = 0; b < bands.size(); b++) {
                    assertEquals(offline.absolute(c, f, b), frame.absolute(c, b), 0.0, "frame " + f + " channel " + c + " band " + b);
                }
            }
        }
    }

    @Test
    void restartAfterADiscontinuityWaitsForAWholeNewWindow() {
        double fs = 100;
        TimelineParameters parameters = new TimelineParameters(fs, 200, 50, WindowFunction.HANN);
        double[][] x = BandPowerTimelineEstimatorTest.randomChannels(1, 1000, 3);
        StreamingBandPowerProcessor streaming = new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, 1, 0.0);
        List<BandPowerFrame> frames = new ArrayList<>();
        assertEquals(3, streaming.process(x, 0, 300, frames::add));
        streaming.restart(10.0);
        assertEquals(0, streaming.process(x, 300, 199, frames::add));
        assertEquals(1, streaming.process(x, 499, 1, frames::add));
        BandPowerFrame afterGap = frames.get(3);
        assertEquals(12.0, afterGap.endTimeSeconds(), 1e-12);
        double[][] window = {java.util.Arrays.copyOfRange(x[0], 300, 500)};
        BandPowerTimeline offline = new BandPowerTimelineEstimator(parameters, BandSet.DEFAULT).estimate(window, 10.0);
        assertArrayEquals(offline.absolute()[0], afterGap.absolute()[0], 0.0);
    }

    @Test
    void rejectsChunksOfTheWrongShapeQuotingThem() {
        StreamingBandPowerProcessor streaming =
                new StreamingBandPowerProcessor(TimelineParameters.liveDefaults(250), BandSet.DEFAULT, 2, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> streaming.process(new double[3][10], 0, 10, f -> { }));
        assertEquals("chunk has 3 channels, processor 2", e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> streaming.process(new double[2][10], 5, 6, f -> { }));
        assertEquals("samples 5..11 outside channel 0 of 10 samples", range.getMessage());
    }
}
