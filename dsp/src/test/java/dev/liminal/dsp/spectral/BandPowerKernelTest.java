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
            BandPowerKernel kernel = new BandPowerKernel(parameters, bins, 32);
            Periodogram reference = new Periodogram(n, window, fs);
            double[] density = new double[n / 2 + 1];
            double[] expected = new double[bands.size()];
            double[][] actual = new double[channels][bands.size()];
            int[] group = new int[kernel.lanes()];
            for (int first = 0; first < channels; first += group.length) {
                int count = Math.min(group.length, channels - first);
                for (int i = 0; i < count; i++) group[i] = first + i;
                kernel.compute(x, group, count, n / 3, actual, 0);
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
}
