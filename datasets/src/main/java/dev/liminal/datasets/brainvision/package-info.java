/**
 * The BrainVision Core Data Format (Brain Products): a text header ({@code .vhdr}), a binary
 * or text sample file ({@code .eeg}/{@code .dat}) and a text marker file ({@code .vmrk}).
 *
 * <p>{@link dev.liminal.datasets.brainvision.BrainVisionFormat} is the
 * {@link dev.liminal.datasets.RecordingFormat} registered for {@code .vhdr} files. The reader
 * keeps the sample file open and reads any span by positional reads, so memory is bounded by
 * the span asked for. "New Segment" markers split the recording into
 * {@link dev.liminal.datasets.Segment}s. Voltages come out in microvolts, other units as the
 * header gives them.
 *
 * <p>Depends on {@code dev.liminal.datasets} and {@code core} only.
 */
package dev.liminal.datasets.brainvision;
