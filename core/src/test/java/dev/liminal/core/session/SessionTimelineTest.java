package dev.liminal.core.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTimelineTest {

    private static SessionTimeline withPhases(List<SessionPhase> phases) {
        return new SessionTimeline(ProtocolDefinition.DEFAULT, phases, List.of(), DoseTierTable.DEFAULT, List.of(),
                List.of(), List.of(), Map.of());
    }

    @Test
    void emptyTimelineIsEmpty() {
        assertTrue(SessionTimeline.EMPTY.isEmpty());
        assertEquals(ProtocolDefinition.DEFAULT, SessionTimeline.EMPTY.protocol());
    }

    @Test
    void sortsPhasesAndFindsPhaseAtTime() {
        SessionTimeline t = withPhases(List.of(new SessionPhase("INFUSION", 300, 2700),
                new SessionPhase("BASELINE", 0, 300), new SessionPhase("EMERGENCE", 2700, Double.POSITIVE_INFINITY)));
        assertEquals(List.of("BASELINE", "INFUSION", "EMERGENCE"), t.phases().stream().map(SessionPhase::name).toList());
        assertEquals("BASELINE", t.phaseAt(299.999).orElseThrow().name());
        assertEquals("INFUSION", t.phaseAt(300).orElseThrow().name());
        assertEquals("EMERGENCE", t.phaseAt(1e6).orElseThrow().name());
        assertEquals(Optional.empty(), t.phaseAt(-1));
        assertFalse(t.isEmpty());
    }

    @Test
    void rejectsOverlappingPhases() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withPhases(List.of(
                new SessionPhase("BASELINE", 0, 310), new SessionPhase("INFUSION", 300, 2700))));
        assertTrue(e.getMessage().contains("300.0 s") && e.getMessage().contains("310.0 s"), e.getMessage());
    }

    @Test
    void rejectsPhaseOutsideProtocol() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withPhases(List.of(new SessionPhase("MUSIC", 0, 10))));
        assertTrue(e.getMessage().contains("MUSIC"), e.getMessage());
    }

    @Test
    void zeroLengthPhaseMayTouchTheNextOneInAnyInputOrder() {
        SessionPhase point = new SessionPhase("BASELINE", 10, 10);
        SessionPhase next = new SessionPhase("INFUSION", 10, 20);
        assertEquals(withPhases(List.of(point, next)), withPhases(List.of(next, point)));
    }

    @Test
    void itemsAtTheSameTimeGiveEqualTimelinesInAnyInputOrder() {
        List<ProbeResponse> probes = List.of(new ProbeResponse("anxiety", 60, 10, 2),
                new ProbeResponse("dissociation", 60, Double.NaN, Double.NaN), new ProbeResponse("anxiety", 60, 5, 2));
        List<EventReport> events = List.of(new EventReport(5, "b"), new EventReport(5, "a"));
        List<Dose> doses = List.of(Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 0),
                Dose.of(0.25, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 0, 0));
        List<EyeStateChange> eyes = List.of(new EyeStateChange(1, EyeState.OPEN), new EyeStateChange(1, EyeState.CLOSED));
        SessionTimeline a = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), doses, DoseTierTable.DEFAULT,
                eyes, probes, events, Map.of());
        SessionTimeline b = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), reversed(doses),
                DoseTierTable.DEFAULT, reversed(eyes), reversed(probes), reversed(events), Map.of());
        assertEquals(a, b);
        assertEquals("a", a.events().get(0).text());
    }

    @Test
    void eyeStateAtTimeIsTheLastChangeBeforeIt() {
        SessionTimeline t = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), List.of(), DoseTierTable.DEFAULT,
                List.of(new EyeStateChange(100, EyeState.OPEN), new EyeStateChange(0, EyeState.CLOSED)), List.of(),
                List.of(), Map.of());
        assertEquals(Optional.empty(), t.eyeStateAt(-0.5));
        assertEquals(EyeState.CLOSED, t.eyeStateAt(99.9).orElseThrow());
        assertEquals(EyeState.OPEN, t.eyeStateAt(100).orElseThrow());
    }

    @Test
    void classifiesDosesWithItsOwnTable() {
        DoseTierTable table = new DoseTierTable(List.of(new DoseTier("SUB", 0.1, 0.3)));
        Dose d = Dose.of(0.2, 80, Route.IN, Formulation.ESKETAMINE, 0, 0);
        SessionTimeline t = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), List.of(d), table, List.of(),
                List.of(), List.of(), Map.of());
        assertEquals("SUB", t.tierOf(d).orElseThrow().name());
    }

    @Test
    void probeRequiresRatingAndLatencyTogetherAndRatingOnScale() {
        assertThrows(IllegalArgumentException.class, () -> new ProbeResponse("x", 0, 50, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ProbeResponse("x", 0, 100.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProbeResponse("x", 0, 50, -1));
        assertFalse(new ProbeResponse("x", 0, Double.NaN, Double.NaN).answered());
        assertTrue(new ProbeResponse("x", 0, 0, 0).answered());
    }

    @Test
    void protocolRejectsRepeatedBlankOrMissingNames() {
        assertThrows(IllegalArgumentException.class, () -> new ProtocolDefinition("p", List.of("A", "A")));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolDefinition("p", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolDefinition(" ", List.of("A")));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolDefinition("p", List.of("A", " ")));
    }

    private static <T> List<T> reversed(List<T> in) {
        List<T> copy = new java.util.ArrayList<>(in);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
