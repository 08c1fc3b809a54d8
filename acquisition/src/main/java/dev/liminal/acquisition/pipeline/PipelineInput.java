package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.recorder.ClockOffsetProvider;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;

import java.util.Objects;

/**
 * One stream entering a {@link LivePipeline}: its source (owned by the pipeline from then on:
 * the pump closes it) and where the recorder gets its clock offsets. Immutable.
 *
 * @param source  the stream
 * @param offsets its clock offsets for the XDF recording (an LSL source's time correction, or
 *                {@link ClockOffsetProvider#local} for a source already on the local clock)
 */
public record PipelineInput(StreamSource source, ClockOffsetProvider offsets) {
    /** Checks both are present. */
    public PipelineInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(offsets, "offsets");
    }

    /** A source whose timestamps are on the local clock already. */
    public static PipelineInput local(StreamSource source) {
        return new PipelineInput(source, ClockOffsetProvider.local(SourceClock.SYSTEM));
    }
}
