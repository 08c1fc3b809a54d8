package dev.liminal.dsp.fft;

/**
 * Periodic ("DFT-even") window functions, as {@code scipy.signal.get_window(name, n)} returns
 * them by default ({@code fftbins=True}, i.e. {@code sym=False}): the symmetric window of
 * length {@code n + 1} without its last point. All four are generalised cosine windows
 * {@code w[i] = sum_k (-1)^k a_k cos(2 pi k i / n)}; a one-point window is {@code [1.0]}.
 * Immutable; thread-safe.
 */
public enum WindowFunction {
    /** Hann: a = {0.5, 0.5}; the window every Liminal spectrum uses (ARCHITECTURE.md). */
    HANN(0.5, 0.5),
    /** Hamming: a = {0.54, 0.46} (scipy.signal.windows.hamming). */
    HAMMING(0.54, 0.46),
    /** Blackman: a = {0.42, 0.50, 0.08} (scipy.signal.windows.blackman). */
    BLACKMAN(0.42, 0.50, 0.08),
    /** Rectangular (boxcar): all ones. */
    RECTANGULAR(1.0);

    private final double[] cosineCoefficients;

    WindowFunction(double... cosineCoefficients) {
        this.cosineCoefficients = cosineCoefficients;
    }

    /**
     * A new array holding the periodic window of {@code length} points.
     *
     * @param length number of points, at least 1
     * @return the window, owned by the caller
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public double[] coefficients(int length) {
        double[] window = new double[length];
        fill(window);
        return window;
    }

    /**
     * Writes the periodic window of {@code window.length} points into {@code window}.
     *
     * @param window output, at least one element; Modified
     * @throws IllegalArgumentException if {@code window} is empty
     */
    public void fill(double[] window) {
        int n = window.length;
        if (n < 1) {
            throw new IllegalArgumentException(name() + " window length " + n + " must be at least 1");
        }
        if (n == 1) {
            // A one-point window is [1.0] for every type (scipy's length guard).
            window[0] = 1.0;
            return;
        }
        for (int i = 0; i < n; i++) {
            double value = 0;
            double sign = 1;
            for (int k = 0; k < cosineCoefficients.length; k++) {
                // (k * i) mod n keeps the cosine argument in [0, 2 pi): exact periodicity.
                long phase = ((long) k * i) % n;
                value += sign * cosineCoefficients[k] * Math.cos(2.0 * Math.PI * phase / n);
                sign = -sign;
            }
            window[i] = value;
        }
    }

    /**
     * A new array with the cosine coefficients {@code a_0, a_1, ...} of
     * {@code w[i] = sum_k (-1)^k a_k cos(2 pi k i / n)}. Because each term is periodic in
     * {@code n}, windowing can be done after the FFT as a short convolution over neighbouring
     * bins: {@code W[k] = a_0 X[k] + sum_{j>=1} (-1)^j a_j/2 (X[k-j] + X[k+j])} (for n &gt; 1).
     */
    public double[] cosineCoefficients() {
        return cosineCoefficients.clone();
    }

    /**
     * The window name as {@code scipy.signal.get_window} spells it ("hann", "hamming",
     * "blackman", "boxcar").
     */
    public String scipyName() {
        return this == RECTANGULAR ? "boxcar" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
