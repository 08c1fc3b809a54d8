package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.PackedRealSpectrum;
import dev.liminal.dsp.fft.RealFft;
import dev.liminal.dsp.fft.WindowFunction;

/**
 * The same one-sided density as {@link Periodogram}, for a range of bins, with detrending and
 * windowing done after the FFT ({@link CosineWindowCombiner}): the segment is copied and
 * transformed raw with JTransforms, and only the bins a band needs, plus the window's reach on
 * either side, are unpacked and combined.
 *
 * <p>Thread-safety: confined to one thread (scratch and that thread's FFT plan). Allocates
 * nothing per segment beyond what JTransforms does for non-power-of-two sizes.
 */
final class FrequencyDomainPeriodogram {
    private final int n;
    private final CosineWindowCombiner combiner;
    private final double[] buffer;
    private final double[] real;
    private final double[] imaginary;
    private final RealFft fft;

    FrequencyDomainPeriodogram(int segmentSamples, WindowFunction window, double sampleRateHz) {
        this.combiner = new CosineWindowCombiner(segmentSamples, window, sampleRateHz);
        this.n = segmentSamples;
        this.buffer = new double[n];
        this.real = new double[n / 2 + 1];
        this.imaginary = new double[n / 2 + 1];
        this.fft = RealFft.forCurrentThread(n);
    }

    /**
     * Density (uV^2/Hz) of {@code x[offset .. offset+n)} for bins {@code fromBin <= k < toBin}
     * into {@code density[k]}; other entries untouched.
     */
    void density(double[] x, int offset, double[] density, int fromBin, int toBin) {
        System.arraycopy(x, offset, buffer, 0, n);
        fft.forward(buffer);
        PackedRealSpectrum.unpack(buffer, n, real, imaginary, combiner.firstRawBin(fromBin), combiner.endRawBin(toBin));
        combiner.density(real, imaginary, density, fromBin, toBin);
    }
}
