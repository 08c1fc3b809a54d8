package dev.liminal.datasets.session;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTier;
import dev.liminal.core.session.DoseTierTable;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.EyeState;
import dev.liminal.core.session.EyeStateChange;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;

import java.util.List;
import java.util.Map;

/** Sessions the tests round-trip. */
public final class SessionSamples {
    private SessionSamples() {}

    /**
     * A session with everything that can go wrong in a text encoding: a custom protocol with
     * spaces, non-ASCII and a phase left unused, times that are not short decimals (0.1 + 0.2),
     * an open last phase, several doses (one outside every tier, one with a rounded total), a
     * custom tier table, unanswered probes, prompts and texts with control characters,
     * backslashes, "n/a", the encoding's own key words, an empty event text, a negative time,
     * and instruments with JSON-looking text.
     */
    public static SessionTimeline rich() {
        ProtocolDefinition protocol = new ProtocolDefinition("kap-palliative ü",
                List.of("PREPARATION", "BASELINE", "INFUSION 1", "MUSIC ♪ on", "EMERGENCE", "RECOVERY", "UNUSED"));
        DoseTierTable tiers = new DoseTierTable(List.of(new DoseTier("sub-perceptual", 0.05, 0.25),
                new DoseTier("LOW", 0.25, 0.5), new DoseTier("MODERATE ‑ psychedelic", 0.5, 1.0)));
        double t0 = 0.1 + 0.2; // 0.30000000000000004
        List<SessionPhase> phases = List.of(
                new SessionPhase("PREPARATION", -12.5, t0),
                new SessionPhase("BASELINE", t0, 300.0 + 1.0 / 3),
                new SessionPhase("INFUSION 1", 300.0 + 1.0 / 3, 2700.123456789),
                new SessionPhase("MUSIC ♪ on", 2700.123456789, 2700.123456789),
                new SessionPhase("EMERGENCE", 2800, 4600.7),
                new SessionPhase("RECOVERY", 4600.7, Double.POSITIVE_INFINITY));
        List<Dose> doses = List.of(
                Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 300.0 + 1.0 / 3),
                new Dose(0.25, 17.6, 70.4, Route.IN, Formulation.ESKETAMINE, 0, 3000.7),
                Dose.of(0.1, 81.3, Route.SL, Formulation.RACEMIC_KETAMINE, 0, 3600),
                Dose.of(0.03, 65, Route.IM, Formulation.ESKETAMINE, 0, 3700));
        List<EyeStateChange> eyes = List.of(new EyeStateChange(0, EyeState.OPEN),
                new EyeStateChange(t0, EyeState.CLOSED), new EyeStateChange(4600.7, EyeState.OPEN));
        List<ProbeResponse> probes = List.of(
                new ProbeResponse("dissociation", 900, 40, 3.2),
                new ProbeResponse("anxiety", 900, Double.NaN, Double.NaN),
                new ProbeResponse("Ängstlichkeit / 不安 \"quoted\"", 1200.25, 0, 0.001),
                new ProbeResponse("drug effect rating=5 latency=1 s", 1500, 100, 12.75),
                new ProbeResponse("boundary\tdissolution\\n\nline\u0014sep\u0015x\u0000", 1800, 55.5, 1e-7),
                new ProbeResponse("ends unanswered", 2100, Double.NaN, Double.NaN));
        List<EventReport> events = List.of(
                new EventReport(-2.5, "pre-roll"),
                new EventReport(1500.5, "out of body now"),
                new EventReport(1600, "n/a"),
                new EventReport(1700, ""),
                new EventReport(1800, "EVENT PHASE BASELINE SESSION {"),
                new EventReport(1900, "tab\there \\u0041 \u0015 émigré 🙂"));
        Map<String, String> instruments = Map.of("CADSS", "34", "5D-ASC",
                "{\"OBN\": 41.2, \"DED\": 12}", "MEQ30", "mystical=3.2; positive mood=2.9", "Fragebogen ü", "a\nb");
        return new SessionTimeline(protocol, phases, doses, tiers, eyes, probes, events, instruments);
    }

    /** The default protocol and tiers, one item of each kind: the texts the documentation shows. */
    public static SessionTimeline simple() {
        return new SessionTimeline(ProtocolDefinition.DEFAULT,
                List.of(new SessionPhase("BASELINE", 0, 600), new SessionPhase("INFUSION", 600, 3000)),
                List.of(Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 600)),
                DoseTierTable.DEFAULT, List.of(new EyeStateChange(10, EyeState.CLOSED)),
                List.of(new ProbeResponse("dissociation", 900, 40, 3.2),
                        new ProbeResponse("anxiety", 1200, Double.NaN, Double.NaN)),
                List.of(new EventReport(1500, "out of body now")), Map.of("CADSS", "34"));
    }

    /**
     * {@link #rich()} with every time moved into [0, {@code seconds}) by one linear map, for
     * peers that drop annotations outside the recorded data (MNE crops them).
     */
    public static SessionTimeline richWithin(double seconds) {
        SessionTimeline r = rich();
        double first = -12.5;
        double last = 4600.7;
        java.util.function.DoubleUnaryOperator map = t -> Double.isInfinite(t) ? t
                : (t - first) / (last - first) * seconds * 0.9;
        return new SessionTimeline(r.protocol(),
                r.phases().stream().map(p -> new SessionPhase(p.name(), map.applyAsDouble(p.startSeconds()),
                        map.applyAsDouble(p.endSeconds()))).toList(),
                r.doses().stream().map(d -> new Dose(d.mgPerKg(), d.totalMg(), d.bodyWeightKg(), d.route(),
                        d.formulation(), d.infusionDurationSeconds(), map.applyAsDouble(d.startSeconds()))).toList(),
                r.tierTable(),
                r.eyeStates().stream().map(e -> new EyeStateChange(map.applyAsDouble(e.timeSeconds()), e.state())).toList(),
                r.probes().stream().map(p -> new ProbeResponse(p.prompt(), map.applyAsDouble(p.promptSeconds()), p.rating(),
                        p.responseLatencySeconds())).toList(),
                r.events().stream().map(e -> new EventReport(map.applyAsDouble(e.timeSeconds()), e.text())).toList(),
                r.instruments());
    }
}
