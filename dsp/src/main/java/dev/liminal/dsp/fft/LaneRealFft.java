package dev.liminal.dsp.fft;

/**
 * Forward real FFTs of even length {@code n} for several independent sequences ("lanes") at
 * once, without allocating: each sequence is packed as {@code z[m] = x[2m] + i x[2m+1]}, the
 * lanes go through one {@link BatchedComplexFft} of length {@code n/2}, and the spectrum of
 * each sequence is recovered from its own lane only:
 * <pre>
 * E[k] = (Z[k] + conj Z[n/2-k]) / 2       (DFT of the even samples)
 * O[k] = (Z[k] - conj Z[n/2-k]) / 2i      (DFT of the odd samples)
 * X[k] = E[k] + exp(-2 pi i k / n) O[k]   for 0 &lt;= k &lt;= n/2, indices of Z mod n/2
 * </pre>
 * Sequences never share arithmetic, so each lane's result is what it would be alone.
 * Supported when {@code n} is even and {@code n/2} has no prime factor above 5
 * ({@link #supports(int)}): every 2 s window at an integer sample rate of the usual EEG
 * rates.
 *
 * <p>Thread-safety: confined to one thread. Allocates nothing per transform.
 */
public final class LaneRealFft {
    private final int size;
    private final int half;
    private final int lanes;
    private final BatchedComplexFft complex;
    private final double[] twiddleCos;
    private final double[] twiddleSin;
    /** Pairs per lane per step of {@link #loadAll}'s blocked transpose: 8 pairs = 2 cache lines. */
    private static final int LOAD_BLOCK = 8;
    /** {@link #loadAll}'s sequences by lane, filled and cleared per call. */
    private final double[][] laneRows;

