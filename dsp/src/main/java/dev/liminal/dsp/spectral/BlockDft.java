package dev.liminal.dsp.spectral;

/**
 * The raw spectrum of a sliding window, for a range of bins, built from the spectra of its
 * hops so that each frame transforms only the samples that are new. A window of {@code n}
 * samples whose hop {@code h} divides it is {@code B = n/h} blocks; the {@code n}-point DFT of
 * the window is, exactly,
 * <pre>
 * X[k] = sum_{j&lt;B} exp(-2 pi i j h k / n) Z_j[k],   Z_j[k] = sum_{m&lt;h} x[j h + m] exp(-2 pi i m k / n)
 * </pre>
 * where {@code Z_j} is the direct DFT of block {@code j} at the window's frequencies. When the
 * window slides by one hop, blocks {@code 1..B-1} become blocks {@code 0..B-2} and only the new
 * block is transformed: {@code 2 h K} multiply-adds for {@code K} bins, plus {@code 4 B K} to
 * combine, against a full FFT's {@code O(n log n)}. For live settings (2 s window, 0.1 s hop,
 * bins up to 45 Hz) that is about a third of an FFT, and the loops run over contiguous bins,
 * which HotSpot vectorises; for long hops the FFT is cheaper ({@link #cheaperThanFft}).
 *
 * <p>Between frames the window's spectrum slides by one step per hop (subtract the dropped
 * block, turn the phase by one block, add the new block), and every {@code B} steps it is summed
 * afresh from the kept blocks, so rounding builds up over at most one window and never over a
 * session; a non-finite block triggers a fresh sum when it leaves, so a NaN never outlives its
 * samples. The schedule depends only on the frames since the (re)start, and the offline
 * timeline and the streaming processor make the same calls, so they give the same bits. The
 * result is the raw (not detrended, not windowed) spectrum that {@link CosineWindowCombiner}
 * turns into density.
 *
 * <p>Per slot (a channel) the spectra of the last {@code B} blocks are kept in a ring, about
 * {@code 2 B K} doubles. Thread-safety: confined to one thread. Allocates nothing after
 * construction.
 */
final class BlockDft {
    /**
     * Relative cost of an FFT, in multiply-adds per {@code n log2 n}, as measured on the
     * reference machine for the lane-batched real FFT (13.3 us per 2000-point frame at about
     * 5.5 G multiply-adds per second in the block loops). Only used to choose the method.
     */
    private static final double FFT_COST_PER_N_LOG_N = 3.0;

    /** Whether {@link BlockDftSimd} runs the loops (same bits; see {@link dev.liminal.dsp.fft.BatchedComplexFft#simdPasses()}). */
    private static final boolean SIMD = dev.liminal.dsp.fft.BatchedComplexFft.simdPasses();

    private final int n;
    private final int hop;
    private final int blocks;
    private final int fromBin;
    private final int bins;
    /** {@code [m][k - fromBin]} = cos, {@code [m][bins + k - fromBin]} = -sin of 2 pi m k / n. */
    private final double[][] blockBasis;
    /** Real parts of exp(-2 pi i j h k / n) at {@code [j][k - fromBin]}. */
    private final double[][] phaseReal;
    /** Imaginary parts, likewise. */
    private final double[][] phaseImaginary;
    /** {@code [slot][ring index][2 bins]} block spectra: real parts, then imaginary parts. */
    private final double[][][] spectra;
    /** Per slot: ring index of the oldest block. */
    private final int[] oldest;
    /** Per slot: the window's raw spectrum, kept up to date by {@link #advance}. */
    private final double[][] runningReal;
    private final double[][] runningImaginary;
    /** Per slot: sliding steps since the last fresh sum. */
    private final int[] steps;
    /** Per slot: whether the running spectrum is finite. */
    private final boolean[] sumFinite;
    /** Per slot and kept block: whether its spectrum is finite. */
    private final boolean[][] finite;
    /** exp(+2 pi i h k / n): undoes one block's phase step. */
    private final double[] backReal;
    private final double[] backImaginary;
    /** Scratch: the spectrum of the block being appended. */
    private final double[] incoming;
    /** Channels per shared pass over the basis in {@link #advanceGroup}: their accumulators stay in L1. */
    static final int GROUP = 8;
    /** Scratch: the spectra of a group's new blocks. */
    private final double[][] groupIncoming;
    /** Holders to pass one row and one spectrum to the group transform without allocating. */
    private final double[][] oneRow = new double[1][];
    private final double[][] oneSpectrum = new double[1][];
    private static final int[] FIRST = {0};

