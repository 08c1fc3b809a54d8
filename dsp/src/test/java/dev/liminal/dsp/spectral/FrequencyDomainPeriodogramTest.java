package dev.liminal.dsp.spectral;

import static dev.liminal.dsp.spectral.SpectrumAssertions.assertSpectrumEquals;

import dev.liminal.dsp.fft.WindowFunction;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrequencyDomainPeriodogramTest {
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {16, 17, 64, 255, 256, 333, 2000, 2001})
    void equalsTimeDomainPeriodogramForEveryWindowAndBinDespiteOffsetAndDrift(int n) {
        double fs = 250;
        Random random = new Random(n);
        double[] x = new double[3 * n];
        double walk = 0;
        for (int i = 0; i < x.length; i++) {
            walk += random.nextGaussian();
            // A large offset and a slow drift maximise the leakage the window has to cancel.
            x[i] = 500.0 + 2.0 * walk + 40.0 * Math.sin(2 * Math.PI * 0.3 * i / fs) + 5.0 * random.nextGaussian();
        }
        for (WindowFunction window : WindowFunction.values()) {
            Periodogram reference = new Periodogram(n, window, fs);
            FrequencyDomainPeriodogram fast = new FrequencyDomainPeriodogram(n, window, fs);
            double[] expected = new double[reference.binCount()];
            double[] actual = new double[reference.binCount()];
            for (int offset : new int[] {0, n / 3, 2 * n}) {
                reference.density(x, offset, expected);
                fast.density(x, offset, actual, 0, actual.length);
                assertSpectrumEquals(expected, actual, window + " n=" + n + " offset " + offset);
            }
        }
    }
}
