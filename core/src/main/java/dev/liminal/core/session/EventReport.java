package dev.liminal.core.session;

import java.util.Objects;

/**
 * A participant's button press at the onset of a phenomenon ("out of body now"). Immutable.
 */
public record EventReport(double timeSeconds, String text) {
    public EventReport {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(timeSeconds)) {
            throw new IllegalArgumentException("event report '" + text + "': time " + timeSeconds + " s is not finite");
        }
    }
}