    /**
     * @param windowSamples window length {@code n}
     * @param hopSamples    hop {@code h}, dividing {@code n}
     * @param fromBin       first raw bin wanted
     * @param toBin         one past the last raw bin wanted, at most {@code n/2 + 1}
     * @param slots         number of independent sequences (channels) kept
     */
    BlockDft(int windowSamples, int hopSamples, int fromBin, int toBin, int slots) {
        if (hopSamples < 1 || windowSamples % hopSamples != 0) {
            throw new IllegalArgumentException("block DFT needs a hop dividing the window, got " + hopSamples
                    + " and " + windowSamples + " samples");
        }
        if (fromBin < 0 || fromBin >= toBin || toBin > windowSamples / 2 + 1) {
            throw new IllegalArgumentException("block DFT bins " + fromBin + ".." + toBin + " outside 0.."
                    + (windowSamples / 2 + 1));
        }
        if (slots < 1) {
            throw new IllegalArgumentException("block DFT needs at least 1 slot, got " + slots);
        }
        this.n = windowSamples;
        this.hop = hopSamples;
        this.blocks = windowSamples / hopSamples;
        this.fromBin = fromBin;
        this.bins = toBin - fromBin;
        this.blockBasis = new double[hop][2 * bins];
        for (int m = 0; m < hop; m++) {
            for (int b = 0; b < bins; b++) {
                long k = fromBin + b;
                // The argument reduced exactly in integers, so large m k lose nothing.
                double angle = 2.0 * Math.PI * ((m * k) % n) / n;
                blockBasis[m][b] = Math.cos(angle);
                blockBasis[m][bins + b] = -Math.sin(angle);
            }
        }
        this.phaseReal = new double[blocks][bins];
        this.phaseImaginary = new double[blocks][bins];
        for (int j = 0; j < blocks; j++) {
            for (int b = 0; b < bins; b++) {
                long k = fromBin + b;
                double angle = 2.0 * Math.PI * (((long) j * hop * k) % n) / n;
                phaseReal[j][b] = Math.cos(angle);
                phaseImaginary[j][b] = -Math.sin(angle);
            }
        }
        Math.multiplyExact(Math.multiplyExact(slots, blocks), 2 * bins);
        this.spectra = new double[slots][blocks][2 * bins];
        this.oldest = new int[slots];
        this.runningReal = new double[slots][bins];
        this.runningImaginary = new double[slots][bins];
        this.steps = new int[slots];
        this.sumFinite = new boolean[slots];
        this.finite = new boolean[slots][blocks];
        this.backReal = new double[bins];
        this.backImaginary = new double[bins];
        for (int b = 0; b < bins; b++) {
            long k = fromBin + b;
            double angle = 2.0 * Math.PI * ((hop * k) % n) / n;
            backReal[b] = Math.cos(angle);
            backImaginary[b] = Math.sin(angle);
        }
        this.incoming = new double[2 * bins];
        this.groupIncoming = new double[GROUP][2 * bins];
    }

    /**
     * Highest frequency the cost model counts bins up to, Hz: the default bands end at 45 Hz and
     * the streaming processor's EMG check adds bands up to 69 Hz. Fixed, so that the choice of
     * method depends on the window, hop and rate only, never on the bands: the offline timeline
     * (the caller's bands) and the streaming processor (the caller's bands plus the EMG bands)
     * then always choose the same method and give the same bits for the caller's bands.
     */
    static final double MODEL_TOP_HZ = 70.0;

