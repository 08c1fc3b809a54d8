package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.PackedRealSpectrum;
import dev.liminal.dsp.fft.RealFft;
import dev.liminal.dsp.fft.WindowFunction;

/**
 * The same one-sided density as {@link Periodogram}, for a range of bins, with detrending and
 * windowing done after the FFT instead of before it. Subtracting the mean changes only the DC
 * bin of the unwindowed transform (it becomes 0), and a periodic cosine window is a short
 * convolution over neighbouring bins ({@link WindowFunction#cosineCoefficients()}); so the
 * segment is copied and transformed raw, and only the bins a band needs, plus the window's
 * reach on either side, are unpacked and combined. Mathematically identical to the time-domain
 * path; the rounding differs by a few ulp of the neighbouring bins.
 *
 * <p>Thread-safety: confined to one thread (scratch and that thread's FFT plan). Allocates
 * nothing per segment beyond what JTransforms does for non-power-of-two sizes.
 */
final class FrequencyDomainPeriodogram {
    /** Below this length the neighbour reach of the window wraps onto itself; use {@link Periodogram}. */
    static final int MIN_SEGMENT_SAMPLES = 16;

    private final int n;
    private final int binCount;
    private final double densityScale;
    private final double[] halfCoefficients;
    private final double centreCoefficient;
    private final int reach;
    private final double[] buffer;
    private final double[] real;
    private final double[] imaginary;
    private final RealFft fft;

    FrequencyDomainPeriodogram(int segmentSamples, WindowFunction window, double sampleRateHz) {
        if (segmentSamples < MIN_SEGMENT_SAMPLES) {
            throw new IllegalArgumentException("frequency-domain periodogram needs at least " + MIN_SEGMENT_SAMPLES
                    + " samples, got " + segmentSamples);
        }
        this.n = segmentSamples;
        this.binCount = PackedRealSpectrum.binCount(n);
        double sumOfSquares = 0;
        for (double w : window.coefficients(n)) sumOfSquares += w * w;
        this.densityScale = 1.0 / (sampleRateHz * sumOfSquares);
        double[] a = window.cosineCoefficients();
        this.centreCoefficient = a[0];
        this.reach = a.length - 1;
        this.halfCoefficients = new double[a.length];
        for (int j = 1; j < a.length; j++) halfCoefficients[j] = ((j % 2 == 0) ? 0.5 : -0.5) * a[j];
        this.buffer = new double[n];
        this.real = new double[binCount];
        this.imaginary = new double[binCount];
        this.fft = RealFft.forCurrentThread(n);
    }

    int binCount() {
        return binCount;
    }

    /**
     * Density (uV^2/Hz) of {@code x[offset .. offset+n)} for bins {@code fromBin <= k < toBin}
     * into {@code density[k]}; other entries untouched.
     */
    void density(double[] x, int offset, double[] density, int fromBin, int toBin) {
        System.arraycopy(x, offset, buffer, 0, n);
        fft.forward(buffer);
        int lo = Math.max(0, fromBin - reach);
        int hi = Math.min(binCount, toBin + reach);
        PackedRealSpectrum.unpack(buffer, n, real, imaginary, lo, hi);
        // Constant detrend: the mean only ever lands in the unwindowed DC bin.
        if (lo == 0) {
            real[0] = 0.0;
            imaginary[0] = 0.0;
        }
        boolean evenLength = n % 2 == 0;
        for (int k = fromBin; k < toBin; k++) {
            double re = centreCoefficient * real[k];
            double im = centreCoefficient * imaginary[k];
            for (int j = 1; j <= reach; j++) {
                double c = halfCoefficients[j];
                re += c * (realAt(k - j) + realAt(k + j));
                im += c * (imaginaryAt(k - j) + imaginaryAt(k + j));
            }
            boolean unpaired = k == 0 || (evenLength && k == binCount - 1);
            density[k] = (re * re + im * im) * densityScale * (unpaired ? 1.0 : 2.0);
        }
    }

    /** Re X[m] for any m, by periodicity and conjugate symmetry of a real signal's spectrum. */
    private double realAt(int m) {
        int k = Math.floorMod(m, n);
        return k < binCount ? real[k] : real[n - k];
    }

    private double imaginaryAt(int m) {
        int k = Math.floorMod(m, n);
        return k < binCount ? imaginary[k] : -imaginary[n - k];
    }
}
