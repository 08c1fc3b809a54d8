package dev.liminal.app;

import dev.liminal.acquisition.recorder.XdfRecorder;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code liminal demo} end to end on loopback LSL (a private port range and session from an
 * lsl_api.cfg-style file): exit 0, the three files, an XDF with both streams, and the
 * simulator's ketamine signature in the summary (gamma up in every region, posterior alpha
 * down in the infusion phase against the baseline).
 */
class DemoIT {
    /** Away from liblsl's defaults (16571..), the LSL helper's tests (27571..) and the acquisition IT (29571..). */
    private static final String LSL_CONFIG = """
            [ports]
            MulticastPort = 29871
            BasePort = 29872
            PortRange = 32
            [multicast]
            ResolveScope = machine
            [lab]
            SessionID = liminal-demo-it-%d
            """;

    @Test
    @Timeout(120)
    void shortDemoWritesTheFilesAndFindsGammaUpAndPosteriorAlphaDownDuringTheInfusion(@TempDir Path dir)
            throws Exception {
        Path cfg = dir.resolve("lsl_api.cfg");
        Files.writeString(cfg, LSL_CONFIG.formatted(ProcessHandle.current().pid()));
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--seconds", "20", "--speed", "100", "--channels", "32", "--out", out.toString(),
                "--no-live-table", "--lsl-config", cfg.toString());
        assertEquals(0, run.exitCode(), run.describe());
        Path timeline = out.resolve("timeline.csv");
        Path summary = out.resolve("summary.csv");
        Path xdf = out.resolve("session.xdf");
        for (Path p : List.of(timeline, summary, xdf)) {
            assertTrue(Files.size(p) > 0, p + " written");
            assertTrue(run.out().contains(p.toString()), "prints " + p + ": " + run.describe());
        }
        assertEquals("time_s,phase,region,band,power_uv2,shift_db", Files.readAllLines(timeline).get(0));

        List<String> rows = Files.readAllLines(summary);
        assertEquals("phase,region,band,mean_shift_db,frames", rows.get(0));
        Map<String, Double> infusion = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (f[0].equals("INFUSION")) infusion.put(f[1] + "/" + f[2], Double.parseDouble(f[3]));
        }
        for (String region : List.of("frontal", "central", "parietal", "occipital", "temporal")) {
            assertTrue(infusion.get(region + "/gamma") > 0, region + " gamma: " + rows);
        }
        assertTrue(infusion.get("parietal/alpha") < 0, "parietal alpha: " + rows);
        assertTrue(infusion.get("occipital/alpha") < 0, "occipital alpha: " + rows);

        try (RecordingReader r = Recordings.open(xdf)) {
            List<RecordedStream> streams = r.info().streams();
            assertEquals(3, streams.size(), "EEG, markers and the recorder's events");
            assertTrue(streams.get(0).info().name().startsWith("SimEEG-demo-"));
            assertEquals(32, streams.get(0).info().channelCount());
            assertEquals(streams.get(0).info().name() + "-Markers", streams.get(1).info().name());
            assertEquals(XdfRecorder.EVENT_STREAM_NAME, streams.get(2).info().name());
            assertTrue(streams.get(0).sampleCount() >= 19 * 500, "about 20 s at 500 Hz: " + streams.get(0).sampleCount());
            assertTrue(streams.get(1).sampleCount() >= 3, "header, two phases and the dose");
            assertEquals(0, streams.get(2).sampleCount(), "no recorder gaps");
            assertEquals(List.of(), r.info().warnings(), "the recorded markers decode cleanly");
            assertEquals(List.of("BASELINE", "INFUSION"),
                    r.info().session().phases().stream().map(SessionPhase::name).toList());
            assertEquals(0.5, r.info().session().doses().get(0).mgPerKg());
        }
    }
}