    /**
     * Whether the block method costs fewer multiply-adds per frame than a full FFT of the
     * window, counting the bins from 0 to {@link #MODEL_TOP_HZ} (or Nyquist). Depends on the
     * window, hop and rate only.
     */
    static boolean cheaperThanFft(int windowSamples, int hopSamples, double sampleRateHz) {
        if (hopSamples < 1 || windowSamples % hopSamples != 0) return false;
        double k = Math.min(windowSamples / 2 + 1, Math.floor(MODEL_TOP_HZ * windowSamples / sampleRateHz) + 2);
        double blockCost = 2.0 * hopSamples * k + 4.0 * ((double) windowSamples / hopSamples) * k;
        double fftCost = FFT_COST_PER_N_LOG_N * windowSamples * (Math.log(windowSamples) / Math.log(2));
        return blockCost < fftCost;
    }

    /** Hop length {@code h} in samples. */
    int hop() {
        return hop;
    }

    /** Number of blocks {@code B} per window. */
    int blocks() {
        return blocks;
    }

    /**
     * Transforms all {@code B} blocks of the window {@code x[offset .. offset+n)} into
     * {@code slot}, forgetting what it held.
     */
    void fill(int slot, double[] x, int offset) {
        for (int j = 0; j < blocks; j++) {
            transformBlock(x, offset + j * hop, spectra[slot][j]);
            finite[slot][j] = allFinite(spectra[slot][j]);
        }
        oldest[slot] = 0;
        resum(slot);
    }

    /**
     * Slides {@code slot}'s window by one hop: its oldest block is dropped and
     * {@code x[offset .. offset+h)} (the samples after the window's previous end) appended.
     * The window's spectrum follows by one step of the sliding sum
     * {@code X' = w^-1 (X - Z_oldest) + w^(B-1) Z_new} with {@code w = exp(-2 pi i h k / n)},
     * except every {@code B}-th step (and whenever the dropped block or the sum is not
     * finite), where it is summed afresh from the kept blocks: so rounding never builds up over
     * more than one window, and a NaN leaves with its block.
     */
    void advance(int slot, double[] x, int offset) {
        transformBlock(x, offset, incoming);
        step(slot, incoming);
    }

    /**
     * {@link #advance} for several channels at once: slot {@code slotBase + c} takes
     * {@code x[channels[from + c]][offset .. offset+h)} for {@code c < count}. The same bits as
     * one by one; the block transforms of a group share their passes over the basis.
     */
    void advanceGroup(double[][] x, int[] channels, int from, int count, int slotBase, int offset) {
        for (int c = 0; c < count; c++) {
            double[] row = x[channels[from + c]];
            if (offset < 0 || offset > row.length - hop) {
                throw new IllegalArgumentException("samples " + offset + ".." + ((long) offset + hop)
                        + " outside the " + row.length + " of channel " + channels[from + c]);
            }
        }
        for (int start = 0; start < count; start += GROUP) {
            int n = Math.min(GROUP, count - start);
            if (SIMD) {
                BlockDftSimd.transformGroup(x, channels, from + start, n, offset, hop, blockBasis, groupIncoming, 2 * bins);
            } else {
                for (int c = 0; c < n; c++) transformBlock(x[channels[from + start + c]], offset, groupIncoming[c]);
            }
            for (int c = 0; c < n; c++) step(slotBase + start + c, groupIncoming[c]);
        }
    }

