package dev.liminal.acquisition.pipeline;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTier;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows a live session marker stream (Liminal's session text encoding,
 * {@link SessionAnnotations}) as markers arrive: which phase and which dose are in effect at a
 * given time on the local clock. Live markers differ from a stored session in one way: a phase
 * is announced when it starts ({@code PHASE INFUSION end=open}, or with a planned
 * {@code end=} on the sender's own clock), so a phase here lasts from its marker until the next
 * phase marker; the {@code end=} value is not used. Doses and their tier are decoded by
 * {@link SessionAnnotations#decode} with the session header received (the default protocol and
 * tier table until one arrives).
 *
 * <p>Lookups ({@link #phaseAt}, {@link #doseAt}) allocate nothing; {@link #onMarker} allocates
 * (markers are rare). Markers are expected in time order, as a marker stream delivers them.
 *
 * <p><b>Thread ownership:</b> confined to one thread (the dsp thread).
 */
final class SessionMarkerTracker {
    /** Header used to decode doses until the stream's own {@code SESSION} header has arrived. */
    private static final String DEFAULT_HEADER = SessionAnnotations.HEADER + "{\"liminal_session\":1}";
    private static final String END_SUFFIX = " end=";

    private final List<Annotation> headers = new ArrayList<>();
    private final List<Annotation> doseMarkers = new ArrayList<>();
    private final List<PhaseStart> phases = new ArrayList<>();
    private final List<DoseStart> doses = new ArrayList<>();
    private ProtocolDefinition protocol = ProtocolDefinition.DEFAULT;
    private long markers;

    /** A phase starting at a local-clock time. */
    record PhaseStart(double timeSeconds, String name) {}

    /** A dose given at a local-clock time, with its tier name ("" when the table has none for it). */
    record DoseStart(double timeSeconds, Dose dose, String tier) {}

    /**
     * Takes one marker.
     *
     * @param timeSeconds the marker's timestamp, local clock
     * @param text        the marker text; texts that are not session markers are counted and ignored
     */
    void onMarker(double timeSeconds, String text) {
        markers++;
        if (text == null || !Double.isFinite(timeSeconds)) return;
        if (text.startsWith(SessionAnnotations.HEADER)) {
            headers.add(new Annotation(timeSeconds, text));
            DecodedSession d = SessionAnnotations.decode(headers);
            if (d.present()) protocol = d.session().protocol();
            redecodeDoses();
        } else if (text.startsWith(SessionAnnotations.PHASE)) {
            phases.add(new PhaseStart(timeSeconds, phaseName(text.substring(SessionAnnotations.PHASE.length()))));
        } else if (text.startsWith(SessionAnnotations.DOSE)) {
            doseMarkers.add(new Annotation(timeSeconds, text));
            redecodeDoses();
        }
    }

    /** The phase name of a PHASE marker's payload: a protocol name as is, else without its {@code end=} suffix. */
    private String phaseName(String payload) {
        if (protocol.phaseNames().contains(payload)) return payload;
        int end = payload.lastIndexOf(END_SUFFIX);
        return end > 0 ? payload.substring(0, end) : payload;
    }

    private void redecodeDoses() {
        if (doseMarkers.isEmpty()) return;
        List<Annotation> all = new ArrayList<>(headers);
        if (headers.isEmpty()) all.add(new Annotation(doseMarkers.get(0).onsetSeconds(), DEFAULT_HEADER));
        all.addAll(doseMarkers);
        DecodedSession d = SessionAnnotations.decode(all);
        doses.clear();
        for (Dose dose : d.session().doses()) {
            String tier = d.session().tierOf(dose).map(DoseTier::name).orElse("");
            doses.add(new DoseStart(dose.startSeconds(), dose, tier));
        }
    }

    /** Markers received so far (session markers or not). */
    long markerCount() {
        return markers;
    }

    /** The protocol of the session header, or the default protocol before one arrived. */
    ProtocolDefinition protocol() {
        return protocol;
    }

    /**
     * The phase in effect at {@code timeSeconds}: the last phase marker at or before it.
     *
     * @return its start and name, or null before the first phase marker
     */
    PhaseStart phaseAt(double timeSeconds) {
        PhaseStart found = null;
        for (int i = 0; i < phases.size(); i++) {
            PhaseStart p = phases.get(i);
            if (p.timeSeconds() <= timeSeconds) found = p;
            else break;
        }
        return found;
    }

    /** The last dose given at or before {@code timeSeconds}, or null. */
    DoseStart doseAt(double timeSeconds) {
        DoseStart found = null;
        for (int i = 0; i < doses.size(); i++) {
            DoseStart d = doses.get(i);
            if (d.timeSeconds() <= timeSeconds) found = d;
        }
        return found;
    }
}
