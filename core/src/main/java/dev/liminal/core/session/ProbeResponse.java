package dev.liminal.core.session;

import java.util.Objects;

/**
 * A visual-analogue-scale probe asked during the session and its answer (DOMAIN.md
 * "Neurophenomenology"). Immutable.
 *
 * @param prompt                 what was asked, e.g. {@code "dissociation"}
 * @param promptSeconds          when it was asked, on the session clock
 * @param rating                 the answer on 0-100, or NaN when unanswered (the participant
 *                               may be unresponsive at high doses)
 * @param responseLatencySeconds seconds from prompt to answer, NaN when unanswered
 */
public record ProbeResponse(String prompt, double promptSeconds, double rating, double responseLatencySeconds) {
    /** Lowest rating on the scale. */
    public static final double MIN_RATING = 0;
    /** Highest rating on the scale. */
    public static final double MAX_RATING = 100;

    public ProbeResponse {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) throw new IllegalArgumentException("probe prompt is blank");
        if (!Double.isFinite(promptSeconds)) {
            throw new IllegalArgumentException("probe '" + prompt + "': time " + promptSeconds + " s is not finite");
        }
        if (!Double.isNaN(rating) && !(rating >= MIN_RATING && rating <= MAX_RATING)) {
            throw new IllegalArgumentException("probe '" + prompt + "': rating " + rating + " is outside 0-100");
        }
        if (Double.isNaN(rating) != Double.isNaN(responseLatencySeconds)) {
            throw new IllegalArgumentException("probe '" + prompt + "': rating " + rating + " and latency "
                    + responseLatencySeconds + " s must both be given or both be NaN");
        }
        if (!Double.isNaN(responseLatencySeconds) && !(responseLatencySeconds >= 0 && Double.isFinite(responseLatencySeconds))) {
            throw new IllegalArgumentException("probe '" + prompt + "': latency " + responseLatencySeconds + " s is negative");
        }
    }

    /** Whether the participant answered. */
    public boolean answered() {
        return !Double.isNaN(rating);
    }
}
