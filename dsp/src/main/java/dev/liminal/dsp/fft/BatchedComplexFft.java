package dev.liminal.dsp.fft;

/**
 * A forward complex FFT of one size applied to several independent sequences ("lanes") at
 * once, for lengths whose prime factors are 2, 3 and 5 only (EEG windows: 2 s at 250, 256,
 * 500, 512, 1000, 2048 Hz are all such). Data is split into real and imaginary arrays with the
 * lane index innermost, element {@code (i, lane)} at {@code [i][lane]}; every butterfly
 * runs an inner loop over lanes with scalar twiddles. It exists beside JTransforms because
 * JTransforms (3.1) allocates a scratch array on every non-power-of-two transform, and the
 * band-power timeline must not allocate per frame (see {@link LaneRealFft}). Each lane's
 * arithmetic is the same whatever the lane count or position, so results do not depend on how
 * sequences are grouped. Measured on the shared 2-core machine (noisy) it takes 0.6-0.8 of
 * JTransforms' time per 2000-point real sequence with 16 lanes, but it is not SIMD-fast:
 * switching HotSpot 17's SuperWord off changes nothing measurable, so the lane loops are not
 * vectorised; with a single lane it is slower than JTransforms.
 *
 * <p>Algorithm: self-sorting (Stockham) decimation in time, one pass per factor (radix 4, 2, 3
 * and 5 butterflies), ping-ponging between two buffer pairs; output in natural order.
 * Definition as everywhere: {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)}, unnormalised.
 *
 * <p>Thread-safety: confined to one thread (owns its buffers). Allocates nothing per transform.
 */
public final class BatchedComplexFft {
    private static final double SIN_60 = Math.sqrt(3.0) / 2.0;
    private static final double COS_72 = Math.cos(2.0 * Math.PI / 5.0);
    private static final double COS_144 = Math.cos(4.0 * Math.PI / 5.0);
    private static final double SIN_72 = Math.sin(2.0 * Math.PI / 5.0);
    private static final double SIN_144 = Math.sin(4.0 * Math.PI / 5.0);
    /**
     * From this many lanes on, each butterfly runs as a chain of short loops (twiddle, sum and
     * difference, scaled sums) that HotSpot 17's SuperWord vectorises, instead of one loop
     * with a large body that it does not; measured 2.3x faster per radix-5 butterfly at 64
     * lanes, 2x slower at 16 (loop overhead). Both forms evaluate the same expressions in the
     * same order, so results are bit-identical either way.
     */
    static final int SPLIT_MIN_LANES = 32;

