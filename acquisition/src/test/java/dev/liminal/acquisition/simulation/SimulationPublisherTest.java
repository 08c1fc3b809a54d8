package dev.liminal.acquisition.simulation;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher's stream descriptions and marker clock, without opening a socket. */
class SimulationPublisherTest {
    @Test
    void eegStreamCarriesTheMontageLabelsInMicrovoltsAsFloat32() {
        SimulatedHeadset h = new SimulatedHeadset("Sim", SimulatedSession.DEFAULT, SimulationSettings.DEFAULT.withChannelCount(8));
        LslStreamInfo eeg = SimulationPublisher.eegInfo(h.eegStream());
        assertEquals(ChannelFormat.FLOAT32, eeg.channelFormat());
        assertEquals(500.0, eeg.nominalSrateHz());
        assertEquals("EEG", eeg.type());
        assertEquals(Montage.EIGHT.labels(), eeg.channelLabels());
        assertTrue(eeg.descXml().contains("<unit>microvolts</unit>"), eeg.descXml());
        assertTrue(eeg.descXml().contains("<manufacturer>Liminal simulation</manufacturer>"), eeg.descXml());
        LslStreamInfo markers = SimulationPublisher.markerInfo(h.markerStream());
        assertEquals(ChannelFormat.STRING, markers.channelFormat());
        assertEquals(0.0, markers.nominalSrateHz());
        assertEquals("Sim-Markers", markers.name());
    }

    @Test
    void markersOnTheLslClockDecodeBackToTheShiftedSession() {
        double start = 12345.678;
        double speed = 50;
        SessionTimeline onClock = SimulationPublisher.onClock(SimulatedSession.DEFAULT.timeline(speed), start);
        List<Annotation> sent = SessionAnnotations.encode(onClock);
        assertEquals(start, sent.get(0).onsetSeconds(), "the header comes at the first sample");
        DecodedSession back = SessionAnnotations.decode(sent);
        assertEquals(List.of(), back.warnings());
        List<SessionPhase> phases = back.session().phases();
        assertEquals(List.of("BASELINE", "INFUSION", "EMERGENCE", "RECOVERY"), phases.stream().map(SessionPhase::name).toList());
        assertEquals(start + 300 / speed, phases.get(0).endSeconds());
        assertEquals(start + 300 / speed, back.session().doses().get(0).startSeconds());
        assertEquals(2400 / speed, back.session().doses().get(0).infusionDurationSeconds());
        assertEquals(onClock, back.session());
    }
}