    /** One slide of {@code slot}'s window with the new block's spectrum {@code incoming} (then free to reuse). */
    private void step(int slot, double[] incoming) {
        int ring = oldest[slot];
        double[] leaving = spectra[slot][ring];
        boolean leavingFinite = finite[slot][ring];
        // The new block goes into the leaving block's place after the step reads the old values.
        finite[slot][ring] = allFinite(incoming);
        steps[slot]++;
        if (steps[slot] >= blocks || !leavingFinite || !finite[slot][ring] || !sumFinite[slot]) {
            System.arraycopy(incoming, 0, leaving, 0, incoming.length);
            oldest[slot] = ring + 1 == blocks ? 0 : ring + 1;
            resum(slot);
            return;
        }
        double[] xr = runningReal[slot];
        double[] xi = runningImaginary[slot];
        int count = bins;
        boolean ok = true;
        for (int b = 0; b < count; b++) {
            double dr = xr[b] - leaving[b];
            double di = xi[b] - leaving[count + b];
            double nr = incoming[b];
            double ni = incoming[count + b];
            double sr = backReal[b];
            double si = backImaginary[b];
            double lr = phaseReal[blocks - 1][b];
            double li = phaseImaginary[blocks - 1][b];
            double re = (dr * sr - di * si) + (nr * lr - ni * li);
            double im = (dr * si + di * sr) + (nr * li + ni * lr);
            xr[b] = re;
            xi[b] = im;
            ok &= Double.isFinite(re) & Double.isFinite(im);
        }
        sumFinite[slot] = ok;
        System.arraycopy(incoming, 0, leaving, 0, incoming.length);
        oldest[slot] = ring + 1 == blocks ? 0 : ring + 1;
    }

    /**
     * The window's raw spectrum in {@code slot} for bins {@code fromBin..toBin} (construction)
     * into {@code real[k]}, {@code imaginary[k]}; other entries untouched.
     */
    void spectrum(int slot, double[] real, double[] imaginary) {
        System.arraycopy(runningReal[slot], 0, real, fromBin, bins);
        System.arraycopy(runningImaginary[slot], 0, imaginary, fromBin, bins);
    }

    /** Sums the kept blocks of {@code slot} afresh into its running spectrum. */
    private void resum(int slot) {
        double[] accReal = runningReal[slot];
        double[] accImaginary = runningImaginary[slot];
        steps[slot] = 0;
        if (SIMD) {
            BlockDftSimd.combine(spectra[slot], oldest[slot], phaseReal, phaseImaginary, bins, accReal, accImaginary);
        } else {
            java.util.Arrays.fill(accReal, 0.0);
            java.util.Arrays.fill(accImaginary, 0.0);
            int count = bins;
            double[][] ring = spectra[slot];
            int first = oldest[slot];
            for (int j = 0; j < blocks; j++) {
                int r = first + j;
                double[] z = ring[r >= blocks ? r - blocks : r];
                double[] wReal = phaseReal[j];
                double[] wImaginary = phaseImaginary[j];
                for (int b = 0; b < count; b++) {
                    double zr = z[b];
                    double zi = z[count + b];
                    double wr = wReal[b];
                    double wi = wImaginary[b];
                    accReal[b] += wr * zr - wi * zi;
                    accImaginary[b] += wr * zi + wi * zr;
                }
            }
        }
        boolean ok = true;
        for (int b = 0; b < bins; b++) ok &= Double.isFinite(accReal[b]) & Double.isFinite(accImaginary[b]);
        sumFinite[slot] = ok;
    }

    private static boolean allFinite(double[] values) {
        boolean ok = true;
        for (double v : values) ok &= Double.isFinite(v);
        return ok;
    }

    private void transformBlock(double[] x, int offset, double[] z) {
        if (offset < 0 || offset > x.length - hop) {
            throw new IllegalArgumentException("samples " + offset + ".." + ((long) offset + hop)
                    + " outside the " + x.length + " given");
        }
        int width = 2 * bins;
        if (SIMD) {
            oneRow[0] = x;
            oneSpectrum[0] = z;
            BlockDftSimd.transformGroup(oneRow, FIRST, 0, 1, offset, hop, blockBasis, oneSpectrum, width);
            oneRow[0] = null;
            oneSpectrum[0] = null;
            return;
        }
        java.util.Arrays.fill(z, 0.0);
        for (int m = 0; m < hop; m++) {
            double s = x[offset + m];
            double[] basis = blockBasis[m];
            for (int i = 0; i < width; i++) {
                z[i] += s * basis[i];
            }
        }
    }
}
