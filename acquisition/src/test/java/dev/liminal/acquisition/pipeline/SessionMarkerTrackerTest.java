package dev.liminal.acquisition.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SessionMarkerTrackerTest {
    private static final String DOSE = "DOSE 0.3 mg/kg IV RACEMIC_KETAMINE total=21 mg weight=70 kg infusion=2400 s tier=LOW";

    @Test
    void phaseLastsFromItsMarkerToTheNextWhateverItsEndSays() {
        SessionMarkerTracker t = new SessionMarkerTracker();
        t.onMarker(100, "SESSION {\"liminal_session\":1}");
        t.onMarker(100, "PHASE BASELINE end=5");
        t.onMarker(400, "PHASE INFUSION end=open");
        t.onMarker(405, "EYES CLOSED");
        assertNull(t.phaseAt(99.9));
        assertEquals("BASELINE", t.phaseAt(100).name());
        assertEquals("BASELINE", t.phaseAt(399.999).name(), "the end= value is on the sender's clock and not used");
        assertEquals("INFUSION", t.phaseAt(400).name());
        assertEquals(400, t.phaseAt(1e6).timeSeconds());
        assertEquals(4, t.markerCount());
    }

    @Test
    void doseTierComesFromTheDefaultTableEvenWithoutAHeader() {
        SessionMarkerTracker t = new SessionMarkerTracker();
        t.onMarker(50, "hello");
        t.onMarker(400, DOSE);
        assertNull(t.doseAt(399));
        assertEquals("LOW", t.doseAt(400).tier());
        assertEquals(0.3, t.doseAt(500).dose().mgPerKg());
    }

    @Test
    void headerWithItsOwnTierTableDecidesTheTier() {
        SessionMarkerTracker t = new SessionMarkerTracker();
        t.onMarker(1, "SESSION {\"liminal_session\":1,\"doseTiers\":[{\"name\":\"STUDY\",\"lowMgPerKg\":0.1,\"highMgPerKg\":0.4}]}");
        t.onMarker(2, DOSE);
        assertEquals("STUDY", t.doseAt(2).tier());
    }
}
