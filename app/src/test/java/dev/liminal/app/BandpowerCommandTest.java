package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liminal.datasets.Segment;
import dev.liminal.dsp.spectral.BandPowerTimeline;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.liminal.app.SpectralFixtures.GENERATOR;
import static dev.liminal.app.SpectralFixtures.SINE_8;
import static dev.liminal.app.SpectralFixtures.SINE_POWER_UV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code liminal bandpower}: the streamed timeline against dsp's batch estimator, baseline, JSON, errors. */
class BandpowerCommandTest {
    /** CSV values against the estimator run directly on the same samples. */
    private static final double RELATIVE_TOLERANCE = 1e-9;
    /** How close a band holding the whole Hann main lobe gets to A^2/2 (the EDF's 16-bit quantisation). */
    private static final double SINE_POWER_TOLERANCE = 0.005;
    /** A stationary sine against its own mean power: rounding only. */
    private static final double STATIONARY_SHIFT_DB_TOLERANCE = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void sine8AlphaPowerIsFiveSixthsOfTheSinePowerAndAllOfItInA7To13HzBand() throws IOException {
        // With a 2 s Hann window an 8 Hz sine falls on bin 16; its main lobe puts 1/6 of the power
        // in the 7.5 Hz bin (theta), 4/6 at 8 Hz and 1/6 at 8.5 Hz (alpha).
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", SINE_8);
        assertEquals(0, r.exitCode(), r.describe());
        for (String[] row : SpectralFixtures.rows(r.out())) {
            if (row[2].equals("alpha")) {
                assertEquals(SINE_POWER_UV2 * 5 / 6, Double.parseDouble(row[5]), SINE_POWER_TOLERANCE * SINE_POWER_UV2, row[0]);
                assertEquals(5.0 / 6, Double.parseDouble(row[6]), 1e-6, "relative alpha at " + row[0]);
            }
        }
        CliRun wide = CliRun.of("bandpower", GENERATOR.toString(), "--channels", SINE_8, "--bands", "alpha:7-13");
        assertEquals(0, wide.exitCode(), wide.describe());
        List<String[]> rows = SpectralFixtures.rows(wide.out());
        assertEquals(599, rows.size(), "600 s, 2 s window, 1 s hop: frames end at 2..600 s");
        for (String[] row : rows) {
            assertEquals(SINE_POWER_UV2, Double.parseDouble(row[5]), SINE_POWER_TOLERANCE * SINE_POWER_UV2, row[0]);
            assertEquals(1.0, Double.parseDouble(row[6]), 0.0, "the only band holds all of the power");
        }
    }

    @Test
    void csvEqualsTheBatchEstimatorOnTheSameSamplesWithWindowEndTimes() throws IOException {
        Path out = tmp.resolve("bp.csv");
        String[] labels = {"noise", SINE_8, "sine 17 Hz"};
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", String.join(",", labels),
                "--window-seconds", "1.5", "--hop-seconds", "0.5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("time_s,channel,band,low_hz,high_hz,power_uv2,relative", lines.get(0));
        double[][] x = new double[labels.length][];
        for (int c = 0; c < labels.length; c++) x[c] = SpectralFixtures.samples(GENERATOR, labels[c]);
        TimelineParameters p = TimelineParameters.ofSeconds(200, 1.5, 0.5);
        BandPowerTimeline expected = new BandPowerTimelineEstimator(p, BandSet.DEFAULT).estimate(x, 0.0);
        Iterator<String[]> rows = SpectralFixtures.rows(String.join("\n", lines)).iterator();
        for (int f = 0; f < expected.frameCount(); f++) {
            for (int c = 0; c < labels.length; c++) {
                for (int b = 0; b < BandSet.DEFAULT.size(); b++) {
                    String[] row = rows.next();
                    assertEquals((f * 100 + 300) / 200.0, Double.parseDouble(row[0]), 1e-12, "time is the window's end");
                    assertEquals(labels[c], row[1]);
                    assertEquals(BandSet.DEFAULT.get(b).name(), row[2]);
                    assertEquals(BandSet.DEFAULT.get(b).lowHz(), Double.parseDouble(row[3]), 0.0);
                    assertEquals(BandSet.DEFAULT.get(b).highHz(), Double.parseDouble(row[4]), 0.0);
                    double want = expected.absolute(c, f, b);
                    assertTrue(SpectralFixtures.close(want, Double.parseDouble(row[5]), RELATIVE_TOLERANCE),
                            "frame " + f + " " + labels[c] + " " + row[2] + ": " + row[5] + " vs " + want);
                    assertTrue(SpectralFixtures.close(expected.relative(c, f, b), Double.parseDouble(row[6]), RELATIVE_TOLERANCE));
                }
            }
        }
        assertFalse(rows.hasNext(), "one row per frame, channel and band");
        assertEquals(List.of("bp.csv"), SpectralFixtures.files(tmp));
    }

