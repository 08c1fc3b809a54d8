package dev.liminal.core.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one dosing session on its own clock: the protocol, its phases, doses,
 * the tier table used to classify them, eye state, probes, event reports and retrospective
 * instrument scores (CADSS, 5D-ASC, MEQ30...). Lists are sorted on construction by time, ties
 * broken by the other components, so equal content in any order gives equal timelines.
 * Immutable.
 *
 * @param protocol    the phase vocabulary
 * @param phases      phase intervals; each name must belong to the protocol; no overlaps
 * @param doses       doses given
 * @param tierTable   the table doses are classified with
 * @param eyeStates   eye state changes
 * @param probes      probes and answers
 * @param events      event reports
 * @param instruments retrospective instrument scores by name, as text (copied in)
 */
public record SessionTimeline(ProtocolDefinition protocol, List<SessionPhase> phases, List<Dose> doses,
                              DoseTierTable tierTable, List<EyeStateChange> eyeStates, List<ProbeResponse> probes,
                              List<EventReport> events, Map<String, String> instruments) {
    // Total orders (time first, then every other component) so that the same items given in any
    // order make an equal timeline: file formats may reorder annotations with equal onsets.
    private static final Comparator<SessionPhase> PHASE_ORDER = Comparator.comparingDouble(SessionPhase::startSeconds)
            .thenComparingDouble(SessionPhase::endSeconds).thenComparing(SessionPhase::name);
    private static final Comparator<Dose> DOSE_ORDER = Comparator.comparingDouble(Dose::startSeconds)
            .thenComparingDouble(Dose::mgPerKg).thenComparingDouble(Dose::totalMg)
            .thenComparingDouble(Dose::bodyWeightKg).thenComparing(Dose::route).thenComparing(Dose::formulation)
            .thenComparingDouble(Dose::infusionDurationSeconds);
    private static final Comparator<EyeStateChange> EYE_ORDER = Comparator.comparingDouble(EyeStateChange::timeSeconds)
            .thenComparing(EyeStateChange::state);
    private static final Comparator<ProbeResponse> PROBE_ORDER = Comparator.comparingDouble(ProbeResponse::promptSeconds)
            .thenComparing(ProbeResponse::prompt).thenComparingDouble(ProbeResponse::rating)
            .thenComparingDouble(ProbeResponse::responseLatencySeconds);
    private static final Comparator<EventReport> EVENT_ORDER = Comparator.comparingDouble(EventReport::timeSeconds)
            .thenComparing(EventReport::text);

    /** A session with the default protocol and tier table and nothing recorded. */
    public static final SessionTimeline EMPTY = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), List.of(),
            DoseTierTable.DEFAULT, List.of(), List.of(), List.of(), Map.of());

    public SessionTimeline {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tierTable, "tierTable");
        phases = sorted(phases, PHASE_ORDER);
        doses = sorted(doses, DOSE_ORDER);
        eyeStates = sorted(eyeStates, EYE_ORDER);
        probes = sorted(probes, PROBE_ORDER);
        events = sorted(events, EVENT_ORDER);
        instruments = Map.copyOf(instruments);
        for (int i = 0; i < phases.size(); i++) {
            SessionPhase p = phases.get(i);
            if (!protocol.phaseNames().contains(p.name())) {
                throw new IllegalArgumentException("phase " + p.name() + " is not in protocol " + protocol.name()
                        + " " + protocol.phaseNames());
            }
            if (i > 0 && p.startSeconds() < phases.get(i - 1).endSeconds()) {
                SessionPhase q = phases.get(i - 1);
                throw new IllegalArgumentException("phase " + p.name() + " starting at " + p.startSeconds()
                        + " s overlaps " + q.name() + " ending at " + q.endSeconds() + " s");
            }
        }
    }

    /** Whether nothing at all is recorded (the protocol and tier table aside). */
    public boolean isEmpty() {
        return phases.isEmpty() && doses.isEmpty() && eyeStates.isEmpty() && probes.isEmpty() && events.isEmpty()
                && instruments.isEmpty();
    }

    /** The phase holding {@code tSeconds}, if any. */
    public Optional<SessionPhase> phaseAt(double tSeconds) {
        for (SessionPhase p : phases) {
            if (p.contains(tSeconds)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The first phase with this name, if any. */
    public Optional<SessionPhase> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The tier of a dose by this session's table. */
    public Optional<DoseTier> tierOf(Dose dose) {
        return tierTable.tierOf(dose);
    }

    /** The eye state at {@code tSeconds}, if one was logged before it. */
    public Optional<EyeState> eyeStateAt(double tSeconds) {
        EyeState s = null;
        for (EyeStateChange c : eyeStates) {
            if (c.timeSeconds() <= tSeconds) s = c.state();
        }
        return Optional.ofNullable(s);
    }

    private static <T> List<T> sorted(List<T> in, Comparator<T> order) {
        List<T> copy = new ArrayList<>(in);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
