/**
 * The spectral engine. Built so far: {@link dev.liminal.dsp.fft} (JTransforms FFT plans per
 * thread, the packed-layout reader, periodic windows) and {@link dev.liminal.dsp.spectral}
 * (Welch PSD, periodogram timeline, band powers, the batch and streaming band-power
 * timelines and shifts against a baseline, all as ARCHITECTURE.md "Spectral definitions" fixes
 * them). Still to come here: filters and re-referencing, quality flags, spectral metrics,
 * session statistics and the pharmacokinetic model. The module sees arrays, sample rates and time
 * intervals only: it must not depend on {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp;
