package dev.liminal.dsp.reference;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Common-average re-reference: from every included channel, subtract the mean over the
 * included channels at the same sample; excluded channels (non-EEG, bad) pass through
 * unchanged and do not enter the mean.
 *
 * <p>As a linear map on the {@code C} channels this is the {@code C x C} matrix
 * {@link #projection()}: for included {@code i}, row {@code i} is {@code e_i - (1/m) 1_S}
 * ({@code m} included channels, {@code 1_S} the indicator of the included set); for excluded
 * {@code i}, row {@code i} is {@code e_i}. It is idempotent and maps the included sum to 0.
 * Since the excluded rows are identity rows and the excluded columns are zero in the
 * included rows, the product is computed with EJML on the included block only, the
 * {@code m x m} matrix {@code I - (1/m) J} times the {@code m x n} block of included samples,
 * and excluded rows are copied. This gives the same numbers as the full product for finite
 * data and keeps a NaN or infinity in an excluded (bad) channel from leaking into the others
 * via {@code 0 * NaN}. A non-finite sample in an included channel makes that sample non-finite
 * in every included channel, as the mean is then undefined.
 *
 * <p>Thread-safety: mutable scratch; confined to one thread. {@link #process} allocates
 * nothing: blocks longer than the capacity given at construction are done in pieces.
 */
public final class CommonAverageReference {
    /** Block size used by {@link #apply}: large enough to amortise the product, small enough for cache. */
    public static final int DEFAULT_BLOCK_SAMPLES = 1024;

    private final int channelCount;
    private final int[] included;
    private final boolean[] isIncluded;
    private final int blockCapacitySamples;
    private final DMatrixRMaj includedProjection;
    private final DMatrixRMaj block;
    private final DMatrixRMaj referenced;

    /**
     * @param channelCount         number of channels {@code C}, at least 1
     * @param excludedChannels     indices in {@code [0, C)} left out of the mean and passed
     *                             through, no duplicates, at most {@code C - 1} of them; may
     *                             be empty; Not modified (copied)
     * @param blockCapacitySamples samples per EJML product (scratch size
     *                             {@code 2 * m * capacity} doubles), at least 1
     * @throws IllegalArgumentException on a bad index, duplicate, or no included channel
     */
    public CommonAverageReference(int channelCount, int[] excludedChannels, int blockCapacitySamples) {
        if (channelCount < 1) {
            throw new IllegalArgumentException("common average needs at least 1 channel, got " + channelCount);
        }
        if (blockCapacitySamples < 1) {
            throw new IllegalArgumentException("block capacity " + blockCapacitySamples + " samples must be at least 1");
        }
        if (excludedChannels == null) {
            throw new IllegalArgumentException("excluded channel indices must not be null (pass an empty array)");
        }
        isIncluded = new boolean[channelCount];
        Arrays.fill(isIncluded, true);
        for (int e : excludedChannels) {
            if (e < 0 || e >= channelCount) {
                throw new IllegalArgumentException("excluded channel index " + e + " is outside 0.." + (channelCount - 1));
            }
            if (!isIncluded[e]) {
                throw new IllegalArgumentException("excluded channel index " + e + " is listed twice");
            }
            isIncluded[e] = false;
        }
        int m = channelCount - excludedChannels.length;
        if (m < 1) {
            throw new IllegalArgumentException("all " + channelCount + " channels are excluded; the average needs at least 1");
        }
        this.channelCount = channelCount;
        this.blockCapacitySamples = blockCapacitySamples;
        included = new int[m];
        for (int c = 0, k = 0; c < channelCount; c++) if (isIncluded[c]) included[k++] = c;
        includedProjection = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) includedProjection.unsafe_set(i, j, (i == j ? 1.0 : 0.0) - 1.0 / m);
        }
        block = new DMatrixRMaj(m, blockCapacitySamples);
        referenced = new DMatrixRMaj(m, blockCapacitySamples);
    }

    /** Number of channels. */
    public int channelCount() {
        return channelCount;
    }

    /** A copy of the included channel indices, ascending. */
    public int[] includedChannels() {
        return included.clone();
    }

    /** Whether channel {@code c} enters the average (and is re-referenced). */
    public boolean isIncluded(int c) {
        return isIncluded[c];
    }

    /** A new {@code C x C} array holding the projection matrix described in the class comment. */
    public double[][] projection() {
        double[][] p = new double[channelCount][channelCount];
        double share = 1.0 / included.length;
        for (int i = 0; i < channelCount; i++) {
            p[i][i] = 1.0;
            if (!isIncluded[i]) continue;
            for (int j : included) p[i][j] -= share;
        }
        return p;
    }

    /**
     * Re-references samples {@code [offset, offset + count)} of every channel into the same
     * positions of {@code output}, which may be {@code input}.
     *
     * @param input  {@code [channel][sample]}, microvolts (any unit works; the map is linear),
     *               at least {@link #channelCount()} rows each at least {@code offset + count}
     *               long; Not modified unless it is also {@code output}
     * @param output receives the result; Modified
     */
    public void process(double[][] input, int offset, int count, double[][] output) {
        requireSpan(input, offset, count, "input");
        requireSpan(output, offset, count, "output");
        for (int c = 0; c < channelCount; c++) {
            if (!isIncluded[c] && input[c] != output[c]) System.arraycopy(input[c], offset, output[c], offset, count);
        }
        int m = included.length;
        for (int start = offset, end = offset + count; start < end; start += blockCapacitySamples) {
            int n = Math.min(blockCapacitySamples, end - start);
            block.reshape(m, n);
            referenced.reshape(m, n);
            double[] b = block.data;
            for (int k = 0; k < m; k++) System.arraycopy(input[included[k]], start, b, k * n, n);
            CommonOps_DDRM.mult(includedProjection, block, referenced);
            double[] r = referenced.data;
            for (int k = 0; k < m; k++) System.arraycopy(r, k * n, output[included[k]], start, n);
        }
    }

    /**
     * Convenience: re-references a whole recording into a new array.
     *
     * @param input            {@code [channel][sample]}, rectangular; Not modified
     * @param excludedChannels as for the constructor
     * @return a new array of the same shape
     */
    public static double[][] apply(double[][] input, int[] excludedChannels) {
        if (input == null || input.length == 0) {
            throw new IllegalArgumentException("common average input needs at least one channel");
        }
        int n = input[0] == null ? 0 : input[0].length;
        double[][] out = new double[input.length][n];
        new CommonAverageReference(input.length, excludedChannels, Math.max(1, Math.min(n, DEFAULT_BLOCK_SAMPLES)))
                .process(input, 0, n, out);
        return out;
    }

    private void requireSpan(double[][] a, int offset, int count, String what) {
        if (a == null || a.length < channelCount) {
            throw new IllegalArgumentException(what + " has " + (a == null ? 0 : a.length) + " channels, reference has "
                    + channelCount);
        }
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException(what + " span offset " + offset + ", count " + count
                    + " samples must not be negative");
        }
        for (int c = 0; c < channelCount; c++) {
            if (a[c] == null || a[c].length - count < offset) {
                throw new IllegalArgumentException(what + " channel " + c + " has "
                        + (a[c] == null ? 0 : a[c].length) + " samples, need " + ((long) offset + count));
            }
        }
    }
}
