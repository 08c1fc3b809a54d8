package dev.liminal.datasets.session;

import dev.liminal.core.session.Dose;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.EyeStateChange;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares sessions whose times went through a format or peer that rounds them. */
public final class SessionAssertions {
    private SessionAssertions() {}

    /**
     * Asserts everything equal except times (starts, ends, prompt, dose and event times), which
     * may differ by at most {@code toleranceSeconds}; ends of running phases stay infinite. Items
     * whose times lie within the tolerance of each other may come back in either order.
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
        match("doses", expected.doses(), actual.doses(), Dose::startSeconds, (e, a) -> e.equals(new Dose(a.mgPerKg(),
                a.totalMg(), a.bodyWeightKg(), a.route(), a.formulation(), a.infusionDurationSeconds(), e.startSeconds())),
                toleranceSeconds);
        match("eye states", expected.eyeStates(), actual.eyeStates(), EyeStateChange::timeSeconds,
                (e, a) -> e.state() == a.state(), toleranceSeconds);
        match("probes", expected.probes(), actual.probes(), ProbeResponse::promptSeconds,
                (e, a) -> e.equals(new ProbeResponse(a.prompt(), e.promptSeconds(), a.rating(), a.responseLatencySeconds())),
                toleranceSeconds);
        match("events", expected.events(), actual.events(), EventReport::timeSeconds,
                (e, a) -> e.text().equals(a.text()), toleranceSeconds);
    }

    /** Pairs every expected item with an unused actual one that is the same but for a close time. */
    private static <T> void match(String what, List<T> expected, List<T> actual, ToDoubleFunction<T> time,
                                  BiPredicate<T, T> sameButTime, double tolerance) {
        assertEquals(expected.size(), actual.size(), what + ": " + actual);
        List<T> unused = new ArrayList<>(actual);
        for (T e : expected) {
            boolean found = false;
            for (int i = 0; i < unused.size() && !found; i++) {
                T a = unused.get(i);
                if (sameButTime.test(e, a) && Math.abs(time.applyAsDouble(e) - time.applyAsDouble(a)) <= tolerance) {
                    unused.remove(i);
                    found = true;
                }
            }
            assertTrue(found, what + ": nothing like " + e + " within " + tolerance + " s in " + actual);
        }
    }
}
