package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.simulation.SimulationSettings;
import dev.liminal.acquisition.recorder.XdfRecorder;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.MemoryStreamSource;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.dsp.region.ChannelRegion;
import dev.liminal.dsp.region.RegionMap;
import dev.liminal.dsp.spectral.BandPowerTimeline;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivePipelineTest {
    /** 100x: the 5 min baseline lasts 3 s of stream (10 whole 2 s windows at a 0.1 s hop). */
    private static final double SPEED = 100;
    /** 30 s: baseline 0-3 s, infusion 3-27 s, emergence from 27 s. */
    private static final double SECONDS = 30;
    private static final double START = 1000.0;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(50);
    private static final double MARKER_ALLOWANCE_SECONDS = 30;
    private static final List<String> REGIONS = List.of("frontal", "central", "parietal", "occipital", "temporal");

    private static SimulatedStreams session;

    @BeforeAll
    static void generate() {
        session = new SimulatedStreams(SimulationSettings.DEFAULT.withSpeed(SPEED), SECONDS, START);
    }

    private static LivePipeline runToEnd(MemoryStreamSource eeg, MemoryStreamSource markers, LivePipelineOptions o)
            throws Exception {
        LivePipeline p = new LivePipeline(PipelineInput.local(eeg), markers == null ? null : PipelineInput.local(markers), o);
        p.start();
        assertTrue(p.awaitEnd(RUN_TIMEOUT), "pipeline ended");
        assertTrue(p.stop(Duration.ofSeconds(5)), "pipeline stopped");
        assertTrue(p.failure().isEmpty(), () -> "failure " + p.failure());
        return p;
    }

    /**
     * A ring that holds the whole test session, so no overrun can happen however slow the
     * machine, and a marker allowance far beyond any scheduling delay: the sources run unpaced,
     * so the EEG can be computed long before the marker pump thread gets the CPU.
     */
    private static LivePipelineOptions lossless() {
        return LivePipelineOptions.defaults().withRingSeconds(2 * SECONDS).withMarkerAllowance(MARKER_ALLOWANCE_SECONDS);
    }

    @Test
    @Timeout(60)
    void simulatedInfusionRaisesGammaEverywhereAndLowersPosteriorAlphaAgainstTheBaseline() throws Exception {
        LivePipeline p = runToEnd(session.eegSource(), session.markerSource(), lossless());
        SessionSummary summary = p.summary().orElseThrow();
        assertTrue(summary.hasBaseline());
        assertEquals(10, summary.baselineFrames(), "frames ending at 2.0..2.9 s lie wholly in the 0-3 s baseline");
        assertEquals(List.of("BASELINE", "INFUSION", "EMERGENCE"),
                summary.rows().stream().map(SummaryRow::phase).distinct().toList());
        for (String region : REGIONS) {
            double gamma = summary.row("INFUSION", region, "gamma").orElseThrow().meanShiftDb();
            assertTrue(gamma > 1.0, region + " gamma " + gamma + " dB");
        }
        for (String region : List.of("parietal", "occipital")) {
            double alpha = summary.row("INFUSION", region, "alpha").orElseThrow().meanShiftDb();
            assertTrue(alpha < -1.0, region + " alpha " + alpha + " dB");
        }
        LiveSnapshot last = p.latest().orElseThrow();
        assertEquals("EMERGENCE", last.phase());
        assertEquals("MODERATE", last.doseTier(), "0.5 mg/kg is the lower edge of MODERATE in the default table");
        assertEquals(0.5, last.doseMgPerKg());
        assertEquals(0, last.discontinuities());
        assertEquals(281, last.frames(), "one frame per 0.1 s hop from 2 s to 30 s");
        assertEquals(SECONDS, last.sessionSeconds(), 1e-9);
    }

    @Test
    @Timeout(60)
    void timelineRowsEqualTheOfflineRegionMeansAndCarryShiftsOnlyOnceTheBaselineIsOver(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("timeline.csv");
        runToEnd(session.eegSource(), session.markerSource(), lossless().withTimelineCsv(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time_s,phase,region,band,power_uv2,shift_db", lines.get(0));
        int cells = REGIONS.size() * BandSet.DEFAULT.size();
        assertEquals(1 + 281 * cells, lines.size());

        double rate = SimulationSettings.DEFAULT.sampleRateHz();
        BandPowerTimeline offline = new BandPowerTimelineEstimator(TimelineParameters.liveDefaults(rate), BandSet.DEFAULT)
                .estimate(session.eeg, 0);
        List<String> labels = session.headset.eegStream().channels().stream().map(ChannelInfo::label).toList();
        RegionMap regions = RegionMap.fromTenTwenty(labels);
        assertEquals(REGIONS, regions.names());
        for (int row = 1; row < lines.size(); row++) {
            String[] f = lines.get(row).split(",", -1);
            int frame = (row - 1) / cells;
            int r = (row - 1) % cells / BandSet.DEFAULT.size();
            int b = (row - 1) % BandSet.DEFAULT.size();
            assertEquals(offline.frameEndTimeSeconds(frame), Double.parseDouble(f[0]), 1e-9, lines.get(row));
            assertEquals(REGIONS.get(r), f[2]);
            assertEquals(BandSet.DEFAULT.get(b).name(), f[3]);
            ChannelRegion region = regions.get(r);
            double sum = 0;
            for (int k = 0; k < region.size(); k++) sum += offline.absolute(region.channel(k), frame, b);
            assertEquals(sum / region.size(), Double.parseDouble(f[4]), 0.0, "streaming equals offline: " + lines.get(row));
            double t = Double.parseDouble(f[0]);
            String expectedPhase = t < 3.0 ? "BASELINE" : t < 27.0 ? "INFUSION" : "EMERGENCE";
            assertEquals(expectedPhase, f[1], lines.get(row));
            assertEquals(t < 3.0, f[5].isEmpty(), "shift only after the baseline: " + lines.get(row));
        }
    }

    @Test
    @Timeout(30)
    void timestampGapRestartsTheWindowAndIsCounted() throws Exception {
        double rate = 250;
        int before = 1000;
        int after = 500;
        double gap = 1.5;
        StreamInfo info = new StreamInfo("gappy", "EEG", "", List.of(new ChannelInfo("O1", ChannelType.EEG, "uV")),
                rate, SampleFormat.FLOAT32, Map.of());
        double[][] x = new double[1][before + after];
        double[] t = new double[before + after];
        for (int k = 0; k < x[0].length; k++) {
            x[0][k] = 10 * Math.sin(2 * Math.PI * 10 * k / rate);
            t[k] = START + k / rate + (k >= before ? gap : 0);
        }
        LivePipeline p = runToEnd(MemoryStreamSource.numeric(info, x, t), null, LivePipelineOptions.defaults());
        LiveSnapshot last = p.latest().orElseThrow();
        assertEquals(1, last.discontinuities());
        assertEquals(0, last.framesLost());
        // the 4 s run before the gap gives (4 - 2) / 0.1 + 1 frames, the 2 s run after it one; none spans the gap
        assertEquals(21 + 1, last.frames());
        assertTrue(last.discontinuity(), "the first frame after the gap is marked");
        assertEquals(gap, last.gapSeconds(), 1e-9);
        assertEquals(before / rate + gap + after / rate, last.sessionSeconds(), 1e-9);
        assertEquals("", last.phase());
        assertFalse(last.baselineComplete());
        assertEquals(List.of("occipital"), p.regionNames());
    }

    @Test
    @Timeout(60)
    void readerOverrunIsCountedMarkedAndReportedToTheMonitor() throws Exception {
        // the source is drained as fast as memory copies go into a ring of a few thousand frames,
        // far faster than 32 channels of periodograms every 50 samples: the dsp reader must overrun
        LivePipelineOptions small = LivePipelineOptions.defaults().withRingSeconds(TimelineParameters.DEFAULT_WINDOW_SECONDS);
        LivePipeline p = runToEnd(session.eegSource(), session.markerSource(), small);
        LiveSnapshot last = p.latest().orElseThrow();
        assertTrue(last.discontinuities() >= 1, "discontinuities " + last.discontinuities());
        assertTrue(last.framesLost() > 0);
        assertEquals(last.framesLost(), p.eegTiming().framesLost(), "the monitor hears of every lost frame");
        assertEquals(last.discontinuities(), p.eegTiming().overruns());
    }

    @Test
    @Timeout(60)
    void recordingHoldsBothStreamsAndTheRecorderEvents(@TempDir Path dir) throws Exception {
        Path xdf = dir.resolve("session.xdf");
        LivePipeline p = runToEnd(session.eegSource(), session.markerSource(), lossless().withRecording(xdf));
        assertEquals(XdfRecorder.State.STOPPED, p.recorderStatus().orElseThrow().state());
        try (RecordingReader r = RecordingFormats.open(xdf)) {
            List<RecordedStream> streams = r.info().streams();
            List<String> names = new ArrayList<>();
            for (RecordedStream s : streams) names.add(s.info().name());
            assertEquals(List.of("SimEEG", "SimEEG-Markers", XdfRecorder.EVENT_STREAM_NAME), names);
            assertEquals(session.eegTimes.length, streams.get(0).sampleCount());
            assertEquals(session.markers.length, streams.get(1).sampleCount());
            assertEquals(0, streams.get(2).sampleCount(), "no gaps");
        }
    }
}
