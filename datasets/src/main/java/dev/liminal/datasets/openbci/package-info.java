/**
 * The text recordings of the OpenBCI GUI (v4 text, v5/v6 CSV with column titles): EXG channels
 * in microvolts as one stream, accelerometer channels in g as a second.
 *
 * <p>{@link dev.liminal.datasets.openbci.OpenBciFormat} is the
 * {@link dev.liminal.datasets.RecordingFormat}. Opening scans the file once and keeps a sparse
 * index of row offsets; reads parse only the rows asked for. Lost packets (jumps of the 0-255
 * sample index) split the recording into {@link dev.liminal.datasets.Segment}s.
 *
 * <p>Depends on {@code dev.liminal.datasets} and {@code core} only.
 */
package dev.liminal.datasets.openbci;
