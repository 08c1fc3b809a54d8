package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockDftTest {
    /** Absolute tolerance relative to the window's energy scale (sum of |x|). */
    private static final double TOLERANCE = 1e-12;

    @Test
    void slidingSpectrumEqualsTheDirectDftOfEveryWindow() {
        int n = 120;
        int hop = 30;
        int from = 3;
        int to = 17;
        double[] x = new double[n + hop * 12];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) x[i] = 100 * random.nextGaussian() + 40;
        BlockDft dft = new BlockDft(n, hop, from, to, 2);
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        dft.fill(1, x, 0);
        for (int f = 0; f <= 12; f++) {
            if (f > 0) dft.advance(1, x, f * hop + n - hop);
            dft.spectrum(1, re, im);
            double scale = 0;
            for (int i = 0; i < n; i++) scale += Math.abs(x[f * hop + i]);
            for (int k = from; k < to; k++) {
                double er = 0;
                double ei = 0;
                for (int i = 0; i < n; i++) {
                    double angle = -2 * Math.PI * ((long) i * k % n) / n;
                    er += x[f * hop + i] * Math.cos(angle);
                    ei += x[f * hop + i] * Math.sin(angle);
                }
                assertEquals(er, re[k], TOLERANCE * scale, "frame " + f + " bin " + k + " real");
                assertEquals(ei, im[k], TOLERANCE * scale, "frame " + f + " bin " + k + " imaginary");
            }
            assertEquals(0.0, re[from - 1], "bins outside the range are untouched");
        }
    }

    /** The SIMD loops must give the scalar loops' bits (same products and sums, same order). */
    @Test
    void simdLoopsGiveTheScalarBits() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.liminal.dsp.fft.BatchedComplexFft.simdPasses(),
                "the JVM runs without --add-modules jdk.incubator.vector, so there is no SIMD path to compare");
        Random random = new Random(11);
        int samples = 37;
        int width = 2 * 29;
        double[] x = new double[samples + 5];
        for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() * 1e3;
        double[][] basis = new double[samples][width];
        for (double[] row : basis) for (int i = 0; i < width; i++) row[i] = random.nextGaussian();
        double[][] rows = new double[3][];
        for (int c = 0; c < 3; c++) {
            rows[c] = new double[x.length];
            for (int i = 0; i < x.length; i++) rows[c][i] = x[i] * (c + 1) - c;
        }
        double[][] simd = new double[2][width];
        // a group of two (channels 2 and 0), as the kernel passes them
        BlockDftSimd.transformGroup(rows, new int[] {1, 2, 0}, 1, 2, 5, samples, basis, simd, width);
        int[] channelOf = {2, 0};
        for (int g = 0; g < 2; g++) {
            double[] row = rows[channelOf[g]];
            for (int i = 0; i < width; i++) {
                double acc = 0.0;
                for (int m = 0; m < samples; m++) acc += row[5 + m] * basis[m][i];
                assertEquals(Double.doubleToLongBits(acc), Double.doubleToLongBits(simd[g][i]),
                        "transform of group member " + g + " lane " + i);
            }
        }
        int count = width / 2;
        double[][] ring = new double[7][width];
        double[][] wr = new double[7][count];
        double[][] wi = new double[7][count];
        for (int j = 0; j < 7; j++) {
            for (int i = 0; i < width; i++) ring[j][i] = random.nextGaussian();
            for (int b = 0; b < count; b++) {
                wr[j][b] = random.nextGaussian();
                wi[j][b] = random.nextGaussian();
            }
        }
        double[] re = new double[count];
        double[] im = new double[count];
        BlockDftSimd.combine(ring, 3, wr, wi, count, re, im);
        for (int b = 0; b < count; b++) {
            double r = 0.0;
            double q = 0.0;
            for (int j = 0; j < 7; j++) {
                double[] z = ring[(3 + j) % 7];
                r += wr[j][b] * z[b] - wi[j][b] * z[count + b];
                q += wr[j][b] * z[count + b] + wi[j][b] * z[b];
            }
            assertEquals(Double.doubleToLongBits(r), Double.doubleToLongBits(re[b]), "combine real " + b);
            assertEquals(Double.doubleToLongBits(q), Double.doubleToLongBits(im[b]), "combine imaginary " + b);
        }
    }

    @Test
    void aNonFiniteBlockSpoilsOnlyTheWindowsThatHoldIt() {
        int n = 40;
        int hop = 10;
        double[] x = new double[n + hop * 12];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(0.3 * i) + 0.01 * i;
        x[45] = Double.NaN; // block 4 (samples 40..49)
        BlockDft dft = new BlockDft(n, hop, 1, 15, 1);
        BlockDft clean = new BlockDft(n, hop, 1, 15, 1);
        double[] reference = x.clone();
        reference[45] = 0.0;
        double[] re = new double[21];
        double[] im = new double[21];
        dft.fill(0, x, 0);
        for (int f = 1; f <= 12; f++) {
            dft.advance(0, x, f * hop + n - hop);
            dft.spectrum(0, re, im);
            boolean holdsNaN = f * hop <= 45 && 45 < f * hop + n;
            for (int k = 1; k < 15; k++) {
                if (holdsNaN) {
                    assertTrue(Double.isNaN(re[k]), "frame " + f + " holds the NaN");
                } else {
                    assertTrue(Double.isFinite(re[k]) && Double.isFinite(im[k]), "frame " + f + " bin " + k + " is clean again");
                    clean.fill(0, reference, f * hop);
                    double[] cr = new double[21];
                    double[] ci = new double[21];
                    clean.spectrum(0, cr, ci);
                    assertEquals(cr[k], re[k], 1e-12 * 100, "frame " + f + " bin " + k);
                }
            }
        }
    }

    @Test
    void slotsAreIndependent() {
        int n = 40;
        int hop = 10;
        double[] a = new double[80];
        double[] b = new double[80];
        for (int i = 0; i < 80; i++) {
            a[i] = Math.sin(i);
            b[i] = Math.cos(3 * i) * 7;
        }
        BlockDft shared = new BlockDft(n, hop, 0, 21, 2);
        BlockDft alone = new BlockDft(n, hop, 0, 21, 1);
        shared.fill(0, a, 0);
        shared.fill(1, b, 0);
        alone.fill(0, a, 0);
        for (int f = 1; f < 4; f++) {
            shared.advance(1, b, f * hop + n - hop);
            shared.advance(0, a, f * hop + n - hop);
            alone.advance(0, a, f * hop + n - hop);
        }
        double[] r1 = new double[21];
        double[] i1 = new double[21];
        double[] r2 = new double[21];
        double[] i2 = new double[21];
        shared.spectrum(0, r1, i1);
        alone.spectrum(0, r2, i2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(r2, r1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(i2, i1);
    }

    @Test
    void theBlockMethodIsChosenForLiveHopsAndNotForHalfWindowHops() {
        assertTrue(BlockDft.cheaperThanFft(2000, 100, 1000.0), "2 s window, 0.1 s hop at 1000 Hz");
        assertTrue(BlockDft.cheaperThanFft(1000, 50, 500.0), "2 s window, 0.1 s hop at 500 Hz");
        assertFalse(BlockDft.cheaperThanFft(2000, 1000, 1000.0), "1 s hop");
        assertFalse(BlockDft.cheaperThanFft(2000, 300, 1000.0), "hop not dividing the window");
        assertFalse(BlockDft.cheaperThanFft(256, 8, 128.0), "every bin counts at 128 Hz");
    }

    @Test
    void rejectsAHopThatDoesNotDivideTheWindowAndBadBins() {
        assertThrows(IllegalArgumentException.class, () -> new BlockDft(100, 30, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockDft(100, 10, 5, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockDft(100, 10, 0, 52, 1));
    }
}
