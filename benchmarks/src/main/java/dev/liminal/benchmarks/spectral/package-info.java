/**
 * Speed of the spectral engine ({@code dev.liminal.dsp.spectral}): workload W1 (the offline
 * band-power timeline of 64 channels x one hour at 1000 Hz, 2 s window, 1 s hop, five bands)
 * and the live path (a {@code StreamingBandPowerProcessor} fed 0.1 s chunks). JMH suites
 * ({@code *Benchmark}) and {@link dev.liminal.benchmarks.spectral.TimelineHarness}, the Liminal
 * side of {@code benchmarks/compare-spectral.sh}, which runs SciPy and MNE on the same data file
 * ({@link dev.liminal.benchmarks.spectral.SpectralBenchData}). W1 from a 16-bit EDF on disk, written
 * once by datasets' EDF writer and read back through datasets' reader, is
 * {@link dev.liminal.benchmarks.spectral.EdfTimeline} (the pipelines) and
 * {@link dev.liminal.benchmarks.spectral.EdfW1Run} (the timed runs and their check). Uses
 * core, dsp, datasets and the benchmark data ({@code dev.liminal.benchmarks.data}) only.
 */
package dev.liminal.benchmarks.spectral;