    /**
     * @param size  even transform length with {@code size/2} 2,3,5-smooth, at least 2
     * @param lanes sequences per transform, at least 1
     * @throws IllegalArgumentException if {@link #supports(int)} is false for {@code size}
     */
    public LaneRealFft(int size, int lanes) {
        if (!supports(size)) {
            throw new IllegalArgumentException("lane real FFT size " + size
                    + " must be even with size/2 having prime factors 2, 3, 5 only");
        }
        this.size = size;
        this.half = size / 2;
        this.lanes = lanes;
        this.complex = new BatchedComplexFft(half, lanes);
        this.laneRows = new double[lanes][];
        this.twiddleCos = new double[half + 1];
        this.twiddleSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double angle = -2.0 * Math.PI * k / size;
            twiddleCos[k] = Math.cos(angle);
            twiddleSin[k] = Math.sin(angle);
        }
    }

    /** Whether {@code size} is even, at least 2, and {@code size/2} has no prime factor above 5. */
    public static boolean supports(int size) {
        return size >= 2 && size % 2 == 0 && BatchedComplexFft.supports(size / 2);
    }

    /** Transform length. */
    public int size() {
        return size;
    }

    /** Number of lanes. */
    public int lanes() {
        return lanes;
    }

    /**
     * Loads {@code x[offset .. offset+size)} into {@code lane} for the next {@link #forward()}.
     *
     * @param x samples; Not modified
     */
    public void load(int lane, double[] x, int offset) {
        checkLane(lane);
        if (offset < 0 || offset > x.length - size) {
            throw new IllegalArgumentException("samples " + offset + ".." + ((long) offset + size)
                    + " outside the " + x.length + " given");
        }
        double[][] re = complex.inputReal();
        double[][] im = complex.inputImaginary();
        for (int m = 0; m < half; m++) {
            re[m][lane] = x[offset + 2 * m];
            im[m][lane] = x[offset + 2 * m + 1];
        }
    }

    /**
     * Loads {@code x[rows[i]][offset .. offset+size)} into lane {@code i} for {@code i < count},
     * and zeros into the lanes from {@code count} on: the same as {@link #load} and
     * {@link #clear} lane by lane, but row by row, which is kinder to the cache.
     *
     * @param x     sequences, each at least {@code offset + size} long; Not modified
     * @param rows  which sequence goes to each lane; Not modified
     * @param count lanes to fill, at most {@link #lanes()}
     */
    public void loadAll(double[][] x, int[] rows, int count, int offset) {
        if (count < 0 || count > lanes) {
            throw new IllegalArgumentException("lane count " + count + " outside 0.." + lanes);
        }
        for (int i = 0; i < count; i++) {
            double[] row = x[rows[i]];
            if (offset < 0 || offset > row.length - size) {
                throw new IllegalArgumentException("samples " + offset + ".." + ((long) offset + size)
                        + " outside the " + row.length + " of sequence " + rows[i]);
            }
        }
        double[][] re = complex.inputReal();
        double[][] im = complex.inputImaginary();
        double[][] from = laneRows;
        for (int i = 0; i < count; i++) from[i] = x[rows[i]];
        // A blocked transpose: per lane, LOAD_BLOCK consecutive pairs (whole cache lines) go to
        // LOAD_BLOCK rows, which stay in L1 while every lane is visited.
        int m = 0;
        for (; m + LOAD_BLOCK <= half; m += LOAD_BLOCK) {
            int at = offset + 2 * m;
            for (int i = 0; i < count; i++) {
                double[] row = from[i];
                for (int j = 0; j < LOAD_BLOCK; j++) {
                    re[m + j][i] = row[at + 2 * j];
                    im[m + j][i] = row[at + 2 * j + 1];
                }
            }
        }
        for (; m < half; m++) {
            int at = offset + 2 * m;
            for (int i = 0; i < count; i++) {
                re[m][i] = from[i][at];
                im[m][i] = from[i][at + 1];
            }
        }
        if (count < lanes) {
            for (int k = 0; k < half; k++) {
                java.util.Arrays.fill(re[k], count, lanes, 0.0);
                java.util.Arrays.fill(im[k], count, lanes, 0.0);
            }
        }
        java.util.Arrays.fill(from, 0, count, null);
    }

    /** Loads zeros into {@code lane} (an unused lane must be cleared before every transform). */
    public void clear(int lane) {
        checkLane(lane);
        double[][] re = complex.inputReal();
        double[][] im = complex.inputImaginary();
        for (int m = 0; m < half; m++) {
            re[m][lane] = 0.0;
            im[m][lane] = 0.0;
        }
    }

    /** Transforms every lane; the loaded input is consumed. */
    public void forward() {
        complex.forward();
    }

    /**
     * After {@link #forward()}: writes bins {@code fromBin <= k < toBin} (at most
     * {@code size/2 + 1}) of {@code lane}'s spectrum into {@code real[k]}, {@code imaginary[k]}.
     *
     * @param real      output; other entries untouched; Modified
     * @param imaginary output; other entries untouched; Modified
     */
    public void spectrum(int lane, double[] real, double[] imaginary, int fromBin, int toBin) {
        checkLane(lane);
        if (fromBin < 0 || fromBin > toBin || toBin > half + 1 || real.length < toBin || imaginary.length < toBin) {
            throw new IllegalArgumentException("bin range " + fromBin + ".." + toBin + " outside 0.." + (half + 1)
                    + " or output arrays shorter than " + toBin);
        }
        double[][] zRe = complex.outputReal();
        double[][] zIm = complex.outputImaginary();
        for (int k = fromBin; k < toBin; k++) {
            int a = k % half;
            int b = (half - k) % half;
            double ar = zRe[a][lane];
            double ai = zIm[a][lane];
            double br = zRe[b][lane];
            double bi = -zIm[b][lane];
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai + bi);
            // D = (A - B) / 2, O = D / i = (D.im, -D.re)
            double or = 0.5 * (ai - bi);
            double oi = -0.5 * (ar - br);
            double wr = twiddleCos[k];
            double wi = twiddleSin[k];
            real[k] = er + wr * or - wi * oi;
            imaginary[k] = ei + wr * oi + wi * or;
        }
    }

    private void checkLane(int lane) {
        if (lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " outside 0.." + (lanes - 1));
        }
    }
}
