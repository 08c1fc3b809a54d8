package dev.liminal.dsp.filter;

import static dev.liminal.dsp.filter.FilterTestSignals.crossCorrelationPeakLag;
import static dev.liminal.dsp.filter.FilterTestSignals.gainDb;
import static dev.liminal.dsp.filter.FilterTestSignals.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroPhaseFilterTest {
    private static final double FS_HZ = 1000.0;
    /** Half a period of the 30 Hz test sine, in samples: the unambiguous lag range. */
    private static final int MAX_LAG = 16;

    @Test
    void zeroPhaseBandPassShiftsSineByNoPhase() {
        int n = 4000;
        double[] x = sine(100, 30, FS_HZ, n, 0.4);
        BandPassSpec spec = new BandPassSpec(1, 40, 4);
        double[] y = new ZeroPhaseFilter(spec, FS_HZ).apply(new double[][] {x})[0];
        assertEquals(0, crossCorrelationPeakLag(x, y, 1000, 3000, MAX_LAG));

        // The same filter run causally delays the sine, so the check above can fail.
        double[][] causal = new double[1][n];
        new CausalFilter(spec, FS_HZ, 1).process(new double[][] {x}, 0, n, causal);
        assertNotEquals(0, crossCorrelationPeakLag(x, causal[0], 1000, 3000, MAX_LAG));
    }

    @Test
    void zeroPhaseGainIsSquareOfCausalMagnitude() {
        int n = 8000;
        BandPassSpec spec = new BandPassSpec(8, 13, 2);
        ZeroPhaseFilter f = new ZeroPhaseFilter(spec, FS_HZ);
        double[] x = sine(100, 14, FS_HZ, n, 0);
        double[] y = new double[n];
        f.apply(x, y);
        double expectedDb = 20 * Math.log10(f.magnitude(14));
        double causalDb = 20 * Math.log10(new CausalFilter(spec, FS_HZ, 1).magnitude(14));
        assertEquals(2 * causalDb, expectedDb, 1e-9);
        // Middle half: away from the edges, the steady-state gain holds to 0.05 dB.
        assertEquals(expectedDb, gainDb(x, y, n / 4, 3 * n / 4), 0.05);
    }

    @Test
    void zeroPhaseNotchRemoves50HzAndKeeps10HzAwayFromEdges() {
        double fs = 250;
        int n = 2500;
        double[] x = sine(100, 50, fs, n, 0.2);
        double[] ten = sine(100, 10, fs, n, 0.2);
        double[] mixed = new double[n];
        for (int i = 0; i < n; i++) mixed[i] = x[i] + ten[i];
        ZeroPhaseFilter f = new ZeroPhaseFilter(NotchSpec.of(MainsFrequency.HZ_50), fs);
        double[] y = f.apply(new double[][] {mixed})[0];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) residual[i] = y[i] - ten[i];
        // Odd reflection does not continue the mains phase, so the notch rings near each edge
        // (seen: -25 dB over the first second, -12 dB over the last); one second in, where that
        // ringing has decayed by exp(-pi * 2 Hz * 1 s) ~ -55 dB, rejection must exceed 30 dB.
        double interiorDb = gainDb(x, residual, (int) fs, n - (int) fs);
        assertTrue(interiorDb < -30, "50 Hz residual one second from the edges: " + interiorDb + " dB");
    }

    @Test
    void paddingIsThreePeriodsOfSettlingScaleClippedToSignal() {
        ZeroPhaseFilter f = new ZeroPhaseFilter(new BandPassSpec(1, 40, 4), 250);
        assertEquals(750, f.padSamples(10_000));
        assertEquals(99, f.padSamples(100));
        assertEquals(0, f.padSamples(1));
        double[] one = {3.0};
        double[] out = new double[1];
        f.apply(one, out);
        assertTrue(Double.isFinite(out[0]));
    }

    @Test
    void channelWithNaNComesOutNonFiniteAndOthersAreUnaffected() {
        double[] clean = sine(10, 10, FS_HZ, 2000, 0);
        double[] bad = clean.clone();
        bad[1000] = Double.NaN;
        ZeroPhaseFilter f = new ZeroPhaseFilter(new BandPassSpec(1, 40, 2), FS_HZ);
        double[][] y = f.apply(new double[][] {bad, clean});
        for (double v : y[0]) assertTrue(Double.isNaN(v));
        double[] expected = new double[2000];
        f.apply(clean, expected);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, y[1], 0.0);
    }

    /**
     * Against scipy's sosfiltfilt (golden file from {@code make_filtfilt_golden.py}). The two
     * differ only in edge handling (scipy: short odd padding plus steady-state initial state;
     * here: 3 s of odd padding from rest), and that difference decays about tenfold per second
     * into the record. Seen: 2.2 and 2.5 uV in the first and last second of a ~40 uV signal,
     * under 4e-4 uV from 4 s in, under 6e-8 uV from 8 s in (design agreement).
     */
    @Test
    void interiorMatchesScipySosfiltfilt() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/golden/filter/sosfiltfilt_bp1-40_o4_fs250.csv"));
        lines.removeIf(l -> l.startsWith("#"));
        int n = lines.size();
        double[] x = new double[n];
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            String[] v = lines.get(i).split(",");
            x[i] = Double.parseDouble(v[0]);
            expected[i] = Double.parseDouble(v[1]);
        }
        double[] y = new double[n];
        new ZeroPhaseFilter(new BandPassSpec(1, 40, 4), 250).apply(x, y);
        assertEquals(5000, n);
        for (int i = 1000; i < n - 1000; i++) {
            assertEquals(expected[i], y[i], FOUR_SECONDS_IN_TOLERANCE_UV, "sample " + i);
        }
        for (int i = 2000; i < n - 2000; i++) {
            assertEquals(expected[i], y[i], EIGHT_SECONDS_IN_TOLERANCE_UV, "sample " + i);
        }
    }

    /** Four seconds (1000 samples) or more from either edge; seen 3.9e-4 uV. */
    private static final double FOUR_SECONDS_IN_TOLERANCE_UV = 1e-3;
    /** Eight seconds or more from either edge: edge effects gone; seen 5.6e-8 uV. */
    private static final double EIGHT_SECONDS_IN_TOLERANCE_UV = 1e-6;
}
