package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionTimeline;

import java.util.List;
import java.util.Objects;

/**
 * What a recording's sidecars hold. Immutable.
 *
 * @param hasSession  whether a sidecar carried session metadata ({@code *_session.json}, or
 *                    session rows in {@code *_events.tsv})
 * @param session     the session, {@link SessionTimeline#EMPTY} without one
 * @param annotations the plain annotations of {@code *_events.tsv} (empty without one); copied in
 * @param warnings    disagreements between the sidecars and tier mismatches, one line each; copied in
 */
public record SidecarContent(boolean hasSession, SessionTimeline session, List<Annotation> annotations,
                             List<String> warnings) {
    public SidecarContent {
        Objects.requireNonNull(session, "session");
        annotations = List.copyOf(annotations);
        warnings = List.copyOf(warnings);
    }
}
