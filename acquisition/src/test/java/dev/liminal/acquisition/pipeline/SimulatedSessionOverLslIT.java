package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.lsl.source.LslStreamSource;
import dev.liminal.acquisition.simulation.SimulatedHeadset;
import dev.liminal.acquisition.simulation.SimulatedSession;
import dev.liminal.acquisition.simulation.SimulationPublisher;
import dev.liminal.acquisition.simulation.SimulationSettings;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated headset published on LSL (loopback, a private port range and session) and
 * received like any external headset: resolver, {@link LslStreamSource}, {@link LivePipeline}
 * with the XDF recorder. The recording must hold every sample exactly as generated (float32)
 * and every marker; the pipeline must see both phases of the short run.
 */
class SimulatedSessionOverLslIT {
    /** Away from the LSL helper's tests (27571..) and liblsl's defaults (16571..). */
    private static final int MULTICAST_PORT = 29571;
    private static final int BASE_PORT = 29572;
    private static final int PORT_RANGE = 32;
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(5);
    private static final double SPEED = 100;
    /** Stream seconds: baseline 0-3 s, infusion from 3 s. */
    private static final double SECONDS = 6;

    private static LslConfig config() {
        return LslConfig.defaults().withPorts(MULTICAST_PORT, BASE_PORT, PORT_RANGE)
                .withSessionId("liminal-p2-test-" + ProcessHandle.current().pid());
    }

    @Test
    @Timeout(60)
    void pipelineReceivesAndRecordsTheSimulatedSessionLikeAnExternalHeadset(@TempDir Path dir) throws Exception {
        SimulationSettings settings = SimulationSettings.DEFAULT.withChannelCount(8).withSampleRateHz(250)
                .withSpeed(SPEED).withSeed(7);
        SimulatedHeadset headset = new SimulatedHeadset("P2Sim", SimulatedSession.DEFAULT, settings);
        LslConfig config = config();
        Path xdf = dir.resolve("session.xdf");
        try (SimulationPublisher publisher = SimulationPublisher.open(headset, SECONDS, config)) {
            publisher.start(Duration.ofSeconds(20));
            List<LslStreamInfo> eeg = LslResolver.resolve("name='P2Sim'", 1, RESOLVE_TIMEOUT, config);
            List<LslStreamInfo> markers = LslResolver.resolve("name='P2Sim-Markers'", 1, RESOLVE_TIMEOUT, config);
            assertEquals(1, eeg.size());
            assertEquals(1, markers.size());
            LslInletOptions options = LslInletOptions.defaults(config);
            LslStreamSource eegSource = LslStreamSource.open(eeg.get(0), options);
            LslStreamSource markerSource = LslStreamSource.open(markers.get(0), options);
            // publisher and inlets share this process's clock: offsets are exactly 0
            LivePipeline p = new LivePipeline(PipelineInput.local(eegSource), PipelineInput.local(markerSource),
                    LivePipelineOptions.defaults().withRecording(xdf));
            p.start();
            assertTrue(publisher.awaitEnd(Duration.ofSeconds(30)), "publisher finished");
            assertEquals(SimulationPublisher.State.ENDED, publisher.state());
            long pushed = publisher.samplesPushed();
            assertEquals(Math.round(SECONDS * 250), pushed);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (p.eegTiming().totalFrames() < pushed && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(p.stop(Duration.ofSeconds(10)));
            assertEquals(pushed, p.eegTiming().totalFrames(), "every sample arrived");
            LiveSnapshot last = p.latest().orElseThrow();
            assertEquals("INFUSION", last.phase());
            assertTrue(last.baselineComplete());
            assertEquals(0, last.discontinuities());
            assertEquals(List.of("frontal", "central", "occipital", "temporal"), last.regions(),
                    "the 8-channel montage has no parietal site (P7/P8 are temporal)");

            SimulatedHeadset again = new SimulatedHeadset("P2Sim", SimulatedSession.DEFAULT, settings);
            double[][] expected = again.eeg().next((int) pushed);
            try (RecordingReader r = Recordings.open(xdf)) {
                List<RecordedStream> streams = r.info().streams();
                assertEquals("P2Sim", streams.get(0).info().name());
                assertEquals("P2Sim-Markers", streams.get(1).info().name());
                assertEquals(pushed, streams.get(0).sampleCount());
                assertEquals(publisher.markersPushed(), streams.get(1).sampleCount());
                assertEquals("O1", streams.get(0).info().channels().get(6).label());
                double[][] got = new double[8][(int) pushed];
                r.readSamples(0, 0, (int) pushed, got, 0);
                for (int c = 0; c < 8; c++) {
                    for (int k = 0; k < pushed; k++) {
                        assertEquals((float) expected[c][k], got[c][k], 0.0, "channel " + c + " sample " + k + " in uV");
                    }
                }
                String[][] texts = r.readStrings(1, 0, (int) streams.get(1).sampleCount());
                assertTrue(texts[0][0].startsWith("SESSION "), texts[0][0]);
                // the marker texts are on the LSL clock, like their timestamps: the session decodes back
                assertEquals(List.of(), r.info().warnings());
                SessionTimeline session = r.info().session();
                double start = publisher.startSeconds();
                assertEquals(List.of("BASELINE", "INFUSION"), session.phases().stream().map(SessionPhase::name).toList());
                assertEquals(start + 3.0, session.phases().get(0).endSeconds(), 1e-9);
                assertEquals(start + 3.0, session.phases().get(1).startSeconds(), 1e-9);
                assertEquals(start + 3.0, session.doses().get(0).startSeconds(), 1e-9);
            }
        }
    }
}
