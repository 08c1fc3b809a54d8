/**
 * Synthetic benchmark recordings written by small, independent low-level writers: an EEG-like
 * signal ({@link dev.liminal.benchmarks.data.SyntheticEeg}), EDF+/BDF
 * ({@link dev.liminal.benchmarks.data.EdfBenchWriter}) and XDF
 * ({@link dev.liminal.benchmarks.data.XdfBenchWriter}) encoders.
 *
 * <p>Deliberately independent of {@code dev.liminal.datasets}' writers, so a benchmark (and a
 * cross-check against MNE and libxdf) does not read back files made by the code under test.
 * Depends on the JDK only.
 */
package dev.liminal.benchmarks.data;
