/**
 * The spectral engine (issue: spectral engine, not yet built): FFT over JTransforms, windows,
 * Welch PSD, band-power timeline, band powers and baseline shifts, filters and re-referencing,
 * quality flags, spectral metrics, the streaming band-power processor and the pharmacokinetic
 * model. It sees arrays, sample rates and time intervals only: it must not depend on
 * {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp;
