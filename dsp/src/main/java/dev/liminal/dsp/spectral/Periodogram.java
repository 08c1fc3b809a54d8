package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.PackedRealSpectrum;
import dev.liminal.dsp.fft.RealFft;
import dev.liminal.dsp.fft.WindowFunction;

/**
 * The modified periodogram of one segment, the building block of every spectrum here:
 * subtract the segment mean (constant detrend), multiply by the window, FFT with
 * {@code nfft = segment length}, and scale {@code |X[k]|^2} to a one-sided density in uV^2/Hz:
 * {@code P[k] = c_k |X[k]|^2 / (fs * sum(w^2))} with {@code c_k = 1} for DC and (even n) the
 * Nyquist bin, else 2. This is scipy's {@code _spectral_helper} for
 * {@code detrend='constant', scaling='density', return_onesided=True}.
 *
 * <p>Thread-safety: confined to one thread (it owns scratch arrays and that thread's FFT
 * plan, taken on construction). Allocates nothing per segment beyond what JTransforms does
 * for non-power-of-two sizes (see {@link RealFft}).
 */
public final class Periodogram {
    private final int segmentSamples;
    private final int binCount;
    private final double[] window;
    private final double densityScale;
    private final double[] buffer;
    private final double[] power;
    private final RealFft fft;

    /**
     * @param segmentSamples segment and FFT length, at least 1
     * @param window         window function
     * @param sampleRateHz   sampling rate, positive and finite
     */
    public Periodogram(int segmentSamples, WindowFunction window, double sampleRateHz) {
        Validation.requireSampleRate(sampleRateHz);
        if (segmentSamples < 1) {
            throw new IllegalArgumentException("periodogram segment of " + segmentSamples + " samples must be at least 1");
        }
        this.segmentSamples = segmentSamples;
        this.binCount = PackedRealSpectrum.binCount(segmentSamples);
        this.window = window.coefficients(segmentSamples);
        double sumOfSquares = 0;
        for (double w : this.window) sumOfSquares += w * w;
        this.densityScale = 1.0 / (sampleRateHz * sumOfSquares);
        this.buffer = new double[segmentSamples];
        this.power = new double[binCount];
        this.fft = RealFft.forCurrentThread(segmentSamples);
    }

    /** Segment (and FFT) length in samples. */
    public int segmentSamples() {
        return segmentSamples;
    }

    /** Number of one-sided bins, {@code segmentSamples/2 + 1}. */
    public int binCount() {
        return binCount;
    }

    /**
     * One-sided density of {@code x[offset .. offset+segmentSamples)} into {@code density[0..binCount)}.
     *
     * @param x       samples in uV; Not modified
     * @param offset  first sample of the segment
     * @param density output, at least {@link #binCount()} long, uV^2/Hz; Modified
     */
    public void density(double[] x, int offset, double[] density) {
        density(x, offset, density, 0, binCount);
    }

    /**
     * One-sided density of the segment for bins {@code fromBin <= k < toBin} only (the FFT is
     * complete either way; only squaring and scaling are saved). Other entries of
     * {@code density} are left untouched.
     *
     * @param x       samples in uV; Not modified
     * @param offset  first sample of the segment
     * @param density output, at least {@code toBin} long, uV^2/Hz; Modified
     * @param fromBin first bin, {@code 0 <= fromBin <= toBin}
     * @param toBin   one past the last bin, at most {@link #binCount()}
     */
    public void density(double[] x, int offset, double[] density, int fromBin, int toBin) {
        if (offset < 0 || offset > x.length - segmentSamples) {
            throw new IllegalArgumentException("segment " + offset + ".." + ((long) offset + segmentSamples)
                    + " outside the " + x.length + " samples given");
        }
        double sum = 0;
        for (int i = 0; i < segmentSamples; i++) sum += x[offset + i];
        double mean = sum / segmentSamples;
        for (int i = 0; i < segmentSamples; i++) buffer[i] = (x[offset + i] - mean) * window[i];
        fft.forward(buffer);
        PackedRealSpectrum.power(buffer, segmentSamples, power, fromBin, toBin);
        boolean evenLength = segmentSamples % 2 == 0;
        for (int k = fromBin; k < toBin; k++) {
            boolean unpaired = k == 0 || (evenLength && k == binCount - 1);
            density[k] = power[k] * densityScale * (unpaired ? 1.0 : 2.0);
        }
    }
}