    @Test
    void baselineShiftOfAStationarySineIsZeroDecibels() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", SINE_8, "--baseline", "10-70",
                "--bands", "alpha:7-13");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("time_s,channel,band,low_hz,high_hz,power_uv2,relative,shift_db\n"), r.out());
        for (String[] row : SpectralFixtures.rows(r.out())) {
            assertEquals(0.0, Double.parseDouble(row[7]), STATIONARY_SHIFT_DB_TOLERANCE, "at " + row[0]);
        }
    }

    @Test
    void baselineShiftIsTenLog10OfPowerOverTheMeanOfFramesInsideTheInterval() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "noise", "--bands", "beta:13-30",
                "--baseline", "0-10");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        // Windows [0,2] .. [8,10] lie inside 0-10 s: the frames ending at 2..10 s.
        double mean = 0;
        for (int f = 0; f < 9; f++) mean += Double.parseDouble(rows.get(f)[5]) / 9;
        for (String[] row : rows) {
            double expected = 10 * Math.log10(Double.parseDouble(row[5]) / mean);
            assertEquals(expected, Double.parseDouble(row[7]), 1e-9, "at " + row[0]);
        }
    }

    @Test
    void jsonHoldsTheParametersAndTheSameRowsAsTheCsv() throws IOException {
        String[] common = {"bandpower", GENERATOR.toString(), "--channels", "sine 8 Hz,sine 15 Hz", "--baseline", "0-30"};
        CliRun csv = CliRun.of(common);
        List<String> jsonArgs = new ArrayList<>(List.of(common));
        jsonArgs.add("--json");
        CliRun json = CliRun.of(jsonArgs.toArray(String[]::new));
        assertEquals(0, json.exitCode(), json.describe());
        JsonNode root = new ObjectMapper().readTree(json.out());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("file", "sample_rate_hz", "window_seconds", "window_samples", "hop_seconds", "hop_samples",
                "bands", "channels", "reference", "notch", "bandpass", "baseline", "rows"), keys);
        assertEquals(GENERATOR.toString(), root.get("file").asText());
        assertEquals(200.0, root.get("sample_rate_hz").asDouble());
        assertEquals(2.0, root.get("window_seconds").asDouble());
        assertEquals(1.0, root.get("hop_seconds").asDouble());
        assertEquals(5, root.get("bands").size());
        assertEquals("alpha", root.get("bands").get(2).get("name").asText());
        assertEquals(8.0, root.get("bands").get(2).get("low_hz").asDouble());
        assertEquals(13.0, root.get("bands").get(2).get("high_hz").asDouble());
        assertEquals("[\"sine 8 Hz\",\"sine 15 Hz\"]", root.get("channels").toString());
        assertEquals("none", root.get("reference").asText());
        assertEquals(30.0, root.get("baseline").get("end_s").asDouble());
        assertEquals(29, root.get("baseline").get("frames").asInt());
        List<String[]> csvRows = SpectralFixtures.rows(csv.out());
        JsonNode rows = root.get("rows");
        assertEquals(csvRows.size(), rows.size());
        String[] fields = {"time_s", "channel", "band", "low_hz", "high_hz", "power_uv2", "relative", "shift_db"};
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertEquals(fields.length, row.size());
            for (int j = 0; j < fields.length; j++) {
                String want = csvRows.get(i)[j];
                JsonNode got = row.get(fields[j]);
                if (got.isNumber()) {
                    assertEquals(Double.parseDouble(want), got.asDouble(), 0.0, fields[j] + " of row " + i);
                } else {
                    assertEquals(want, got.asText(), fields[j] + " of row " + i);
                }
            }
        }
    }

    @Test
    void commonAverageOfTwoChannelsGivesBothHalfTheirDifference() throws IOException {
        // A - (A+B)/2 = (A-B)/2 and B - (A+B)/2 = -(A-B)/2: equal powers in both channels.
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "sine 8 Hz,noise", "--reference", "average");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        for (int i = 0; i < rows.size(); i += 10) {
            for (int b = 0; b < 5; b++) {
                assertTrue(SpectralFixtures.close(Double.parseDouble(rows.get(i + b)[5]), Double.parseDouble(rows.get(i + 5 + b)[5]), 1e-9),
                        rows.get(i + b)[0] + " " + rows.get(i + b)[2]);
            }
        }
    }

    @Test
    void causalNotchRemovesMainsOnceSettled() throws IOException {
        String[] args = {"bandpower", GENERATOR.toString(), "--channels", "sine 50 Hz", "--bands", "mains:45-55"};
        CliRun raw = CliRun.of(args);
        List<String> notched = new ArrayList<>(List.of(args));
        notched.addAll(List.of("--notch", "50"));
        CliRun filtered = CliRun.of(notched.toArray(String[]::new));
        assertEquals(0, filtered.exitCode(), filtered.describe());
        List<String[]> before = SpectralFixtures.rows(raw.out());
        List<String[]> after = SpectralFixtures.rows(filtered.out());
        assertEquals(before.size(), after.size());
        // After 10 s the 2 Hz wide notch (Q 25) has long settled.
        for (int i = 10; i < after.size(); i++) {
            double ratio = Double.parseDouble(after.get(i)[5]) / Double.parseDouble(before.get(i)[5]);
            assertTrue(ratio < 1e-4, "at " + after.get(i)[0] + " s the notch left " + ratio + " of the mains power");
        }
    }

    @Test
    void discontinuousFileRestartsTheWindowAtEveryRunSoNoFrameSpansAGap() throws IOException {
        Path file = CliRun.fixture("edf/Discontinuous2.edf");
        List<Segment> runs = SpectralFixtures.runs(file, "HR");
        // 0.25 Hz: 8 s windows of 2 samples, a frame every 4 s (1 sample).
        CliRun r = CliRun.of("bandpower", file.toString(), "--channels", "HR", "--window-seconds", "8",
                "--hop-seconds", "4", "--bands", "slow:0-0.125");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        int expectedFrames = 0;
        for (Segment run : runs) expectedFrames += (int) Math.max(0, run.sampleCount() - 1);
        assertEquals(expectedFrames, rows.size(), "per run, one frame per sample after the first");
        for (String[] row : rows) {
            double end = Double.parseDouble(row[0]);
            boolean insideOneRun = runs.stream().anyMatch(run -> end - 8 >= run.startSeconds() - 1e-9
                    && end <= run.startSeconds() + run.sampleCount() * 4.0 + 1e-9);
            assertTrue(insideOneRun, "the window ending at " + end + " s lies inside one run");
        }
    }

    @Test
    void bandAboveNyquistFails() throws IOException {
        assertRejected(List.of("--bands", "alpha:8-13,high:90-110"),
                "band high 90.0-110.0 Hz exceeds Nyquist 100.0 Hz for 200.0 Hz sampling; expected bands at or below 100 Hz");
    }

    @Test
    void windowLongerThanTheDataFails() throws IOException {
        assertRejected(List.of("--window-seconds", "900"), "--window-seconds 900 (180000 samples at 200 Hz) is longer than the data");
    }

    @Test
    void unknownChannelFails() throws IOException {
        assertRejected(List.of("--channels", "Cz"), "no numeric regular channel named 'Cz'");
    }

    @Test
    void emptyChannelSelectionFails() throws IOException {
        assertRejected(List.of("--channels", " , "), "has an empty channel name");
    }

    @Test
    void baselineHoldingNoWholeWindowFails() throws IOException {
        assertRejected(List.of("--channels", SINE_8, "--baseline", "10-11"), "--baseline 10-11 holds no whole 2 s window");
    }

    @Test
    void notchAboveNyquistFails() throws IOException {
        double[] a = new double[400];
        double[] b = new double[400];
        for (int k = 0; k < 400; k++) {
            a[k] = Math.sin(k * 0.3);
            b[k] = Math.cos(k * 0.7);
        }
        Path file = SpectralFixtures.scaffold(tmp, 80, a, b);
        Path out = tmp.resolve("bp.json");
        CliRun r = CliRun.of("bandpower", file.toString(), "--bands", "alpha:8-13", "--notch", "50", "--json",
                "--out", out.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: --notch 50: ") && r.err().contains("sampled at 80 Hz"), r.err());
        assertEquals(List.of("signal.lscaf"), SpectralFixtures.files(tmp));
    }

    @Test
    void nonFiniteSampleFailsWithoutOutput() throws IOException {
        double[] a = new double[400];
        double[] b = new double[400];
        for (int k = 0; k < 400; k++) {
            a[k] = Math.sin(k * 0.3);
            b[k] = Math.cos(k * 0.7);
        }
        a[321] = Double.POSITIVE_INFINITY;
        Path file = SpectralFixtures.scaffold(tmp, 80, a, b);
        Path out = tmp.resolve("bp.csv");
        CliRun r = CliRun.of("bandpower", file.toString(), "--bands", "alpha:8-13", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(List.of("liminal: " + file + ": channel 'A' has sample value Infinity at 4.0125 s (sample 321); expected finite numbers"),
                r.errLines());
        assertEquals(List.of("signal.lscaf"), SpectralFixtures.files(tmp));
    }

    private void assertRejected(List<String> options, String expectedPart) throws IOException {
        Path out = tmp.resolve("bp.csv");
        List<String> args = new ArrayList<>(List.of("bandpower", GENERATOR.toString()));
        args.addAll(options);
        args.addAll(List.of("--out", out.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: ") && r.err().contains(expectedPart), r.describe());
        assertEquals(List.of(), SpectralFixtures.files(tmp), "no output and no temporary file: " + args);
    }
}
