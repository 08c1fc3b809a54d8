package dev.liminal.acquisition.simulation;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.SessionAnnotations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The marker stream of a simulated session: the session's annotations in Liminal's session text
 * encoding ({@link SessionAnnotations#encode}: the {@code SESSION} header, {@code PHASE ...
 * end=...} at each phase change, {@code DOSE ...} at the infusion start), each due at its onset
 * on the stream clock of {@link SimulatedSession#timeline(double)}. So a recorder that stores
 * them as XDF markers or EDF+ annotations gives a file whose session decodes back to that
 * timeline. Pull-based: {@link #due(double)} hands out the markers whose time has come.
 * Confined to one thread.
 */
public final class SessionMarkers {
    private final List<TimedMarker> markers;
    private int next;

    /** The markers of {@code session} played at {@code speed}. */
    public SessionMarkers(SimulatedSession session, double speed) {
        this(Objects.requireNonNull(session, "session").timeline(speed));
    }

    /** The markers of any session timeline (stream clock). */
    public SessionMarkers(SessionTimeline timeline) {
        List<TimedMarker> list = new ArrayList<>();
        for (Annotation a : SessionAnnotations.encode(timeline)) list.add(new TimedMarker(a.onsetSeconds(), a.text()));
        this.markers = List.copyOf(list);
    }

    /** Every marker, in time order (unmodifiable). */
    public List<TimedMarker> all() {
        return markers;
    }

    /**
     * The markers not yet handed out with a time before {@code untilSeconds}, in order.
     *
     * @param untilSeconds stream time, s; typically the time just after the last EEG sample sent
     */
    public List<TimedMarker> due(double untilSeconds) {
        int from = next;
        while (next < markers.size() && markers.get(next).timeSeconds() < untilSeconds) next++;
        return markers.subList(from, next);
    }

    /** Whether every marker has been handed out. */
    public boolean exhausted() {
        return next == markers.size();
    }
}
