package dev.liminal.dsp.metrics;

import java.util.Arrays;

/**
 * Lempel-Ziv complexity (dimensionless) of the analysed window, a time-domain metric: the
 * window samples are binarised around their median ({@code 1} when strictly above it, else
 * {@code 0}), the LZ76 phrases are counted with the Kaspar-Schuster scan (F. Kaspar and H. G.
 * Schuster, Phys. Rev. A 36, 842, 1987), and the count {@code c} is normalised by the count
 * expected for a random binary sequence, {@code n / log2 n}. White noise gives about 1 (a bit
 * less for short windows), a constant or periodic signal a value near 0.
 *
 * <p>NaN when the input carries no window samples, fewer than two samples, or a non-finite
 * sample. Immutable; thread-safe (each call allocates its own scratch).
 */
public final class LempelZivComplexity implements SpectralMetric {
    @Override
    public String id() {
        return "lempel-ziv-complexity";
    }

    @Override
    public String displayName() {
        return "Lempel-Ziv complexity (normalised)";
    }

    @Override
    public String unit() {
        return "";
    }

    @Override
    public double compute(MetricInput input) {
        double[] samples = input.windowSamplesMicrovolts();
        if (samples == null || samples.length < 2) return Double.NaN;
        for (double x : samples) {
            if (!Double.isFinite(x)) return Double.NaN;
        }
        boolean[] bits = binariseAroundMedian(samples);
        int n = bits.length;
        return phraseCount(bits) / (n / (Math.log(n) / Math.log(2)));
    }

    /**
     * {@code true} where a sample is strictly above the median of {@code samples} (for an
     * even count, the mean of the two middle values).
     *
     * @param samples at least one value; Not modified
     */
    static boolean[] binariseAroundMedian(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        boolean[] bits = new boolean[n];
        for (int i = 0; i < n; i++) bits[i] = samples[i] > median;
        return bits;
    }

    /**
     * Number of LZ76 phrases of {@code bits} by the Kaspar-Schuster scan: each new phrase is
     * the shortest continuation that cannot be copied from an earlier start (copies may
     * overlap the phrase itself); an incomplete last phrase counts. Linear in practice,
     * quadratic at worst.
     *
     * @param bits the sequence, at least one symbol; Not modified
     * @return at least 1
     */
    static int phraseCount(boolean[] bits) {
        int n = bits.length;
        if (n == 0) {
            throw new IllegalArgumentException("LZ76 needs at least one symbol, got 0");
        }
        if (n == 1) return 1;
        int phrases = 1;          // the first symbol is always a phrase
        int phraseStart = 1;      // l: start of the phrase being built (0-based)
        int copyStart = 0;        // i: candidate earlier start the phrase is copied from
        int matched = 1;          // k: length of the current match
        int longestMatch = 1;     // kmax: longest match over candidates for this phrase
        while (true) {
            if (bits[copyStart + matched - 1] == bits[phraseStart + matched - 1]) {
                matched++;
                if (phraseStart + matched > n) {
                    phrases++;    // the sequence ends inside a copyable (incomplete) phrase
                    break;
                }
            } else {
                longestMatch = Math.max(longestMatch, matched);
                copyStart++;
                if (copyStart == phraseStart) {
                    // no earlier start extends further: the phrase ends with one new symbol
                    phrases++;
                    phraseStart += longestMatch;
                    if (phraseStart + 1 > n) break;
                    copyStart = 0;
                    matched = 1;
                    longestMatch = 1;
                } else {
                    matched = 1;
                }
            }
        }
        return phrases;
    }
}
