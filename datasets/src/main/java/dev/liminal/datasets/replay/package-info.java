/**
 * Recordings played back as live streams: {@link dev.liminal.datasets.replay.ReplaySource} is a
 * {@link dev.liminal.core.stream.StreamSource} over one stream of a file, paced by an injected
 * clock with the file's original timing, a speed factor and looping;
 * {@link dev.liminal.datasets.replay.ReplaySourceProvider} registers it as {@code replay}.
 *
 * <p>Reads files only through the {@link dev.liminal.datasets.RecordingFormats} SPI. Must not
 * depend on dsp or acquisition.
 */
package dev.liminal.datasets.replay;
