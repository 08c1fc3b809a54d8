package dev.liminal.dsp.filter;

import static dev.liminal.dsp.filter.FilterTestSignals.gainDb;
import static dev.liminal.dsp.filter.FilterTestSignals.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class CausalFilterTest {
    private static final double FS_HZ = 250.0;
    /** Required notch depth at the mains frequency once the start-up transient has gone. */
    private static final double NOTCH_DEPTH_DB = 30.0;
    /** Allowed passband deviation of a sine far from the notch or inside the band-pass. */
    private static final double PASSBAND_DB = 0.5;

    private static double[] filterOne(FilterSpec spec, double sampleRateHz, double[] x) {
        CausalFilter f = new CausalFilter(spec, sampleRateHz, 1);
        double[][] out = new double[1][x.length];
        f.process(new double[][] {x}, 0, x.length, out);
        return out[0];
    }

    @Test
    void notchRemoves50HzSineByMoreThan30DbAtSteadyState() {
        int n = (int) (20 * FS_HZ);
        double[] x = sine(100, 50, FS_HZ, n, 0.3);
        double[] y = filterOne(NotchSpec.of(MainsFrequency.HZ_50), FS_HZ, x);
        double db = gainDb(x, y, n / 2, n);
        assertTrue(db < -NOTCH_DEPTH_DB, "50 Hz gain " + db + " dB");
    }

    @Test
    void notchPasses10HzSineWithinHalfDecibel() {
        int n = (int) (20 * FS_HZ);
        double[] x = sine(100, 10, FS_HZ, n, 0.3);
        double[] y = filterOne(NotchSpec.of(MainsFrequency.HZ_50), FS_HZ, x);
        double db = gainDb(x, y, n / 2, n);
        assertEquals(0, db, PASSBAND_DB, "10 Hz gain dB");
    }

    @Test
    void sixtyHertzNotchRemovesFundamentalAndHarmonicsBelowNyquist() {
        double fs = 500;
        NotchSpec spec = NotchSpec.of(MainsFrequency.HZ_60);
        assertEquals(4, spec.harmonicCount(fs), "60, 120, 180, 240 Hz below 250 Hz Nyquist");
        int n = (int) (20 * fs);
        for (double f : new double[] {60, 120, 180, 240}) {
            double[] x = sine(50, f, fs, n, 0.1);
            double db = gainDb(x, filterOne(spec, fs, x), n / 2, n);
            assertTrue(db < -NOTCH_DEPTH_DB, f + " Hz gain " + db + " dB");
        }
        double[] x = sine(50, 90, fs, n, 0.1);
        assertEquals(0, gainDb(x, filterOne(spec, fs, x), n / 2, n), PASSBAND_DB, "90 Hz between harmonics");
    }

    @Test
    void bandPassPassesBandAndStopsOutside() {
        BandPassSpec spec = new BandPassSpec(1, 40, 4);
        int n = (int) (40 * FS_HZ);
        double[] inBand = sine(100, 10, FS_HZ, n, 0);
        assertEquals(0, gainDb(inBand, filterOne(spec, FS_HZ, inBand), n / 2, n), PASSBAND_DB, "10 Hz");
        // Order-4 prototype: 24 dB per octave beyond the edges, more above through bilinear warping.
        double[] above = sine(100, 80, FS_HZ, n, 0);
        assertTrue(gainDb(above, filterOne(spec, FS_HZ, above), n / 2, n) < -24, "80 Hz, one octave above 40 Hz");
        double[] below = sine(100, 0.25, FS_HZ, n, 0);
        assertTrue(gainDb(below, filterOne(spec, FS_HZ, below), n / 2, n) < -40, "0.25 Hz, two octaves below 1 Hz");
    }

    @Test
    void chunkedProcessingEqualsOneShotExactly() {
        double fs = 500;
        int channels = 3;
        int n = 5000;
        Random rnd = new Random(20261121L);
        double[][] x = new double[channels][n];
        for (double[] row : x) for (int i = 0; i < n; i++) row[i] = 50 * rnd.nextGaussian() + 20 * Math.sin(i * 0.6283);
        for (FilterSpec spec : new FilterSpec[] {NotchSpec.of(MainsFrequency.HZ_50), new BandPassSpec(0.5, 45, 3)}) {
            CausalFilter whole = new CausalFilter(spec, fs, channels);
            double[][] expected = new double[channels][n];
            whole.process(x, 0, n, expected);

            CausalFilter chunked = new CausalFilter(spec, fs, channels);
            double[][] actual = new double[channels][n];
            int pos = 0;
            while (pos < n) {
                int len = Math.min(n - pos, rnd.nextInt(40)); // includes empty chunks and single samples
                chunked.process(x, pos, len, actual);
                pos += len;
            }
            for (int c = 0; c < channels; c++) assertArrayEquals(expected[c], actual[c], 0.0, spec + " channel " + c);
        }
    }

    @Test
    void channelsKeepSeparateState() {
        double[] a = sine(10, 7, FS_HZ, 1000, 0);
        double[] b = sine(30, 23, FS_HZ, 1000, 1);
        BandPassSpec spec = new BandPassSpec(4, 30, 2);
        CausalFilter two = new CausalFilter(spec, FS_HZ, 2);
        double[][] out = new double[2][1000];
        two.process(new double[][] {a, b}, 0, 1000, out);
        assertArrayEquals(filterOne(spec, FS_HZ, a), out[0], 0.0);
        assertArrayEquals(filterOne(spec, FS_HZ, b), out[1], 0.0);
    }

    @Test
    void processesInPlaceAndResetRestartsFromRest() {
        double[] x = sine(10, 7, FS_HZ, 500, 0);
        double[] expected = filterOne(new BandPassSpec(4, 30, 2), FS_HZ, x);
        CausalFilter f = new CausalFilter(new BandPassSpec(4, 30, 2), FS_HZ, 1);
        double[][] buf = {x.clone()};
        f.process(buf, 0, 500, buf);
        assertArrayEquals(expected, buf[0], 0.0);
        f.reset();
        buf[0] = x.clone();
        f.process(buf, 0, 500, buf);
        assertArrayEquals(expected, buf[0], 0.0);
    }

    @Test
    void processAllocatesNothingAfterWarmUp() {
        double fs = 500;
        double[][] x = new double[8][64];
        for (double[] row : x) for (int i = 0; i < row.length; i++) row[i] = Math.sin(i);
        double[][] y = new double[8][64];
        CausalFilter f = new CausalFilter(NotchSpec.of(MainsFrequency.HZ_50), fs, 8);
        for (int k = 0; k < 2000; k++) f.process(x, 0, 64, y);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 2000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < calls; k++) f.process(x, 0, 64, y);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < calls, allocated + " bytes allocated over " + calls + " chunks");
    }

    @Test
    void nonFiniteSamplePassesThroughAndRestartsOnlyThatChannel() {
        BandPassSpec spec = new BandPassSpec(1, 40, 2);
        int n = 600;
        double[] a = sine(20, 10, FS_HZ, n, 0);
        double[] b = sine(20, 12, FS_HZ, n, 0);
        double[] aWithNaN = a.clone();
        aWithNaN[300] = Double.NaN;
        CausalFilter f = new CausalFilter(spec, FS_HZ, 2);
        double[][] out = new double[2][n];
        f.process(new double[][] {aWithNaN, b}, 0, n, out);

        double[] before = filterOne(spec, FS_HZ, java.util.Arrays.copyOfRange(a, 0, 300));
        double[] after = filterOne(spec, FS_HZ, java.util.Arrays.copyOfRange(a, 301, n));
        assertArrayEquals(before, java.util.Arrays.copyOfRange(out[0], 0, 300), 0.0);
        assertTrue(Double.isNaN(out[0][300]));
        assertArrayEquals(after, java.util.Arrays.copyOfRange(out[0], 301, n), 0.0, "restarted from rest");
        assertArrayEquals(filterOne(spec, FS_HZ, b), out[1], 0.0, "other channel untouched");
    }
}
