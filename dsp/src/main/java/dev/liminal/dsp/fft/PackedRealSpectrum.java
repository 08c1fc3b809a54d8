package dev.liminal.dsp.fft;

/**
 * Reads the packed output of {@link RealFft#forward} (JTransforms' {@code realForward}
 * layout). This class is the only place in Liminal that knows that layout. For a transform of
 * {@code n} real samples with spectrum {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)}:
 * <pre>
 * n even:  a[0] = Re X[0],  a[1] = Re X[n/2],
 *          a[2k] = Re X[k], a[2k+1] = Im X[k]            for 0 &lt; k &lt; n/2
 * n odd:   a[0] = Re X[0],  a[1] = Im X[(n-1)/2],
 *          a[2k] = Re X[k], a[2k+1] = Im X[k]            for 0 &lt; k &lt; (n-1)/2,
 *          a[n-1] = Re X[(n-1)/2]
 * </pre>
 * X[0] (and X[n/2] for even n) are real. One-sided bins are {@code 0..n/2} (integer
 * division), {@link #binCount(int) n/2 + 1} of them. Stateless; thread-safe.
 */
public final class PackedRealSpectrum {
    private PackedRealSpectrum() {}

    /** Number of one-sided bins of an {@code n}-point real transform: {@code n/2 + 1}. */
    public static int binCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("transform length " + n + " must be at least 1");
        }
        return n / 2 + 1;
    }

    /** Real part of bin {@code k} (0 &lt;= k &lt;= n/2) of the packed transform {@code packed} of length {@code n}. */
    public static double real(double[] packed, int n, int k) {
        checkBin(n, k);
        if (k == 0) return packed[0];
        if (2 * k == n) return packed[1];
        if (2 * k == n - 1) return packed[n - 1];
        return packed[2 * k];
    }

    /** Imaginary part of bin {@code k} (0 &lt;= k &lt;= n/2) of the packed transform {@code packed} of length {@code n}. */
    public static double imaginary(double[] packed, int n, int k) {
        checkBin(n, k);
        if (k == 0 || 2 * k == n) return 0.0;
        if (2 * k == n - 1) return packed[1];
        return packed[2 * k + 1];
    }

    /**
     * Writes {@code |X[k]|^2} for bins {@code fromBin <= k < toBin} into {@code power[k]}.
     *
     * @param packed the packed transform, length at least {@code n}; Not modified
     * @param n      transform length, at least 1
     * @param power  output, length at least {@code toBin}; entries outside the range untouched; Modified
     * @param fromBin first bin, {@code 0 <= fromBin <= toBin}
     * @param toBin  one past the last bin, at most {@link #binCount(int) binCount(n)}
     */
    public static void power(double[] packed, int n, double[] power, int fromBin, int toBin) {
        int bins = binCount(n);
        if (fromBin < 0 || fromBin > toBin || toBin > bins) {
            throw new IllegalArgumentException("bin range " + fromBin + ".." + toBin
                    + " outside 0.." + bins + " for a " + n + "-point transform");
        }
        if (packed.length < n || power.length < toBin) {
            throw new IllegalArgumentException("arrays too short: packed " + packed.length
                    + " (need " + n + "), power " + power.length + " (need " + toBin + ")");
        }
        // Interior bins 0 < k < (n-1)/2 (odd n) or n/2 (even n) sit at a[2k], a[2k+1].
        int interiorEnd = (n % 2 == 0) ? n / 2 : (n - 1) / 2;
        int from = Math.max(fromBin, 1);
        int to = Math.min(toBin, interiorEnd);
        for (int k = from; k < to; k++) {
            double re = packed[2 * k];
            double im = packed[2 * k + 1];
            power[k] = re * re + im * im;
        }
        if (fromBin == 0 && toBin > 0) {
            power[0] = packed[0] * packed[0];
        }
        int last = bins - 1;
        if (last > 0 && fromBin <= last && last < toBin) {
            if (n % 2 == 0) {
                power[last] = packed[1] * packed[1];
            } else {
                double re = packed[n - 1];
                double im = packed[1];
                power[last] = re * re + im * im;
            }
        }
    }

    /**
     * Unpacks bins {@code fromBin <= k < toBin} into {@code real[k]} and {@code imaginary[k]}
     * (zero imaginary parts for DC and, for even n, Nyquist).
     *
     * @param packed    the packed transform, length at least {@code n}; Not modified
     * @param n         transform length, at least 1
     * @param real      output, length at least {@code toBin}; other entries untouched; Modified
     * @param imaginary output, length at least {@code toBin}; other entries untouched; Modified
     * @param fromBin   first bin, {@code 0 <= fromBin <= toBin}
     * @param toBin     one past the last bin, at most {@link #binCount(int) binCount(n)}
     */
    public static void unpack(double[] packed, int n, double[] real, double[] imaginary, int fromBin, int toBin) {
        int bins = binCount(n);
        if (fromBin < 0 || fromBin > toBin || toBin > bins) {
            throw new IllegalArgumentException("bin range " + fromBin + ".." + toBin
                    + " outside 0.." + bins + " for a " + n + "-point transform");
        }
        if (packed.length < n || real.length < toBin || imaginary.length < toBin) {
            throw new IllegalArgumentException("arrays too short: packed " + packed.length + " (need " + n
                    + "), real " + real.length + ", imaginary " + imaginary.length + " (need " + toBin + ")");
        }
        int interiorEnd = (n % 2 == 0) ? n / 2 : (n - 1) / 2;
        int from = Math.max(fromBin, 1);
        int to = Math.min(toBin, interiorEnd);
        for (int k = from; k < to; k++) {
            real[k] = packed[2 * k];
            imaginary[k] = packed[2 * k + 1];
        }
        if (fromBin == 0 && toBin > 0) {
            real[0] = packed[0];
            imaginary[0] = 0.0;
        }
        int last = bins - 1;
        if (last > 0 && fromBin <= last && last < toBin) {
            if (n % 2 == 0) {
                real[last] = packed[1];
                imaginary[last] = 0.0;
            } else {
                real[last] = packed[n - 1];
                imaginary[last] = packed[1];
            }
        }
    }

    private static void checkBin(int n, int k) {
        if (k < 0 || k >= binCount(n)) {
            throw new IllegalArgumentException("bin " + k + " outside 0.." + (n / 2) + " for a " + n + "-point transform");
        }
    }
}
