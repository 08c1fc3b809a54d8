package dev.liminal.app;

import dev.liminal.datasets.Segment;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.liminal.app.SpectralFixtures.GENERATOR;
import static dev.liminal.app.SpectralFixtures.SINE_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code liminal psd}: the file-wide Welch PSD, streamed, against dsp's estimator. */
class PsdCommandTest {
    /** CSV values against the estimator run directly on the same samples. */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void sine8PsdPeaksAt8HzAndEqualsWelchOnTheWholeChannel() throws IOException {
        Path out = tmp.resolve("psd.csv");
        CliRun r = CliRun.of("psd", GENERATOR.toString(), "--channels", SINE_8, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.out(), "the CSV goes to --out, nothing to stdout");
        List<String> lines = Files.readAllLines(out);
        assertEquals("channel,frequency_hz,psd_uv2_per_hz", lines.get(0));

        double[] x = SpectralFixtures.samples(GENERATOR, SINE_8);
        PowerSpectrum expected = new WelchEstimator(WelchParameters.ofSeconds(200, 2, 0.5)).estimate(new double[][] {x});
        List<String[]> rows = SpectralFixtures.rows(String.join("\n", lines));
        assertEquals(expected.binCount(), rows.size(), "one row per bin: 0..100 Hz in 0.5 Hz steps");
        int peak = 0;
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            assertEquals(SINE_8, row[0]);
            assertEquals(expected.frequencyHz(k), Double.parseDouble(row[1]), 0.0);
            double psd = Double.parseDouble(row[2]);
            assertTrue(SpectralFixtures.close(expected.density(0, k), psd, RELATIVE_TOLERANCE),
                    "bin " + k + ": " + psd + " vs " + expected.density(0, k));
            if (psd > Double.parseDouble(rows.get(peak)[2])) peak = k;
        }
        assertEquals(8.0, Double.parseDouble(rows.get(peak)[1]), 0.0, "the peak is at 8 Hz");
        double total = 0;
        for (String[] row : rows) total += Double.parseDouble(row[2]) * expected.parameters().binWidthHz();
        assertEquals(SpectralFixtures.SINE_POWER_UV2, total, 0.01 * SpectralFixtures.SINE_POWER_UV2,
                "the integrated density of a 100 uV sine is A^2/2 (Parseval)");
        assertEquals(List.of("psd.csv"), SpectralFixtures.files(tmp));
    }

    @Test
    void windowAndOverlapOptionsSetSegmentAndStepAndCsvGoesToStdoutWithoutOut() throws IOException {
        CliRun r = CliRun.of("psd", GENERATOR.toString(), "--channels", "sine 1 Hz,sine 17 Hz",
                "--window-seconds", "4", "--overlap", "0.25");
        assertEquals(0, r.exitCode(), r.describe());
        WelchParameters p = WelchParameters.ofSeconds(200, 4, 0.25);
        assertEquals(800, p.segmentSamples());
        assertEquals(200, p.overlapSamples());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        assertEquals(2 * p.binCount(), rows.size());
        for (int c = 0; c < 2; c++) {
            String label = c == 0 ? "sine 1 Hz" : "sine 17 Hz";
            PowerSpectrum expected = new WelchEstimator(p).estimate(new double[][] {SpectralFixtures.samples(GENERATOR, label)});
            for (int k = 0; k < p.binCount(); k++) {
                String[] row = rows.get(c * p.binCount() + k);
                assertEquals(label, row[0]);
                assertTrue(SpectralFixtures.close(expected.density(0, k), Double.parseDouble(row[2]), RELATIVE_TOLERANCE),
                        label + " bin " + k);
            }
        }
    }

    @Test
    void discontinuousFileAveragesTheSegmentsOfEveryRunWeightedBySegmentCount() throws IOException {
        Path file = CliRun.fixture("edf/Discontinuous2.edf");
        List<Segment> runs = SpectralFixtures.runs(file, "HR");
        assertTrue(runs.size() > 1, "the fixture is EDF+D with several runs");
        // 0.25 Hz: 16 s segments of 4 samples, step 2.
        WelchParameters p = WelchParameters.ofSeconds(0.25, 16, 0.5);
        double[] weighted = new double[p.binCount()];
        int segments = 0;
        for (Segment run : runs) {
            if (run.sampleCount() < p.segmentSamples()) continue;
            PowerSpectrum s = new WelchEstimator(p).estimate(new double[][] {SpectralFixtures.samples(file, "HR", run)});
            for (int k = 0; k < weighted.length; k++) weighted[k] += s.density(0, k) * s.segmentsAveraged();
            segments += s.segmentsAveraged();
        }
        CliRun r = CliRun.of("psd", file.toString(), "--channels", "HR", "--window-seconds", "16");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> rows = SpectralFixtures.rows(r.out());
        assertEquals(p.binCount(), rows.size());
        for (int k = 0; k < weighted.length; k++) {
            assertTrue(SpectralFixtures.close(weighted[k] / segments, Double.parseDouble(rows.get(k)[2]), RELATIVE_TOLERANCE),
                    "bin " + k + ": " + rows.get(k)[2] + " vs " + weighted[k] / segments);
        }
    }

    @Test
    void windowLongerThanTheDataFailsWithOneLineAndNoOutput() throws IOException {
        assertRejected(List.of("--window-seconds", "601"), "--window-seconds 601 (120200 samples at 200 Hz) is longer than the data");
    }

    @Test
    void unknownChannelFailsNamingItAndTheChannelsThereAre() throws IOException {
        assertRejected(List.of("--channels", "sine 8 Hz,Fz"), "no numeric regular channel named 'Fz'; expected one of 'squarewave'");
    }

    @Test
    void emptyChannelSelectionFails() throws IOException {
        assertRejected(List.of("--channels", ""), "--channels '' has an empty channel name");
    }

    @Test
    void channelsAtDifferentRatesFailNamingTheirRates() throws IOException {
        Path out = tmp.resolve("psd.csv");
        CliRun r = CliRun.of("psd", CliRun.fixture("bdf/test_generator.bdf").toString(), "--out", out.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().contains("'sine 5Hz' at 1000 Hz, 'square 13Hz' at 800 Hz"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void nonFiniteSampleFailsNamingChannelTimeAndValue() throws IOException {
        double[] a = new double[64];
        double[] b = new double[64];
        for (int k = 0; k < 64; k++) {
            a[k] = Math.sin(k);
            b[k] = Math.cos(k);
        }
        b[37] = Double.NaN;
        Path file = SpectralFixtures.scaffold(tmp, 8, a, b);
        Path out = tmp.resolve("psd.csv");
        CliRun r = CliRun.of("psd", file.toString(), "--window-seconds", "1", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(List.of("liminal: " + file + ": channel 'B' has sample value NaN at 4.625 s (sample 37); expected finite numbers"),
                r.errLines());
        assertEquals(List.of("signal.lscaf"), SpectralFixtures.files(tmp), "no output and no temporary file");
    }

    private void assertRejected(List<String> options, String expectedPart) throws IOException {
        Path out = tmp.resolve("psd.csv");
        String[] args = new String[options.size() + 4];
        args[0] = "psd";
        args[1] = GENERATOR.toString();
        for (int i = 0; i < options.size(); i++) args[2 + i] = options.get(i);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        CliRun r = CliRun.of(args);
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: ") && r.err().contains(expectedPart), r.describe());
        assertEquals(List.of(), SpectralFixtures.files(tmp), "no output and no temporary file: " + Arrays.toString(args));
    }
}
