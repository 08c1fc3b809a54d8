package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LempelZivComplexityTest {
    /**
     * Normalised LZ76 of random bits tends to 1 only slowly (next-order terms of relative size
     * ~ 1 / log2 n); for 7680 median-split bits it sits a couple of percent above 1 (1.017 for
     * this seed), so 0.1 allows for that while any structured signal stays far below.
     */
    private static final double WHITE_NOISE_TOLERANCE = 0.1;
    /** A constant signal parses as two phrases: 2 log2(n) / n, far below this. */
    private static final double LOW_COMPLEXITY = 0.01;
    private static final int SAMPLES = (int) (30 * MetricSignals.SAMPLE_RATE_HZ);

    private static boolean[] bits(String s) {
        boolean[] b = new boolean[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = s.charAt(i) == '1';
        return b;
    }

    private static double lz(double[] x) {
        return new LempelZivComplexity().compute(new MetricInput(MetricSignals.welch(x), 0, BandSet.DEFAULT, x));
    }

    @Test
    void countsPhrasesOfHandParsedStrings() {
        // parsed by hand with the LZ76 rule (shortest continuation not copyable from earlier):
        assertEquals(6, LempelZivComplexity.phraseCount(bits("0001101001000101"))); // 0.001.10.100.1000.101
        assertEquals(6, LempelZivComplexity.phraseCount(bits("1001111011000010"))); // 1.0.01.1110.1100.0010
        assertEquals(3, LempelZivComplexity.phraseCount(bits("0101")));             // 0.1.01 (last incomplete)
        assertEquals(2, LempelZivComplexity.phraseCount(bits("0000")));             // 0.000
        assertEquals(2, LempelZivComplexity.phraseCount(bits("01")));               // 0.1
        assertEquals(1, LempelZivComplexity.phraseCount(bits("1")));
        assertEquals(3, LempelZivComplexity.phraseCount(bits("010101010101")));     // 0.1.0101010101
    }

    /**
     * LZ76 straight from its definition, quadratic and obvious: each phrase is extended while
     * it still occurs starting before it (the copy may run into the phrase itself).
     */
    private static int phraseCountByDefinition(String s) {
        int phrases = 0;
        int start = 0;
        while (start < s.length()) {
            int length = 1;
            while (start + length <= s.length() && s.substring(0, start + length - 1).contains(s.substring(start, start + length))) {
                length++;
            }
            phrases++;
            start += length;
        }
        return phrases;
    }

    @Test
    void kasparSchusterScanAgreesWithTheDefinitionOnRandomStrings() {
        Random random = new Random(53);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(300);
            double ones = trial % 5 == 0 ? 0.05 : 0.5; // some strongly biased, highly repetitive strings
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append(random.nextDouble() < ones ? '1' : '0');
            String s = sb.toString();
            assertEquals(phraseCountByDefinition(s), LempelZivComplexity.phraseCount(bits(s)), s);
        }
    }

    @Test
    void binarisesStrictlyAboveTheMedian() {
        assertArrayEquals(new boolean[] {false, true, false, true}, LempelZivComplexity.binariseAroundMedian(new double[] {1, 4, 2, 3}));
        assertArrayEquals(new boolean[] {false, false, true}, LempelZivComplexity.binariseAroundMedian(new double[] {5, 6, 7}));
    }

    @Test
    void constantSignalHasLowComplexity() {
        double[] x = new double[SAMPLES];
        Arrays.fill(x, 12.5);
        double value = lz(x);
        assertEquals(2 * (Math.log(SAMPLES) / Math.log(2)) / SAMPLES, value, 1e-12);
        assertTrue(value < LOW_COMPLEXITY, "constant signal complexity " + value);
    }

    @Test
    void whiteNoiseHasComplexityNearOne() {
        double value = lz(MetricSignals.whiteNoise(SAMPLES, 5.0, 51));
        assertEquals(1.0, value, WHITE_NOISE_TOLERANCE);
    }

    @Test
    void sineHasMuchLowerComplexityThanNoise() {
        double[] x = MetricSignals.addSine(new double[SAMPLES], 10.0, 10.0);
        assertTrue(lz(x) < 0.2, "sine complexity " + lz(x));
    }

    @Test
    void isNanWithoutWindowSamplesOrWithNonFiniteSample() {
        double[] x = MetricSignals.whiteNoise(SAMPLES, 5.0, 52);
        assertTrue(Double.isNaN(new LempelZivComplexity().compute(MetricInput.of(MetricSignals.welch(x), 0, BandSet.DEFAULT))));
        double[] withNan = x.clone();
        withNan[100] = Double.NaN;
        assertTrue(Double.isNaN(new LempelZivComplexity().compute(new MetricInput(MetricSignals.welch(x), 0, BandSet.DEFAULT, withNan))));
    }
}
