package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liminal.dsp.fft.WindowFunction;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BandPowerKernelTest {
    /** The contract's tolerance: fast paths equal the time-domain reference to 1e-9 relative. */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    /** 500 and 2000 take the lane-batched transform, 333 and 502 JTransforms, 12 the time-domain periodogram. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {12, 333, 500, 502, 2000})
    void everyWindowAndPathEqualsTheTimeDomainPeriodogramDespiteOffsetAndDrift(int n) {
        double fs = 100;
        BandSet bands = BandSet.parse("dc:0-0.5,low:0.5-3,mid:3-20,top:20-50");
        int channels = 37;
        double[][] x = new double[channels][2 * n];
        Random random = new Random(n);
        for (int c = 0; c < channels; c++) {
            double walk = 0;
            for (int i = 0; i < x[c].length; i++) {
                walk += random.nextGaussian();
                x[c][i] = 300.0 * (c % 5) + walk + 20 * Math.sin(0.05 * i) + random.nextGaussian() * Math.pow(10, c % 3);
            }
        }
        for (WindowFunction window : WindowFunction.values()) {
            TimelineParameters parameters = new TimelineParameters(fs, n, n / 2, window);
            BandBins bins = new BandBins(bands, fs, n);
            BandPowerKernel kernel = new BandPowerKernel(parameters, bins, 32, channels);
            Periodogram reference = new Periodogram(n, window, fs);
            double[] density = new double[n / 2 + 1];
            double[] expected = new double[bands.size()];
            double[][] actual = new double[channels][bands.size()];
            int[] group = new int[kernel.lanes()];
            for (int first = 0; first < channels; first += group.length) {
                int count = Math.min(group.length, channels - first);
                for (int i = 0; i < count; i++) group[i] = first + i;
                kernel.compute(x, group, count, first, n / 3, actual, 0);
            }
            for (int c = 0; c < channels; c++) {
                reference.density(x[c], n / 3, density);
                bins.integrate(density, expected, 0);
                for (int b = 0; b < bands.size(); b++) {
                    assertEquals(expected[b], actual[c][b], RELATIVE_TOLERANCE * expected[b],
                            window + " n=" + n + " channel " + c + " band " + bands.get(b).name());
                }
            }
        }
    }

    /** Live settings (2 s window, 0.1 s hop at 500 Hz, bands to 45 Hz) take the block method. */
    @org.junit.jupiter.api.Test
    void slidingFramesEqualTheTimeDomainPeriodogramOfEachWindow() {
        double fs = 500;
        int n = 1000;
        int hop = 50;
        BandSet bands = BandSet.parse("delta:1-4,theta:4-8,alpha:8-13,beta:13-30,gamma:30-45");
        TimelineParameters parameters = new TimelineParameters(fs, n, hop, WindowFunction.HANN);
        BandBins bins = new BandBins(bands, fs, n);
        int channels = 5;
        int frames = 60;
        double[][] x = new double[channels][n + hop * (frames - 1)];
        Random random = new Random(7);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = 5000.0 * (c - 2) + 30 * Math.sin(2 * Math.PI * 10.3 * i / fs) + 10 * random.nextGaussian();
            }
        }
        BandPowerKernel kernel = new BandPowerKernel(parameters, bins, 32, channels);
        org.junit.jupiter.api.Assertions.assertTrue(kernel.slides(), "live settings should slide");
        Periodogram reference = new Periodogram(n, WindowFunction.HANN, fs);
        double[] density = new double[n / 2 + 1];
        double[] expected = new double[bands.size()];
        double[][] actual = new double[channels][bands.size()];
        int[] group = new int[kernel.lanes()];
        for (int f = 0; f < frames; f++) {
            for (int first = 0; first < channels; first += group.length) {
                int count = Math.min(group.length, channels - first);
                for (int i = 0; i < count; i++) group[i] = first + i;
                if (f == 0) {
                    kernel.compute(x, group, count, first, 0, actual, 0);
                } else {
                    kernel.slide(x, group, count, first, f * hop + n - hop, actual, 0);
                }
            }
            for (int c = 0; c < channels; c++) {
                reference.density(x[c], f * hop, density);
                bins.integrate(density, expected, 0);
                for (int b = 0; b < bands.size(); b++) {
                    assertEquals(expected[b], actual[c][b], RELATIVE_TOLERANCE * expected[b],
                            "frame " + f + " channel " + c + " band " + bands.get(b).name());
                }
            }
        }
    }
}
