package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionTimeline;

import java.util.List;
import java.util.Objects;

/**
 * A session read back from annotations or an events table, with what was left over. Immutable.
 *
 * @param present     whether the source carried session metadata at all (a session header
 *                    annotation, session rows in an events table); when false {@code session}
 *                    is {@link SessionTimeline#EMPTY}
 * @param session     the session decoded
 * @param annotations the annotations that are not session metadata (including session-looking
 *                    ones that could not be decoded), in input order; copied in
 * @param warnings    one line for each item that could not be decoded and was kept as a plain
 *                    annotation; copied in
 */
public record DecodedSession(boolean present, SessionTimeline session, List<Annotation> annotations,
                             List<String> warnings) {
    public DecodedSession {
        Objects.requireNonNull(session, "session");
        annotations = List.copyOf(annotations);
        warnings = List.copyOf(warnings);
    }
}
