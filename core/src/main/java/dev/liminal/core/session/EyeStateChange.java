package dev.liminal.core.session;

import java.util.Objects;

/**
 * The eye state from {@code timeSeconds} on the session clock until the next change. Immutable.
 */
public record EyeStateChange(double timeSeconds, EyeState state) {
    public EyeStateChange {
        Objects.requireNonNull(state, "state");
        if (!Double.isFinite(timeSeconds)) {
            throw new IllegalArgumentException("eye state " + state + ": time " + timeSeconds + " s is not finite");
        }
    }
}
