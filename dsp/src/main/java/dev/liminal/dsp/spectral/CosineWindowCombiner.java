package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.WindowFunction;

/**
 * Turns the raw (not detrended, not windowed) spectrum of a segment into the one-sided
 * density of the detrended, windowed segment, for a range of bins. Subtracting the mean changes
 * only the DC bin of the raw transform (it becomes 0), and a periodic cosine window is a short
 * convolution over neighbouring bins ({@link WindowFunction#cosineCoefficients()}):
 * {@code W[k] = a_0 X[k] + sum_{j>=1} (-1)^j a_j/2 (X[k-j] + X[k+j])}, with
 * {@code X[-m] = conj X[m]} and {@code X[n-m] = conj X[m]} for a real segment. Mathematically
 * identical to windowing before the FFT ({@link Periodogram}); the rounding differs by a few
 * ulp of the neighbouring bins.
 *
 * <p>Thread-safety: immutable; the arrays passed in are the caller's.
 */
final class CosineWindowCombiner {
    /** Below this length the window's reach wraps onto itself; use {@link Periodogram}. */
    static final int MIN_SEGMENT_SAMPLES = 16;

    private final int n;
    private final int binCount;
    private final double densityScale;
    private final double centreCoefficient;
    private final double[] halfCoefficients;
    private final int reach;

    CosineWindowCombiner(int segmentSamples, WindowFunction window, double sampleRateHz) {
        if (segmentSamples < MIN_SEGMENT_SAMPLES) {
            throw new IllegalArgumentException("frequency-domain windowing needs at least " + MIN_SEGMENT_SAMPLES
                    + " samples, got " + segmentSamples);
        }
        this.n = segmentSamples;
        this.binCount = segmentSamples / 2 + 1;
        double sumOfSquares = 0;
        for (double w : window.coefficients(n)) sumOfSquares += w * w;
        this.densityScale = 1.0 / (sampleRateHz * sumOfSquares);
        double[] a = window.cosineCoefficients();
        this.centreCoefficient = a[0];
        this.reach = a.length - 1;
        this.halfCoefficients = new double[a.length];
        for (int j = 1; j < a.length; j++) halfCoefficients[j] = ((j % 2 == 0) ? 0.5 : -0.5) * a[j];
    }

    /** First raw bin {@link #density} reads for output bins from {@code fromBin}. */
    int firstRawBin(int fromBin) {
        return Math.max(0, fromBin - reach);
    }

    /** One past the last raw bin {@link #density} reads for output bins below {@code toBin}. */
    int endRawBin(int toBin) {
        return Math.min(binCount, toBin + reach);
    }

    /**
     * Density (uV^2/Hz) for bins {@code fromBin <= k < toBin} into {@code density[k]}.
     *
     * @param real      raw Re X at bins {@link #firstRawBin}..{@link #endRawBin}; entry 0 is
     *                  overwritten with 0 (detrend) if in range; Modified
     * @param imaginary raw Im X likewise; Modified
     * @param density   output; other entries untouched; Modified
     */
    void density(double[] real, double[] imaginary, double[] density, int fromBin, int toBin) {
        if (firstRawBin(fromBin) == 0) {
            real[0] = 0.0;
            imaginary[0] = 0.0;
        }
        boolean evenLength = n % 2 == 0;
        // Interior bins (every neighbour stored as it is) in one branch-free loop; the few bins
        // near 0 and Nyquist, whose neighbours fold over, one by one below.
        int interiorFrom = Math.max(fromBin, Math.max(reach, 1));
        int interiorTo = Math.min(toBin, binCount - 1 - reach);
        if (interiorFrom < interiorTo) {
            if (reach == 1) {
                double c0 = centreCoefficient;
                double c1 = halfCoefficients[1];
                for (int k = interiorFrom; k < interiorTo; k++) {
                    double re = c0 * real[k] + c1 * (real[k - 1] + real[k + 1]);
                    double im = c0 * imaginary[k] + c1 * (imaginary[k - 1] + imaginary[k + 1]);
                    density[k] = (re * re + im * im) * densityScale * 2.0;
                }
            } else {
                for (int k = interiorFrom; k < interiorTo; k++) {
                    double re = centreCoefficient * real[k];
                    double im = centreCoefficient * imaginary[k];
                    for (int j = 1; j <= reach; j++) {
                        double c = halfCoefficients[j];
                        re += c * (real[k - j] + real[k + j]);
                        im += c * (imaginary[k - j] + imaginary[k + j]);
                    }
                    density[k] = (re * re + im * im) * densityScale * 2.0;
                }
            }
        } else {
            interiorFrom = toBin;
            interiorTo = toBin;
        }
        for (int k = fromBin; k < toBin; k++) {
            if (k == interiorFrom) {
                k = interiorTo - 1;
                continue;
            }
            double re = centreCoefficient * real[k];
            double im = centreCoefficient * imaginary[k];
            for (int j = 1; j <= reach; j++) {
                double c = halfCoefficients[j];
                re += c * (realAt(real, k - j) + realAt(real, k + j));
                im += c * (imaginaryAt(imaginary, k - j) + imaginaryAt(imaginary, k + j));
            }
            boolean unpaired = k == 0 || (evenLength && k == binCount - 1);
            density[k] = (re * re + im * im) * densityScale * (unpaired ? 1.0 : 2.0);
        }
    }

    private double realAt(double[] real, int m) {
        int k = Math.floorMod(m, n);
        return k < binCount ? real[k] : real[n - k];
    }

    private double imaginaryAt(double[] imaginary, int m) {
        int k = Math.floorMod(m, n);
        return k < binCount ? imaginary[k] : -imaginary[n - k];
    }
}
