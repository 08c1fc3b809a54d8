/**
 * Fourier transforms and window functions: a per-thread cache of JTransforms real-FFT plans
 * ({@link dev.liminal.dsp.fft.RealFft}), the single place that reads JTransforms' packed
 * real-FFT layout ({@link dev.liminal.dsp.fft.PackedRealSpectrum}), the periodic windows
 * ({@link dev.liminal.dsp.fft.WindowFunction}), and an allocation-free lane-batched FFT for
 * 2,3,5-smooth sizes ({@link dev.liminal.dsp.fft.BatchedComplexFft},
 * {@link dev.liminal.dsp.fft.LaneRealFft}) where JTransforms would allocate per transform. Arrays in, arrays out: this package knows no
 * channels, sample rates or spectral densities. It depends on the JDK and JTransforms only.
 */
package dev.liminal.dsp.fft;
