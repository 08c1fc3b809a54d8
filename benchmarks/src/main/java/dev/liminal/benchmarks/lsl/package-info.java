/**
 * Speed of Liminal's pure-Java LSL ({@code dev.liminal.acquisition.lsl}) over loopback, the Java
 * side of {@code benchmarks/compare-lsl.sh}, which runs liblsl's own programs
 * ({@code src/main/c/lsl_bench_*.c}) alternately with these:
 * <ul>
 *   <li>{@link dev.liminal.benchmarks.lsl.LslThroughputHarness}: outlet to inlet in one JVM,
 *       64 float32 channels pushed in chunks, flow-controlled so that nothing is dropped;</li>
 *   <li>{@link dev.liminal.benchmarks.lsl.LslLatencyHarness}: one sample per millisecond, push
 *       to the return of the pull (in one JVM, or with the outlet in a second JVM);</li>
 *   <li>{@link dev.liminal.benchmarks.lsl.LslFrameLatencyHarness}: push of the sample that
 *       completes a hop to the delivery of the band-power frame of a
 *       {@code StreamingBandPowerProcessor} fed from the inlet.</li>
 * </ul>
 * Each prints one {@code RESULT} line in the C programs' style. Everything stays on 127.0.0.1
 * (local scope, benchmark ports {@value dev.liminal.benchmarks.lsl.LoopbackLsl#MULTICAST_PORT}
 * and up, apart from the tests' ranges); every loop is bounded in count and in time. Speed is
 * reported here, never asserted in tests.
 *
 * <p>Depends on core, dsp and acquisition; nothing depends on it.
 */
package dev.liminal.benchmarks.lsl;
