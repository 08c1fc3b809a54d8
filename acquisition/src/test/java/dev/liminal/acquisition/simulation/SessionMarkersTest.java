package dev.liminal.acquisition.simulation;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionMarkersTest {
    private static final double DEMO_SPEED = SimulationSettings.DEMO_SPEED;

    @Test
    void carriesThePhasesInOrderAtCompressedSessionTimesAndTheDose() {
        SessionMarkers markers = new SessionMarkers(SimulatedSession.DEFAULT, DEMO_SPEED);
        List<String> phases = new ArrayList<>();
        List<Double> phaseTimes = new ArrayList<>();
        String dose = null;
        double doseTime = Double.NaN;
        for (TimedMarker m : markers.all()) {
            if (m.text().startsWith(SessionAnnotations.PHASE)) {
                phases.add(m.text());
                phaseTimes.add(m.timeSeconds());
            } else if (m.text().startsWith(SessionAnnotations.DOSE)) {
                dose = m.text();
                doseTime = m.timeSeconds();
            }
        }
        // default script: 5 min baseline, 40 min infusion, 45 min emergence; at 50x
        assertEquals(List.of("PHASE BASELINE end=6", "PHASE INFUSION end=54", "PHASE EMERGENCE end=108",
                "PHASE RECOVERY end=open"), phases);
        assertEquals(List.of(0.0, 6.0, 54.0, 108.0), phaseTimes);
        assertEquals("DOSE 0.5 mg/kg IV RACEMIC_KETAMINE total=35 mg weight=70 kg infusion=48 s tier=MODERATE", dose);
        assertEquals(6.0, doseTime);
        assertTrue(markers.all().get(0).text().startsWith(SessionAnnotations.HEADER), "the header comes first");
    }

    @Test
    void decodesBackToTheSessionTimeline() {
        double speed = 7.5;
        SessionMarkers markers = new SessionMarkers(SimulatedSession.DEFAULT.withDose(0.75), speed);
        List<Annotation> annotations = new ArrayList<>();
        for (TimedMarker m : markers.all()) annotations.add(new Annotation(m.timeSeconds(), m.text()));
        DecodedSession decoded = SessionAnnotations.decode(annotations);
        assertTrue(decoded.present());
        assertEquals(List.of(), decoded.warnings());
        SessionTimeline expected = SimulatedSession.DEFAULT.withDose(0.75).timeline(speed);
        assertEquals(expected, decoded.session());
        Dose d = decoded.session().doses().get(0);
        assertEquals(0.75, d.mgPerKg());
        assertEquals(2400 / speed, d.infusionDurationSeconds());
        SessionPhase infusion = decoded.session().phase("INFUSION").orElseThrow();
        assertEquals(300 / speed, infusion.startSeconds(), 1e-12);
        assertEquals(2700 / speed, infusion.endSeconds(), 1e-12);
    }

    @Test
    void handsOutEachMarkerOnceWhenItsTimeHasCome() {
        SessionMarkers markers = new SessionMarkers(SimulatedSession.DEFAULT, DEMO_SPEED);
        int total = markers.all().size();
        List<TimedMarker> seen = new ArrayList<>();
        double blockSeconds = 0.02;
        for (int i = 1; i <= 120 / blockSeconds; i++) {
            double until = i * blockSeconds;
            for (TimedMarker m : markers.due(until)) {
                assertTrue(m.timeSeconds() < until && m.timeSeconds() >= until - blockSeconds - 1e-9,
                        m + " handed out with the block ending " + until + " s");
                seen.add(m);
            }
        }
        assertEquals(markers.all(), seen);
        assertTrue(markers.exhausted());
        assertEquals(List.of(), markers.due(1e9));
        assertEquals(total, seen.size());
    }

    @Test
    void headsetBlocksCarryTheirMarkers() {
        SimulatedHeadset headset = new SimulatedHeadset(SimulatedHeadset.DEFAULT_NAME, SimulatedSession.DEFAULT,
                SimulationSettings.DEFAULT.withSpeed(DEMO_SPEED).withChannelCount(8));
        assertEquals("SimEEG", headset.eegStream().name());
        assertEquals("EEG", headset.eegStream().type());
        assertEquals(500.0, headset.eegStream().nominalRateHz());
        assertEquals("uV", headset.eegStream().channels().get(0).unit());
        assertEquals("Fp1", headset.eegStream().channels().get(0).label());
        assertTrue(headset.markerStream().isIrregular());
        assertEquals("SimEEG-Markers", headset.markerStream().name());
        double[][] block = new double[8][50];
        List<TimedMarker> got = new ArrayList<>();
        for (int i = 0; i < 10 * 6 + 1; i++) { // 6.1 s: through the start of the infusion
            SimulatedHeadset.SimulatedBlock b = headset.next(block, 50);
            assertEquals(i * 0.1, b.firstSampleSeconds(), 1e-12);
            got.addAll(b.markers());
        }
        assertEquals("PHASE INFUSION end=54", got.get(got.size() - 2).text());
        assertTrue(got.get(got.size() - 1).text().startsWith("DOSE 0.5 mg/kg"));
    }
}
