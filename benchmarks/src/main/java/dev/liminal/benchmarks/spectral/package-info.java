/**
 * Speed of the spectral engine ({@code dev.liminal.dsp.spectral}): workload W1 (the offline
 * band-power timeline of 64 channels x one hour at 1000 Hz, 2 s window, 1 s hop, five bands)
 * and the live path (a {@code StreamingBandPowerProcessor} fed 0.1 s chunks). JMH suites
 * ({@code *Benchmark}) and {@link dev.liminal.benchmarks.spectral.TimelineHarness}, the Liminal
 * side of {@code benchmarks/compare-spectral.sh}, which runs SciPy and MNE on the same data file
 * ({@link dev.liminal.benchmarks.spectral.SpectralBenchData}).
 */
package dev.liminal.benchmarks.spectral;
