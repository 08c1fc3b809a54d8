package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import dev.liminal.dsp.fft.WindowFunction;
import dev.liminal.dsp.metrics.MetricInput;
import dev.liminal.dsp.metrics.SpectralMetrics;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.liminal.app.SpectralFixtures.GENERATOR;
import static dev.liminal.app.SpectralFixtures.SINE_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code liminal bandpower --shift, --regions, --quality}: known answers from the CSV's own power column and samples. */
class BandpowerOptionsTest {
    /** Shifts recomputed from the printed powers: printing rounds to the shortest exact double, so only arithmetic order differs. */
    private static final double SHIFT_TOLERANCE = 1e-9;
    /**
     * Metrics of the CLI's frame against a Welch estimate of the same window made here: one
     * spectrum code path, so only the printed digits differ.
     */
    private static final double METRIC_RELATIVE_TOLERANCE = 1e-9;
    /** A sine on a bin: the interpolated peak lands on it up to rounding. */
    private static final double PAF_TOLERANCE_HZ = 1e-6;
    /** Region means recomputed from the printed channel powers. */
    private static final double MEAN_RELATIVE_TOLERANCE = 1e-12;

    @TempDir
    Path tmp;

    @Test
    void allFourShiftsInFixedColumnOrderAgainstTheBaselineFramesMeanAndPopulationSd() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "noise", "--bands", "beta:13-30",
                "--baseline", "0-10", "--shift", "z, ratio,db,percent");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("time_s,channel,band,low_hz,high_hz,power_uv2,relative,shift_db,shift_percent,"
                + "shift_ratio,shift_z\n"), r.out().substring(0, 120));
        List<String[]> rows = SpectralFixtures.rows(r.out());
        // Windows [0,2] .. [8,10] lie inside 0-10 s: the frames ending at 2..10 s.
        double mean = 0;
        for (int f = 0; f < 9; f++) mean += Double.parseDouble(rows.get(f)[5]) / 9;
        double squares = 0;
        for (int f = 0; f < 9; f++) squares += Math.pow(Double.parseDouble(rows.get(f)[5]) - mean, 2);
        double sd = Math.sqrt(squares / 9);
        for (String[] row : rows) {
            double p = Double.parseDouble(row[5]);
            assertEquals(10 * Math.log10(p / mean), Double.parseDouble(row[7]), SHIFT_TOLERANCE, "dB at " + row[0]);
            assertEquals(100 * (p - mean) / mean, Double.parseDouble(row[8]), SHIFT_TOLERANCE * 100, "% at " + row[0]);
            assertEquals(p / mean, Double.parseDouble(row[9]), SHIFT_TOLERANCE, "ratio at " + row[0]);
            assertEquals((p - mean) / sd, Double.parseDouble(row[10]), SHIFT_TOLERANCE, "z at " + row[0]);
        }
    }

    @Test
    void defaultShiftIsDecibelsOnlySoExistingOutputIsUnchanged() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", SINE_8, "--baseline", "0-10");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("time_s,channel,band,low_hz,high_hz,power_uv2,relative,shift_db\n"));
    }

    @Test
    void userRegionRowsHoldTheMeanPowerOfTheirChannelsAndShiftsOfThatMean() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "noise,sine 8 Hz,sine 15 Hz",
                "--regions", "pair:noise,sine 8 Hz;one:sine 15 Hz", "--baseline", "0-20", "--shift", "db,ratio");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        int bands = 5;
        int perFrame = 5 * bands;
        assertEquals(599 * perFrame, rows.size(), "3 channels and 2 regions per frame");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < perFrame; i += bands) order.add(rows.get(i)[1]);
        assertEquals(List.of("noise", "sine 8 Hz", "sine 15 Hz", "region:pair", "region:one"), order);
        double[] baselineMean = new double[bands];
        for (int f = 0; f < 19; f++) {
            for (int b = 0; b < bands; b++) baselineMean[b] += Double.parseDouble(rows.get(f * perFrame + 15 + b)[5]) / 19;
        }
        for (int f = 0; f < 599; f++) {
            int at = f * perFrame;
            double total = 0;
            for (int b = 0; b < bands; b++) total += Double.parseDouble(rows.get(at + 15 + b)[5]);
            for (int b = 0; b < bands; b++) {
                double mean = (Double.parseDouble(rows.get(at + b)[5]) + Double.parseDouble(rows.get(at + bands + b)[5])) / 2;
                String[] pair = rows.get(at + 15 + b);
                assertTrue(SpectralFixtures.close(mean, Double.parseDouble(pair[5]), MEAN_RELATIVE_TOLERANCE),
                        pair[0] + " " + pair[2] + ": " + pair[5] + " vs mean " + mean);
                assertEquals(Double.parseDouble(pair[5]) / total, Double.parseDouble(pair[6]), 1e-12, "relative of the region");
                assertEquals(10 * Math.log10(Double.parseDouble(pair[5]) / baselineMean[b]), Double.parseDouble(pair[7]),
                        SHIFT_TOLERANCE, "region dB at " + pair[0] + " " + pair[2]);
                assertEquals(rows.get(at + 2 * bands + b)[5], rows.get(at + 4 * bands + b)[5], "a one-channel region is that channel");
            }
        }
    }

    @Test
    void autoRegionsOfTheBrainVisionRecordingAverageItsTenTwentyChannelsByLobe() throws IOException {
        Path file = CliRun.fixture("brainvision/test.vhdr");
        String frontal = "FP1,FP2,F3,F4,F7,F8,Fz";
        CliRun r = CliRun.of("bandpower", file.toString(), "--channels", frontal + ",O1,O2,HL", "--regions", "auto",
                "--json");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("[{\"name\":\"frontal\",\"channel\":\"region:frontal\",\"channels\":[\"FP1\",\"FP2\",\"F3\",\"F4\","
                + "\"F7\",\"F8\",\"Fz\"]},{\"name\":\"occipital\",\"channel\":\"region:occipital\",\"channels\":[\"O1\","
                + "\"O2\"]}]", root.get("regions").toString());
        Map<String, Double> sums = new HashMap<>();
        Map<String, Double> regionPower = new HashMap<>();
        for (JsonNode row : root.get("rows")) {
            String key = row.get("time_s").asText() + "/" + row.get("band").asText();
            String channel = row.get("channel").asText();
            double power = row.get("power_uv2").asDouble();
            if (channel.equals("region:frontal")) {
                regionPower.put(key, power);
            } else if (frontal.contains(channel) && !channel.startsWith("region:")) {
                sums.merge(key, power / 7, Double::sum);
            }
        }
        assertEquals(sums.keySet(), regionPower.keySet());
        for (String key : sums.keySet()) {
            assertTrue(SpectralFixtures.close(sums.get(key), regionPower.get(key), MEAN_RELATIVE_TOLERANCE), key);
        }
    }

    @Test
    void qualityFlagsMarkBroadbandNoiseAsEmgAndLeaveThePureSineClean() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "noise," + SINE_8, "--quality");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("time_s,channel,band,low_hz,high_hz,power_uv2,relative,flags\n"));
        double[] noise = SpectralFixtures.samples(GENERATOR, "noise");
        for (String[] row : SpectralFixtures.rows(r.out())) {
            if (row[1].equals(SINE_8)) {
                assertEquals(8, row.length, "an empty flags field for the 100 uV sine");
                assertEquals("", row[7], "the 100 uV sine at " + row[0]);
            } else {
                int end = (int) Math.round(Double.parseDouble(row[0]) * 200);
                assertEquals(expectedNoiseFlags(noise, end - 400, end), row[7], "noise at " + row[0]);
            }
        }
    }

    /** Amplitude by the documented rule on the samples; EMG always (white noise has about 26 % of 1-69 Hz power in 51-69 Hz). */
    private static String expectedNoiseFlags(double[] x, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) mean += x[i] / (to - from);
        double peak = 0;
        for (int i = from; i < to; i++) peak = Math.max(peak, Math.abs(x[i] - mean));
        return peak > 150 ? "amplitude|emg" : "emg";
    }

    @Test
    void jsonRowsCarryAFlagsArrayAndTheThresholds() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", SINE_8, "--quality", "--json",
                "--hop-seconds", "100");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("{\"amplitude_uv\":150.0,\"flat_peak_to_peak_uv\":0.5,\"emg_index_warning\":0.05,\"emg_checked\":true}",
                root.get("quality").toString());
        for (JsonNode row : root.get("rows")) assertEquals("[]", row.get("flags").toString());
    }

    @Test
    void metricColumnsEqualTheMetricsOfEachWindowsPeriodogramAndThe8HzSinePeaksAt8Hz() throws IOException {
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", "noise," + SINE_8, "--metrics", "lzc,paf,all",
                "--regions", "n:noise", "--hop-seconds", "37");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("time_s,channel,band,low_hz,high_hz,power_uv2,relative,lzc,paf_hz,sef95_hz,"
                + "spectral_entropy,aperiodic_exponent\n"), r.out().substring(0, 140));
        String[] ids = {"lempel-ziv-complexity", "peak-alpha-frequency", "spectral-edge-frequency", "spectral-entropy",
                "aperiodic-exponent"};
        WelchEstimator welch = new WelchEstimator(new WelchParameters(200, 400, 0, WindowFunction.HANN));
        double[][] x = {SpectralFixtures.samples(GENERATOR, "noise"), SpectralFixtures.samples(GENERATOR, SINE_8)};
        for (String[] row : SpectralFixtures.rows(r.out())) {
            if (row[1].startsWith("region:")) {
                assertEquals(List.of("", "", "", "", ""), List.of(row).subList(7, 12), "no metrics on region rows");
                continue;
            }
            int c = row[1].equals("noise") ? 0 : 1;
            int end = (int) Math.round(Double.parseDouble(row[0]) * 200);
            double[][] window = {Arrays.copyOfRange(x[c], end - 400, end)};
            PowerSpectrum spectrum = welch.estimate(window);
            MetricInput input = new MetricInput(spectrum, 0, BandSet.DEFAULT, window[0]);
            for (int m = 0; m < ids.length; m++) {
                double want = SpectralMetrics.byId(ids[m]).orElseThrow().compute(input);
                if (Double.isNaN(want)) {
                    assertEquals("NaN", row[7 + m], ids[m] + " is undefined for " + row[1] + " at " + row[0]);
                } else {
                    assertEquals(want, Double.parseDouble(row[7 + m]), METRIC_RELATIVE_TOLERANCE * Math.max(1, Math.abs(want)),
                            ids[m] + " of " + row[1] + " at " + row[0]);
                }
            }
            if (c == 1) assertEquals(8.0, Double.parseDouble(row[8]), PAF_TOLERANCE_HZ, "PAF of the 8 Hz sine at " + row[0]);
        }
    }

    @Test
    void unknownMetricFails() {
        assertRejected(List.of("--metrics", "paf,alpha-ratio"),
                "--metrics 'paf,alpha-ratio': 'alpha-ratio' is not one of paf, sef95, entropy, aperiodic, lzc or all");
    }

    @Test
    void helpDescribesTheNewOptionsWithoutFormatWarnings() {
        CliRun r = CliRun.of("bandpower", "--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.err(), "picocli reads % in help text as a format specifier");
        for (String option : List.of("--shift", "--regions", "--quality", "--metrics", "shift_percent", "region:NAME",
                "5% of 1-69 Hz", "sef95_hz")) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }

    @Test
    void shiftWithoutBaselineFails() {
        assertRejected(List.of("--shift", "db"), "--shift 'db' needs --baseline START-END");
    }

    @Test
    void unknownShiftFails() {
        assertRejected(List.of("--baseline", "0-10", "--shift", "db,log"), "--shift 'db,log': 'log' is not one of db, percent, ratio, z");
    }

    @Test
    void zScoreOfASingleBaselineFrameFails() {
        assertRejected(List.of("--channels", SINE_8, "--baseline", "0-2.5", "--shift", "z"),
                "--shift z needs at least 2 baseline frames, but --baseline 0-2.5 holds 1");
    }

    @Test
    void autoRegionsWithoutTenTwentyLabelsFail() {
        assertRejected(List.of("--channels", SINE_8 + ",noise", "--regions", "auto"),
                "--regions 'auto': no channel of [sine 8 Hz, noise] is a 10-20 electrode with a region");
    }

    @Test
    void regionGroupNamingAnUnselectedChannelFails() {
        assertRejected(List.of("--channels", SINE_8 + ",noise", "--regions", "a:noise,ramp"),
                "--regions 'a:noise,ramp': region a: no channel named 'ramp'; expected labels from [sine 8 Hz, noise]");
    }

    @Test
    void nanSampleFailsWithoutOutput() throws IOException {
        double[] a = new double[400];
        double[] b = new double[400];
        for (int k = 0; k < 400; k++) {
            a[k] = Math.sin(k * 0.3);
            b[k] = Math.cos(k * 0.7);
        }
        b[17] = Double.NaN;
        Path file = SpectralFixtures.scaffold(tmp, 80, a, b);
        Path out = tmp.resolve("bp.csv");
        CliRun r = CliRun.of("bandpower", file.toString(), "--bands", "alpha:8-13", "--quality", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(List.of("liminal: " + file + ": channel 'B' has sample value NaN at 0.2125 s (sample 17); expected finite numbers"),
                r.errLines());
        assertEquals(List.of("signal.lscaf"), SpectralFixtures.files(tmp));
    }

    private void assertRejected(List<String> options, String expectedPart) {
        Path out = tmp.resolve("bp.csv");
        List<String> args = new ArrayList<>(List.of("bandpower", GENERATOR.toString()));
        args.addAll(options);
        args.addAll(List.of("--out", out.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertTrue(r.exitCode() != 0, r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: ") && r.err().contains(expectedPart), r.describe());
        try {
            assertEquals(List.of(), SpectralFixtures.files(tmp), "no output and no temporary file: " + args);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
