package dev.liminal.dsp.spectral;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockDft}'s two loops with the incubating Vector API: a register of bins at a time,
 * accumulated in registers over samples (transform) or blocks (combination) instead of through
 * memory. The products and sums are the scalar loops' own, in the same order (no fused
 * multiply-add), so the bits are the same; only loaded when the JVM has the module
 * ({@link dev.liminal.dsp.fft.BatchedComplexFft#simdPasses()}).
 *
 * <p>Thread-safety: stateless.
 */
final class BlockDftSimd {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private BlockDftSimd() {
    }

    /**
     * For {@code c < count}: {@code zs[c][i] = sum over m, in order, of x[channels[from + c]][offset + m]
     * * basis[m][i]} for {@code i < width} (a block's spectrum, as {@link BlockDft}'s scalar loop):
     * each basis register is loaded once for all the channels (the basis is far larger than L1
     * and shared; the accumulators of a group are not), with each channel's sums in the same
     * order as alone, so the bits are the same.
     */
    static void transformGroup(double[][] x, int[] channels, int from, int count, int offset, int samples,
                               double[][] basis, double[][] zs, int width) {
        // Accumulators go through memory (L1): HotSpot 17 does not keep vectors in registers
        // across loop iterations and falls back to slow Java code when asked to.
        for (int c = 0; c < count; c++) java.util.Arrays.fill(zs[c], 0, width, 0.0);
        int step = SPECIES.length();
        int bound = width - width % step;
        int m = 0;
        // Four samples per sweep: z is loaded and stored once per four products, and the sums
        // still run in sample order, so the bits match the one-sample loop.
        for (; m + 4 <= samples; m += 4) {
            double[] r0 = basis[m];
            double[] r1 = basis[m + 1];
            double[] r2 = basis[m + 2];
            double[] r3 = basis[m + 3];
            int at = offset + m;
            int i = 0;
            for (; i < bound; i += step) {
                DoubleVector b0 = DoubleVector.fromArray(SPECIES, r0, i);
                DoubleVector b1 = DoubleVector.fromArray(SPECIES, r1, i);
                DoubleVector b2 = DoubleVector.fromArray(SPECIES, r2, i);
                DoubleVector b3 = DoubleVector.fromArray(SPECIES, r3, i);
                for (int c = 0; c < count; c++) {
                    double[] row = x[channels[from + c]];
                    double[] z = zs[c];
                    DoubleVector acc = DoubleVector.fromArray(SPECIES, z, i);
                    acc = acc.add(b0.mul(row[at]));
                    acc = acc.add(b1.mul(row[at + 1]));
                    acc = acc.add(b2.mul(row[at + 2]));
                    acc = acc.add(b3.mul(row[at + 3]));
                    acc.intoArray(z, i);
                }
            }
            for (int c = 0; c < count; c++) {
                double[] row = x[channels[from + c]];
                double s0 = row[at];
                double s1 = row[at + 1];
                double s2 = row[at + 2];
                double s3 = row[at + 3];
                double[] z = zs[c];
                for (int k = i; k < width; k++) {
                    z[k] = (((z[k] + r0[k] * s0) + r1[k] * s1) + r2[k] * s2) + r3[k] * s3;
                }
            }
        }
        for (; m < samples; m++) {
            double[] basisRow = basis[m];
            for (int c = 0; c < count; c++) {
                double s = x[channels[from + c]][offset + m];
                double[] z = zs[c];
                int i = 0;
                for (; i < bound; i += step) {
                    DoubleVector.fromArray(SPECIES, z, i).add(DoubleVector.fromArray(SPECIES, basisRow, i).mul(s))
                            .intoArray(z, i);
                }
                for (; i < width; i++) z[i] += basisRow[i] * s;
            }
        }
    }

    /**
     * {@code accReal[b] = sum over j of (wr zr - wi zi)}, {@code accImaginary[b] = sum of
     * (wr zi + wi zr)}, blocks in ring order from {@code first}; {@code z} rows hold the real
     * parts at {@code [0, count)} and the imaginary parts at {@code [count, 2 count)}.
     */
    static void combine(double[][] ring, int first, double[][] phaseReal, double[][] phaseImaginary, int count,
                        double[] accReal, double[] accImaginary) {
        java.util.Arrays.fill(accReal, 0, count, 0.0);
        java.util.Arrays.fill(accImaginary, 0, count, 0.0);
        int blocks = ring.length;
        int step = SPECIES.length();
        int bound = count - count % step;
        for (int j = 0; j < blocks; j++) {
            int r = first + j;
            double[] z = ring[r >= blocks ? r - blocks : r];
            double[] wReal = phaseReal[j];
            double[] wImaginary = phaseImaginary[j];
            int b = 0;
            for (; b < bound; b += step) {
                DoubleVector zr = DoubleVector.fromArray(SPECIES, z, b);
                DoubleVector zi = DoubleVector.fromArray(SPECIES, z, count + b);
                DoubleVector wr = DoubleVector.fromArray(SPECIES, wReal, b);
                DoubleVector wi = DoubleVector.fromArray(SPECIES, wImaginary, b);
                DoubleVector.fromArray(SPECIES, accReal, b).add(wr.mul(zr).sub(wi.mul(zi))).intoArray(accReal, b);
                DoubleVector.fromArray(SPECIES, accImaginary, b).add(wr.mul(zi).add(wi.mul(zr))).intoArray(accImaginary, b);
            }
            for (; b < count; b++) {
                double zr = z[b];
                double zi = z[count + b];
                double wr = wReal[b];
                double wi = wImaginary[b];
                accReal[b] += wr * zr - wi * zi;
                accImaginary[b] += wr * zi + wi * zr;
            }
        }
    }
}
