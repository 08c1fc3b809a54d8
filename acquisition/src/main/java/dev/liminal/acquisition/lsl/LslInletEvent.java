package dev.liminal.acquisition.lsl;

/**
 * Something that happened to an inlet's connection. Immutable.
 *
 * @param kind       what happened
 * @param streamName the stream's name
 * @param message    one line of detail
 * @param gap        the gap, for {@link Kind#RECONNECTED}; null otherwise
 */
public record LslInletEvent(Kind kind, String streamName, String message, LslGap gap) {

    /** Event kinds. */
    public enum Kind {
        /** The data connection was established (first time). */
        CONNECTED,
        /** The connection broke (EOF, reset, stall, protocol error); recovery starts. */
        BROKEN,
        /** Data flows again after a break; {@link #gap()} describes the gap. */
        RECONNECTED,
        /** The stream is lost for good (no source_id, recovery off, or incompatible peer). */
        LOST
    }
}
