/**
 * Fourier transforms and window functions: a per-thread cache of JTransforms real-FFT plans
 * ({@link dev.liminal.dsp.fft.RealFft}), the single place that reads JTransforms' packed
 * real-FFT layout ({@link dev.liminal.dsp.fft.PackedRealSpectrum}) and the periodic windows
 * ({@link dev.liminal.dsp.fft.WindowFunction}). Arrays in, arrays out: this package knows no
 * channels, sample rates or spectral densities. It depends on the JDK and JTransforms only.
 */
package dev.liminal.dsp.fft;