    /**
     * Whether the SIMD passes ({@link VectorPasses}) can run: the JVM was started with
     * {@code --add-modules jdk.incubator.vector} (the {@code liminal} launcher, the tests and the
     * benchmarks do this) and the system property {@code liminal.fft.vector} is not
     * {@code false}. Without it the split/fused passes give the same bits, about 2-3 times slower.
     */
    static final boolean VECTOR_AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("liminal.fft.vector"));

    private final int size;
    private final int lanes;
    private final int[] radices;
    /** Per pass: twiddle cos/sin at [k * (R-1) + (r-1)] for k < Ns, 1 <= r < R. */
    private final double[][] twiddleCos;
    private final double[][] twiddleSin;
    private final double[][] re0;
    private final double[][] im0;
    private final double[][] re1;
    private final double[][] im1;
    private boolean resultInFirst;
    /** Whether butterflies run as chains of short lane loops (see {@link #SPLIT_MIN_LANES}). */
    private final boolean split;
    /** Scratch rows for the split butterflies, {@code [24][lanes]}. */
    private final double[][] scratch;
    /**
     * The rows a split butterfly reads its operands from: normally {@link #scratch}; in the
     * first pass, where every twiddle is 1, entries {@code 0 .. 2r-3} point straight at the
     * input rows instead of copies multiplied by 1.
     */
    private final double[][] operands;
    /** Whether this instance runs {@link VectorPasses}: available, and at least one register of lanes. */
    private final boolean vector;
    /** Row length: {@code lanes}, rounded up to whole registers when {@link #vector}. */
    private final int width;

    /**
     * @param size  transform length, at least 1, with no prime factor other than 2, 3 or 5
     * @param lanes number of sequences transformed together, at least 1
     * @throws IllegalArgumentException if {@code size} has another prime factor (see {@link #supports(int)})
     */
    public BatchedComplexFft(int size, int lanes) {
        if (!supports(size)) {
            throw new IllegalArgumentException("batched FFT size " + size + " must be at least 1 with prime factors 2, 3, 5 only");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("batched FFT needs at least 1 lane, got " + lanes);
        }
        this.size = size;
        this.lanes = lanes;
        this.radices = factor(size);
        this.twiddleCos = new double[radices.length][];
        this.twiddleSin = new double[radices.length][];
        int ns = 1;
        for (int p = 0; p < radices.length; p++) {
            int r = radices[p];
            double[] c = new double[ns * (r - 1)];
            double[] s = new double[ns * (r - 1)];
            for (int k = 0; k < ns; k++) {
                for (int q = 1; q < r; q++) {
                    // angle -2 pi q k / (ns r), argument reduced exactly in integers
                    long num = ((long) q * k) % ((long) ns * r);
                    double angle = -2.0 * Math.PI * num / ((double) ns * r);
                    c[k * (r - 1) + q - 1] = Math.cos(angle);
                    s[k * (r - 1) + q - 1] = Math.sin(angle);
                }
            }
            twiddleCos[p] = c;
            twiddleSin[p] = s;
            ns *= r;
        }
        int perVector = VECTOR_AVAILABLE ? VectorPasses.lanesPerVector() : 0;
        this.vector = VECTOR_AVAILABLE && lanes >= perVector;
        this.width = vector ? (lanes + perVector - 1) / perVector * perVector : lanes;
        Math.multiplyExact(size, width);
        re0 = new double[size][width];
        im0 = new double[size][width];
        re1 = new double[size][width];
        im1 = new double[size][width];
        resultInFirst = true;
        split = lanes >= SPLIT_MIN_LANES;
        scratch = split ? new double[24][lanes] : null;
        operands = split ? scratch.clone() : null;
    }

    /**
     * Whether transforms with at least one SIMD register of lanes run the Vector API passes in
     * this JVM (see the class documentation); for reports and benchmarks.
     */
    public static boolean simdPasses() {
        return VECTOR_AVAILABLE;
    }

    /** Whether {@code size >= 1} has no prime factor other than 2, 3 and 5. */
    public static boolean supports(int size) {
        if (size < 1) return false;
        int m = size;
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) m /= p;
        }
        return m == 1;
    }

    private static int[] factor(int n) {
        int[] buffer = new int[32];
        int count = 0;
        int m = n;
        while (m % 4 == 0) { buffer[count++] = 4; m /= 4; }
        while (m % 2 == 0) { buffer[count++] = 2; m /= 2; }
        while (m % 3 == 0) { buffer[count++] = 3; m /= 3; }
        while (m % 5 == 0) { buffer[count++] = 5; m /= 5; }
        return java.util.Arrays.copyOf(buffer, count);
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
     * The input real parts: fill element {@code (i, lane)} at {@code [i][lane]} before
     * {@link #forward()}. The arrays are this object's; Modified by {@link #forward()}. Rows may
     * be longer than {@link #lanes()} (padding to whole SIMD registers): leave the padding as
     * it is (zero).
     */
    public double[][] inputReal() {
        return re0;
    }

    /** The input imaginary parts, laid out as {@link #inputReal()}. */
    public double[][] inputImaginary() {
        return im0;
    }

    /** After {@link #forward()}: real parts of X, element {@code (k, lane)} at {@code [k][lane]}. */
    public double[][] outputReal() {
        return resultInFirst ? re0 : re1;
    }

    /** After {@link #forward()}: imaginary parts of X, laid out as {@link #outputReal()}. */
    public double[][] outputImaginary() {
        return resultInFirst ? im0 : im1;
    }

    /**
     * Transforms the input arrays of every lane. The input arrays are overwritten; read the
     * result through {@link #outputReal()} and {@link #outputImaginary()}, which stay valid
     * until the input arrays are filled again.
     */
    public void forward() {
        double[][] inRe = re0;
        double[][] inIm = im0;
        double[][] outRe = re1;
        double[][] outIm = im1;
        int ns = 1;
        for (int p = 0; p < radices.length; p++) {
            int r = radices[p];
            if (vector) {
                VectorPasses.pass(size, width, r, ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm);
            } else if (split) {
                splitPass(r, ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm);
            } else {
                switch (r) {
                    case 4: pass4(ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm); break;
                    case 2: pass2(ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm); break;
                    case 3: pass3(ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm); break;
                    default: pass5(ns, twiddleCos[p], twiddleSin[p], inRe, inIm, outRe, outIm); break;
                }
            }
            double[][] t = inRe; inRe = outRe; outRe = t;
            t = inIm; inIm = outIm; outIm = t;
            ns *= r;
        }
        resultInFirst = inRe == re0;
        if (!resultInFirst && inRe != re1) {
            throw new IllegalStateException("batched FFT lost track of its buffers");
        }
    }

    // In every pass, butterfly j (0 <= j < n/R) reads elements j + q*n/R, multiplies element q
    // by the twiddle exp(-2 pi i q k / (ns R)) with k = j mod ns, takes a length-R DFT and
    // writes output q to (j / ns) * ns * R + k + q * ns.

    private void pass2(int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm, double[][] outRe, double[][] outIm) {
        int m = size / 2;
        int l = lanes;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[k];
            double w1i = ts[k];
            int s0 = j;
            int s1 = j + m;
            int d0 = (j / ns) * ns * 2 + k;
            int d1 = d0 + ns;
            double[] outIm0 = outIm[d0];
            double[] outRe0 = outRe[d0];
            double[] outIm1 = outIm[d1];
            double[] outRe1 = outRe[d1];
            double[] inIm0 = inIm[s0];
            double[] inRe0 = inRe[s0];
            double[] inIm1 = inIm[s1];
            double[] inRe1 = inRe[s1];
            for (int b = 0; b < l; b++) {
                double a0r = inRe0[b];
                double a0i = inIm0[b];
                double xr = inRe1[b];
                double xi = inIm1[b];
                double a1r = xr * w1r - xi * w1i;
                double a1i = xr * w1i + xi * w1r;
                outRe0[b] = a0r + a1r;
                outIm0[b] = a0i + a1i;
                outRe1[b] = a0r - a1r;
                outIm1[b] = a0i - a1i;
            }
        }
    }

    private void pass3(int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm, double[][] outRe, double[][] outIm) {
        int m = size / 3;
        int l = lanes;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[2 * k];
            double w1i = ts[2 * k];
            double w2r = tc[2 * k + 1];
            double w2i = ts[2 * k + 1];
            int s0 = j;
            int s1 = j + m;
            int s2 = j + 2 * m;
            int d0 = (j / ns) * ns * 3 + k;
            int d1 = d0 + ns;
            int d2 = d1 + ns;
            double[] outIm0 = outIm[d0];
            double[] outRe0 = outRe[d0];
            double[] outIm1 = outIm[d1];
            double[] outRe1 = outRe[d1];
            double[] outIm2 = outIm[d2];
            double[] outRe2 = outRe[d2];
            double[] inIm0 = inIm[s0];
            double[] inRe0 = inRe[s0];
            double[] inIm1 = inIm[s1];
            double[] inRe1 = inRe[s1];
            double[] inIm2 = inIm[s2];
            double[] inRe2 = inRe[s2];
            for (int b = 0; b < l; b++) {
                double a0r = inRe0[b];
                double a0i = inIm0[b];
                double xr = inRe1[b];
                double xi = inIm1[b];
                double a1r = xr * w1r - xi * w1i;
                double a1i = xr * w1i + xi * w1r;
                xr = inRe2[b];
                xi = inIm2[b];
                double a2r = xr * w2r - xi * w2i;
                double a2i = xr * w2i + xi * w2r;
                double tr = a1r + a2r;
                double ti = a1i + a2i;
                double dr = a1r - a2r;
                double di = a1i - a2i;
                double mr = a0r - 0.5 * tr;
                double mi = a0i - 0.5 * ti;
                outRe0[b] = a0r + tr;
                outIm0[b] = a0i + ti;
                // X1 = m - i s d, X2 = m + i s d with s = sin(60 deg)
                outRe1[b] = mr + SIN_60 * di;
                outIm1[b] = mi - SIN_60 * dr;
                outRe2[b] = mr - SIN_60 * di;
                outIm2[b] = mi + SIN_60 * dr;
            }
        }
    }

    private void pass4(int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm, double[][] outRe, double[][] outIm) {
        int m = size / 4;
        int l = lanes;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[3 * k];
            double w1i = ts[3 * k];
            double w2r = tc[3 * k + 1];
            double w2i = ts[3 * k + 1];
            double w3r = tc[3 * k + 2];
            double w3i = ts[3 * k + 2];
            int s0 = j;
            int s1 = j + m;
            int s2 = j + 2 * m;
            int s3 = j + 3 * m;
            int d0 = (j / ns) * ns * 4 + k;
            int d1 = d0 + ns;
            int d2 = d1 + ns;
            int d3 = d2 + ns;
            double[] outIm0 = outIm[d0];
            double[] outRe0 = outRe[d0];
            double[] outIm1 = outIm[d1];
            double[] outRe1 = outRe[d1];
            double[] outIm2 = outIm[d2];
            double[] outRe2 = outRe[d2];
            double[] outIm3 = outIm[d3];
            double[] outRe3 = outRe[d3];
            double[] inIm0 = inIm[s0];
            double[] inRe0 = inRe[s0];
            double[] inIm1 = inIm[s1];
            double[] inRe1 = inRe[s1];
            double[] inIm2 = inIm[s2];
            double[] inRe2 = inRe[s2];
            double[] inIm3 = inIm[s3];
            double[] inRe3 = inRe[s3];
            for (int b = 0; b < l; b++) {
                double a0r = inRe0[b];
                double a0i = inIm0[b];
                double xr = inRe1[b];
                double xi = inIm1[b];
                double a1r = xr * w1r - xi * w1i;
                double a1i = xr * w1i + xi * w1r;
                xr = inRe2[b];
                xi = inIm2[b];
                double a2r = xr * w2r - xi * w2i;
                double a2i = xr * w2i + xi * w2r;
                xr = inRe3[b];
                xi = inIm3[b];
                double a3r = xr * w3r - xi * w3i;
                double a3i = xr * w3i + xi * w3r;
                double t0r = a0r + a2r;
                double t0i = a0i + a2i;
                double t1r = a0r - a2r;
                double t1i = a0i - a2i;
                double t2r = a1r + a3r;
                double t2i = a1i + a3i;
                double t3r = a1r - a3r;
                double t3i = a1i - a3i;
                outRe0[b] = t0r + t2r;
                outIm0[b] = t0i + t2i;
                outRe2[b] = t0r - t2r;
                outIm2[b] = t0i - t2i;
                // X1 = t1 - i t3, X3 = t1 + i t3
                outRe1[b] = t1r + t3i;
                outIm1[b] = t1i - t3r;
                outRe3[b] = t1r - t3i;
                outIm3[b] = t1i + t3r;
            }
        }
    }

    private void pass5(int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm, double[][] outRe, double[][] outIm) {
        int m = size / 5;
        int l = lanes;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[4 * k];
            double w1i = ts[4 * k];
            double w2r = tc[4 * k + 1];
            double w2i = ts[4 * k + 1];
            double w3r = tc[4 * k + 2];
            double w3i = ts[4 * k + 2];
            double w4r = tc[4 * k + 3];
            double w4i = ts[4 * k + 3];
            int s0 = j;
            int s1 = j + m;
            int s2 = j + 2 * m;
            int s3 = j + 3 * m;
            int s4 = j + 4 * m;
            int d0 = (j / ns) * ns * 5 + k;
            int d1 = d0 + ns;
            int d2 = d1 + ns;
            int d3 = d2 + ns;
            int d4 = d3 + ns;
            double[] outIm0 = outIm[d0];
            double[] outRe0 = outRe[d0];
            double[] outIm1 = outIm[d1];
            double[] outRe1 = outRe[d1];
            double[] outIm2 = outIm[d2];
            double[] outRe2 = outRe[d2];
            double[] outIm3 = outIm[d3];
            double[] outRe3 = outRe[d3];
            double[] outIm4 = outIm[d4];
            double[] outRe4 = outRe[d4];
            double[] inIm0 = inIm[s0];
            double[] inRe0 = inRe[s0];
            double[] inIm1 = inIm[s1];
            double[] inRe1 = inRe[s1];
            double[] inIm2 = inIm[s2];
            double[] inRe2 = inRe[s2];
            double[] inIm3 = inIm[s3];
            double[] inRe3 = inRe[s3];
            double[] inIm4 = inIm[s4];
            double[] inRe4 = inRe[s4];
            for (int b = 0; b < l; b++) {
                double a0r = inRe0[b];
                double a0i = inIm0[b];
                double xr = inRe1[b];
                double xi = inIm1[b];
                double a1r = xr * w1r - xi * w1i;
                double a1i = xr * w1i + xi * w1r;
                xr = inRe2[b];
                xi = inIm2[b];
                double a2r = xr * w2r - xi * w2i;
                double a2i = xr * w2i + xi * w2r;
                xr = inRe3[b];
                xi = inIm3[b];
                double a3r = xr * w3r - xi * w3i;
                double a3i = xr * w3i + xi * w3r;
                xr = inRe4[b];
                xi = inIm4[b];
                double a4r = xr * w4r - xi * w4i;
                double a4i = xr * w4i + xi * w4r;
                double t1r = a1r + a4r;
                double t1i = a1i + a4i;
                double t2r = a2r + a3r;
                double t2i = a2i + a3i;
                double d1r = a1r - a4r;
                double d1i = a1i - a4i;
                double d2r = a2r - a3r;
                double d2i = a2i - a3i;
                double m1r = a0r + COS_72 * t1r + COS_144 * t2r;
                double m1i = a0i + COS_72 * t1i + COS_144 * t2i;
                double m2r = a0r + COS_144 * t1r + COS_72 * t2r;
                double m2i = a0i + COS_144 * t1i + COS_72 * t2i;
                // u1 = s72 d1 + s144 d2 ; u2 = s144 d1 - s72 d2 ; X1,4 = m1 -/+ i u1 ; X2,3 = m2 -/+ i u2
                double u1r = SIN_72 * d1r + SIN_144 * d2r;
                double u1i = SIN_72 * d1i + SIN_144 * d2i;
                double u2r = SIN_144 * d1r - SIN_72 * d2r;
                double u2i = SIN_144 * d1i - SIN_72 * d2i;
                outRe0[b] = a0r + t1r + t2r;
                outIm0[b] = a0i + t1i + t2i;
                outRe1[b] = m1r + u1i;
                outIm1[b] = m1i - u1r;
                outRe4[b] = m1r - u1i;
                outIm4[b] = m1i + u1r;
                outRe2[b] = m2r + u2i;
                outIm2[b] = m2i - u2r;
                outRe3[b] = m2r - u2i;
                outIm3[b] = m2i + u2r;
            }
        }
    }

    /** One pass as chains of short lane loops; same expressions, same order as the fused passes. */
    private void splitPass(int r, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                           double[][] outRe, double[][] outIm) {
        int m = size / r;
        int l = lanes;
        double[][] t = operands;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            int d0 = (j / ns) * ns * r + k;
            // t[2q-2], t[2q-1]: input q (1 <= q < r) times its twiddle; the first pass's twiddles
            // are all exactly 1 (k = 0), so there the input rows serve as they are.
            for (int q = 1; q < r; q++) {
                if (ns == 1) {
                    t[2 * q - 2] = inRe[j + q * m];
                    t[2 * q - 1] = inIm[j + q * m];
                } else {
                    int w = k * (r - 1) + q - 1;
                    t[2 * q - 2] = scratch[2 * q - 2];
                    t[2 * q - 1] = scratch[2 * q - 1];
                    twiddle(inRe[j + q * m], inIm[j + q * m], tc[w], ts[w], t[2 * q - 2], t[2 * q - 1], l);
                }
            }
            double[] a0r = inRe[j];
            double[] a0i = inIm[j];
            switch (r) {
                case 2:
                    sumDifference(a0r, t[0], outRe[d0], outRe[d0 + ns], l);
                    sumDifference(a0i, t[1], outIm[d0], outIm[d0 + ns], l);
                    break;
                case 3: {
                    // t4 = a1+a2 (re), t5 = a1-a2 (re), t6, t7 the same for im; t8, t9 = a0 - tr/2
                    sumDifference(t[0], t[2], t[4], t[5], l);
                    sumDifference(t[1], t[3], t[6], t[7], l);
                    scaledSum(a0r, -0.5, t[4], t[8], l);
                    scaledSum(a0i, -0.5, t[6], t[9], l);
                    sum(a0r, t[4], outRe[d0], l);
                    sum(a0i, t[6], outIm[d0], l);
                    // X1 = m - i s d, X2 = m + i s d
                    scaledSumDifference(t[8], SIN_60, t[7], outRe[d0 + ns], outRe[d0 + 2 * ns], l);
                    scaledSumDifference(t[9], SIN_60, t[5], outIm[d0 + 2 * ns], outIm[d0 + ns], l);
                    break;
                }
                case 4: {
                    // t6..t13: t0r t1r t0i t1i t2r t3r t2i t3i
                    sumDifference(a0r, t[2], t[6], t[7], l);
                    sumDifference(a0i, t[3], t[8], t[9], l);
                    sumDifference(t[0], t[4], t[10], t[11], l);
                    sumDifference(t[1], t[5], t[12], t[13], l);
                    sumDifference(t[6], t[10], outRe[d0], outRe[d0 + 2 * ns], l);
                    sumDifference(t[8], t[12], outIm[d0], outIm[d0 + 2 * ns], l);
                    // X1 = t1 - i t3, X3 = t1 + i t3
                    sumDifference(t[7], t[13], outRe[d0 + ns], outRe[d0 + 3 * ns], l);
                    sumDifference(t[9], t[11], outIm[d0 + 3 * ns], outIm[d0 + ns], l);
                    break;
                }
                default: {
                    // t8..t15: t1r t1i t2r t2i d1r d1i d2r d2i; t16..t23: m1r m1i m2r m2i u1r u1i u2r u2i
                    sumDifference(t[0], t[6], t[8], t[12], l);
                    sumDifference(t[1], t[7], t[9], t[13], l);
                    sumDifference(t[2], t[4], t[10], t[14], l);
                    sumDifference(t[3], t[5], t[11], t[15], l);
                    twoScaledSum(a0r, COS_72, t[8], COS_144, t[10], t[16], l);
                    twoScaledSum(a0i, COS_72, t[9], COS_144, t[11], t[17], l);
                    twoScaledSum(a0r, COS_144, t[8], COS_72, t[10], t[18], l);
                    twoScaledSum(a0i, COS_144, t[9], COS_72, t[11], t[19], l);
                    linear(SIN_72, t[12], SIN_144, t[14], t[20], l);
                    linear(SIN_72, t[13], SIN_144, t[15], t[21], l);
                    linear(SIN_144, t[12], -SIN_72, t[14], t[22], l);
                    linear(SIN_144, t[13], -SIN_72, t[15], t[23], l);
                    sum3(a0r, t[8], t[10], outRe[d0], l);
                    sum3(a0i, t[9], t[11], outIm[d0], l);
                    // X1,4 = m1 -/+ i u1 ; X2,3 = m2 -/+ i u2
                    sumDifference(t[16], t[21], outRe[d0 + ns], outRe[d0 + 4 * ns], l);
                    sumDifference(t[17], t[20], outIm[d0 + 4 * ns], outIm[d0 + ns], l);
                    sumDifference(t[18], t[23], outRe[d0 + 2 * ns], outRe[d0 + 3 * ns], l);
                    sumDifference(t[19], t[22], outIm[d0 + 3 * ns], outIm[d0 + 2 * ns], l);
                    break;
                }
            }
        }
    }

    private static void twiddle(double[] xr, double[] xi, double wr, double wi, double[] yr, double[] yi, int l) {
        for (int b = 0; b < l; b++) {
            double r = xr[b];
            double i = xi[b];
            yr[b] = r * wr - i * wi;
            yi[b] = r * wi + i * wr;
        }
    }

    /** {@code s = a + b}, {@code d = a - b}. */
    private static void sumDifference(double[] a, double[] b, double[] s, double[] d, int l) {
        for (int i = 0; i < l; i++) {
            double x = a[i];
            double y = b[i];
            s[i] = x + y;
            d[i] = x - y;
        }
    }

    private static void sum(double[] a, double[] b, double[] o, int l) {
        for (int i = 0; i < l; i++) o[i] = a[i] + b[i];
    }

    private static void sum3(double[] a, double[] b, double[] c, double[] o, int l) {
        for (int i = 0; i < l; i++) o[i] = a[i] + b[i] + c[i];
    }

    /** {@code o = a + c * x}. */
    private static void scaledSum(double[] a, double c, double[] x, double[] o, int l) {
        for (int i = 0; i < l; i++) o[i] = a[i] + c * x[i];
    }

    /** {@code p = m + c * u}, {@code q = m - c * u}. */
    private static void scaledSumDifference(double[] m, double c, double[] u, double[] p, double[] q, int l) {
        for (int i = 0; i < l; i++) {
            double x = m[i];
            double y = c * u[i];
            p[i] = x + y;
            q[i] = x - y;
        }
    }

    /** {@code o = a + c1 * x1 + c2 * x2}. */
    private static void twoScaledSum(double[] a, double c1, double[] x1, double c2, double[] x2, double[] o, int l) {
        for (int i = 0; i < l; i++) o[i] = a[i] + c1 * x1[i] + c2 * x2[i];
    }

    /** {@code o = c1 * x1 + c2 * x2}. */
    private static void linear(double c1, double[] x1, double c2, double[] x2, double[] o, int l) {
        for (int i = 0; i < l; i++) o[i] = c1 * x1[i] + c2 * x2[i];
    }
}
