/**
 * The live pipeline of one EEG stream (ARCHITECTURE.md "Live data flow"): a stream pump per
 * source writing a ring, a dsp thread ({@code liminal-dsp-<stream>}) reading it losslessly into
 * the streaming band-power processor, region powers and shifts against the baseline taken from
 * the session's marker stream, an immutable {@link dev.liminal.acquisition.pipeline.LiveSnapshot}
 * in a latest-value holder, a timeline CSV streamed to disk, per-phase means for the summary,
 * and an optional XDF recorder on the same rings. Headless: the CLI and the viewer both use it.
 *
 * <p>Depends on {@code core} (streams, rings, session vocabulary), {@code dsp} (streaming
 * processor, regions, filters), {@code datasets} (session marker decoding) and the pump,
 * monitor and recorder packages; never on the LSL classes (sources come in as
 * {@link dev.liminal.core.stream.StreamSource}s), {@code viewer} or {@code app}.
 */
package dev.liminal.acquisition.pipeline;
