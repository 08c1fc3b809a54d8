package dev.liminal.acquisition.simulation;

import java.util.Objects;

/**
 * One string marker at a stream time. Immutable.
 *
 * @param timeSeconds stream time, s (0 = the first EEG sample), finite
 * @param text        the marker text, never null
 */
public record TimedMarker(double timeSeconds, String text) {
    /** Validates the time. */
    public TimedMarker {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(timeSeconds)) {
            throw new IllegalArgumentException("marker '" + text + "': time " + timeSeconds + " s is not finite");
        }
    }
}
