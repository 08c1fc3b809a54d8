package dev.liminal.datasets.session;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.EyeStateChange;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares sessions whose times went through a format that rounds them. */
public final class SessionAssertions {
    private SessionAssertions() {}

    /**
     * Asserts everything equal except times (starts, ends, prompt and event times), which may
     * differ by at most {@code toleranceSeconds}; durations of infinite phases stay infinite.
     */
    public static void assertSameUpToTimes(SessionTimeline expected, SessionTimeline actual, double toleranceSeconds) {
        assertEquals(expected.protocol(), actual.protocol());
        assertEquals(expected.tierTable(), actual.tierTable());
        assertEquals(expected.instruments(), actual.instruments());
        assertEquals(expected.phases().size(), actual.phases().size(), "phases " + actual.phases());
        for (int i = 0; i < expected.phases().size(); i++) {
            SessionPhase e = expected.phases().get(i);
            SessionPhase a = actual.phases().get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.startSeconds(), a.startSeconds(), toleranceSeconds, e.name());
            if (Double.isInfinite(e.endSeconds())) assertEquals(e.endSeconds(), a.endSeconds(), e.name());
            else assertEquals(e.endSeconds(), a.endSeconds(), toleranceSeconds, e.name());
        }
        assertEquals(expected.doses().size(), actual.doses().size());
        for (int i = 0; i < expected.doses().size(); i++) {
            Dose e = expected.doses().get(i);
            Dose a = actual.doses().get(i);
            assertEquals(new Dose(e.mgPerKg(), e.totalMg(), e.bodyWeightKg(), e.route(), e.formulation(),
                    e.infusionDurationSeconds(), a.startSeconds()), a);
            assertEquals(e.startSeconds(), a.startSeconds(), toleranceSeconds);
        }
        assertEquals(expected.eyeStates().size(), actual.eyeStates().size());
        for (int i = 0; i < expected.eyeStates().size(); i++) {
            EyeStateChange e = expected.eyeStates().get(i);
            EyeStateChange a = actual.eyeStates().get(i);
            assertEquals(e.state(), a.state());
            assertEquals(e.timeSeconds(), a.timeSeconds(), toleranceSeconds);
        }
        assertEquals(expected.probes().size(), actual.probes().size());
        for (int i = 0; i < expected.probes().size(); i++) {
            ProbeResponse e = expected.probes().get(i);
            ProbeResponse a = actual.probes().get(i);
            assertEquals(new ProbeResponse(e.prompt(), a.promptSeconds(), e.rating(), e.responseLatencySeconds()), a);
            assertEquals(e.promptSeconds(), a.promptSeconds(), toleranceSeconds);
        }
        assertEquals(expected.events().size(), actual.events().size());
        for (int i = 0; i < expected.events().size(); i++) {
            EventReport e = expected.events().get(i);
            EventReport a = actual.events().get(i);
            assertEquals(e.text(), a.text());
            assertEquals(e.timeSeconds(), a.timeSeconds(), toleranceSeconds);
        }
    }
}
