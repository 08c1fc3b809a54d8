/**
 * The spectral engine: {@link dev.liminal.dsp.fft} (FFT plans per thread, the packed-layout
 * reader, periodic windows), {@link dev.liminal.dsp.spectral} (Welch PSD, periodogram
 * timelines, band powers, the batch and the allocation-free streaming band-power timelines,
 * shifts against a baseline, all as ARCHITECTURE.md "Spectral definitions" fixes them),
 * {@link dev.liminal.dsp.filter} and {@link dev.liminal.dsp.reference} (filters and
 * re-referencing), {@link dev.liminal.dsp.quality} (per-window quality flags and the EMG
 * index), {@link dev.liminal.dsp.region} (scalp regions from 10-20 labels or user groups),
 * {@link dev.liminal.dsp.metrics} (the spectral metric extension point and its built-ins).
 * Still to come here: session statistics and the pharmacokinetic model. The module sees
 * arrays, sample rates and time intervals only: it must not depend on {@code datasets},
 * {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp;
