package dev.liminal.core;

import java.util.Objects;

/**
 * A labelled point or interval on a recording's time axis: an EDF+ annotation, a BrainVision
 * marker, an XDF string marker. Immutable.
 *
 * @param onsetSeconds    onset on the recording's time axis (may be negative in EDF+)
 * @param durationSeconds duration in seconds, or {@link Double#NaN} when the source gave none
 * @param text            the annotation text (UTF-8 in EDF+), never null
 * @param channel         the channel it applies to, or {@code ""} for the whole recording
 */
public record Annotation(double onsetSeconds, double durationSeconds, String text, String channel) {
    public Annotation {
        Objects.requireNonNull(text, "text");
        channel = channel == null ? "" : channel;
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("annotation '" + text + "': onset " + onsetSeconds + " s is not finite");
        }
        if (!Double.isNaN(durationSeconds) && !(durationSeconds >= 0 && Double.isFinite(durationSeconds))) {
            throw new IllegalArgumentException("annotation '" + text + "': duration " + durationSeconds
                    + " s is neither NaN (none) nor finite and >= 0");
        }
    }

    /** A point annotation for the whole recording, without duration. */
    public Annotation(double onsetSeconds, String text) {
        this(onsetSeconds, Double.NaN, text, "");
    }

    /** Whether the source gave a duration. */
    public boolean hasDuration() {
        return !Double.isNaN(durationSeconds);
    }
}
