/**
 * Speed measurements of Liminal against other software: JMH suites ({@code *Benchmark}) and
 * plain mains for side-by-side runs ({@link dev.liminal.benchmarks.GenerateBenchData},
 * {@link dev.liminal.benchmarks.ReadHarness}) that {@code benchmarks/compare-readers.sh} drives.
 *
 * <p>Speed is measured here, never asserted in unit tests; the figures live in
 * {@code benchmarks/README.md}. Nothing in Liminal depends on this package.
 */
package dev.liminal.benchmarks;
