package dev.liminal.core.session;

import java.util.Objects;

/**
 * One protocol phase as an interval on the session clock. Phase names are data (a study may
 * define its own); {@link ProtocolDefinition#DEFAULT} holds the four of DOMAIN.md. Immutable.
 *
 * @param name         phase name, e.g. {@code "BASELINE"}; non-blank
 * @param startSeconds start on the session clock
 * @param endSeconds   end on the session clock, {@code >= startSeconds}; may be
 *                     {@link Double#POSITIVE_INFINITY} for a phase still running
 */
public record SessionPhase(String name, double startSeconds, double endSeconds) {
    public SessionPhase {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("phase name is blank");
        if (!Double.isFinite(startSeconds)) {
            throw new IllegalArgumentException("phase " + name + ": start " + startSeconds + " s is not finite");
        }
        if (Double.isNaN(endSeconds) || endSeconds < startSeconds) {
            throw new IllegalArgumentException("phase " + name + ": end " + endSeconds + " s is before start "
                    + startSeconds + " s");
        }
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    /** Whether {@code t} lies in [start, end). */
    public boolean contains(double tSeconds) {
        return tSeconds >= startSeconds && tSeconds < endSeconds;
    }
}
