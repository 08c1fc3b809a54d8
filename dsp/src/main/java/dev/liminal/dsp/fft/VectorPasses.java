package dev.liminal.dsp.fft;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The passes of {@link BatchedComplexFft} written with the incubating Vector API
 * ({@code jdk.incubator.vector}), one SIMD register of lanes at a time: each butterfly keeps its
 * operands in registers instead of the scratch rows of the split form. Every output is the same
 * expression, evaluated in the same order, as in the split and fused forms (products and sums,
 * never fused multiply-adds), so the bits are the same whichever form runs.
 *
 * <p>Only loaded when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@link BatchedComplexFft} checks before touching this class); rows must hold a whole number
 * of {@link #lanesPerVector()} lanes.
 *
 * <p>Thread-safety: stateless.
 */
final class VectorPasses {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double SIN_60 = Math.sqrt(3.0) / 2.0;
    private static final double COS_72 = Math.cos(2.0 * Math.PI / 5.0);
    private static final double COS_144 = Math.cos(4.0 * Math.PI / 5.0);
    private static final double SIN_72 = Math.sin(2.0 * Math.PI / 5.0);
    private static final double SIN_144 = Math.sin(4.0 * Math.PI / 5.0);

    private VectorPasses() {
    }

    /** Lanes in one register; row lengths must be a multiple of this. */
    static int lanesPerVector() {
        return SPECIES.length();
    }

    /**
     * One pass of radix {@code r} over rows of {@code width} lanes; see
     * {@link BatchedComplexFft} for the indexing. In the first pass ({@code ns == 1}) every
     * twiddle is 1 and no product is formed.
     */
    static void pass(int size, int width, int r, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                     double[][] outRe, double[][] outIm) {
        switch (r) {
            case 2: pass2(size, width, ns, tc, ts, inRe, inIm, outRe, outIm); break;
            case 3: pass3(size, width, ns, tc, ts, inRe, inIm, outRe, outIm); break;
            case 4: pass4(size, width, ns, tc, ts, inRe, inIm, outRe, outIm); break;
            case 5: pass5(size, width, ns, tc, ts, inRe, inIm, outRe, outIm); break;
            default: throw new IllegalArgumentException("no radix-" + r + " pass");
        }
    }

    private static DoubleVector load(double[] row, int b) {
        return DoubleVector.fromArray(SPECIES, row, b);
    }

    /** Real part of x times (wr + i wi): {@code r wr - i wi}. */
    private static DoubleVector twiddleRe(DoubleVector xr, DoubleVector xi, double wr, double wi) {
        return xr.mul(wr).sub(xi.mul(wi));
    }

    /** Imaginary part: {@code r wi + i wr}. */
    private static DoubleVector twiddleIm(DoubleVector xr, DoubleVector xi, double wr, double wi) {
        return xr.mul(wi).add(xi.mul(wr));
    }

    private static void pass2(int size, int width, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                              double[][] outRe, double[][] outIm) {
        int m = size / 2;
        boolean first = ns == 1;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[k];
            double w1i = ts[k];
            int d0 = (j / ns) * ns * 2 + k;
            double[] i0r = inRe[j], i0i = inIm[j], i1r = inRe[j + m], i1i = inIm[j + m];
            double[] o0r = outRe[d0], o0i = outIm[d0], o1r = outRe[d0 + ns], o1i = outIm[d0 + ns];
            for (int b = 0; b < width; b += SPECIES.length()) {
                DoubleVector a0r = load(i0r, b);
                DoubleVector a0i = load(i0i, b);
                DoubleVector xr = load(i1r, b);
                DoubleVector xi = load(i1i, b);
                DoubleVector a1r = first ? xr : twiddleRe(xr, xi, w1r, w1i);
                DoubleVector a1i = first ? xi : twiddleIm(xr, xi, w1r, w1i);
                a0r.add(a1r).intoArray(o0r, b);
                a0r.sub(a1r).intoArray(o1r, b);
                a0i.add(a1i).intoArray(o0i, b);
                a0i.sub(a1i).intoArray(o1i, b);
            }
        }
    }

    private static void pass3(int size, int width, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                              double[][] outRe, double[][] outIm) {
        int m = size / 3;
        boolean first = ns == 1;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[2 * k], w1i = ts[2 * k], w2r = tc[2 * k + 1], w2i = ts[2 * k + 1];
            int d0 = (j / ns) * ns * 3 + k;
            double[] i0r = inRe[j], i0i = inIm[j], i1r = inRe[j + m], i1i = inIm[j + m];
            double[] i2r = inRe[j + 2 * m], i2i = inIm[j + 2 * m];
            double[] o0r = outRe[d0], o0i = outIm[d0], o1r = outRe[d0 + ns], o1i = outIm[d0 + ns];
            double[] o2r = outRe[d0 + 2 * ns], o2i = outIm[d0 + 2 * ns];
            for (int b = 0; b < width; b += SPECIES.length()) {
                DoubleVector a0r = load(i0r, b);
                DoubleVector a0i = load(i0i, b);
                DoubleVector xr = load(i1r, b);
                DoubleVector xi = load(i1i, b);
                DoubleVector a1r = first ? xr : twiddleRe(xr, xi, w1r, w1i);
                DoubleVector a1i = first ? xi : twiddleIm(xr, xi, w1r, w1i);
                xr = load(i2r, b);
                xi = load(i2i, b);
                DoubleVector a2r = first ? xr : twiddleRe(xr, xi, w2r, w2i);
                DoubleVector a2i = first ? xi : twiddleIm(xr, xi, w2r, w2i);
                DoubleVector sr = a1r.add(a2r);
                DoubleVector dr = a1r.sub(a2r);
                DoubleVector si = a1i.add(a2i);
                DoubleVector di = a1i.sub(a2i);
                DoubleVector mr = a0r.add(sr.mul(-0.5));
                DoubleVector mi = a0i.add(si.mul(-0.5));
                a0r.add(sr).intoArray(o0r, b);
                a0i.add(si).intoArray(o0i, b);
                // X1 = m - i s d, X2 = m + i s d with s = sin(60 deg)
                DoubleVector ur = di.mul(SIN_60);
                DoubleVector ui = dr.mul(SIN_60);
                mr.add(ur).intoArray(o1r, b);
                mr.sub(ur).intoArray(o2r, b);
                mi.add(ui).intoArray(o2i, b);
                mi.sub(ui).intoArray(o1i, b);
            }
        }
    }

    private static void pass4(int size, int width, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                              double[][] outRe, double[][] outIm) {
        int m = size / 4;
        boolean first = ns == 1;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[3 * k], w1i = ts[3 * k], w2r = tc[3 * k + 1], w2i = ts[3 * k + 1];
            double w3r = tc[3 * k + 2], w3i = ts[3 * k + 2];
            int d0 = (j / ns) * ns * 4 + k;
            double[] i0r = inRe[j], i0i = inIm[j], i1r = inRe[j + m], i1i = inIm[j + m];
            double[] i2r = inRe[j + 2 * m], i2i = inIm[j + 2 * m], i3r = inRe[j + 3 * m], i3i = inIm[j + 3 * m];
            double[] o0r = outRe[d0], o0i = outIm[d0], o1r = outRe[d0 + ns], o1i = outIm[d0 + ns];
            double[] o2r = outRe[d0 + 2 * ns], o2i = outIm[d0 + 2 * ns];
            double[] o3r = outRe[d0 + 3 * ns], o3i = outIm[d0 + 3 * ns];
            for (int b = 0; b < width; b += SPECIES.length()) {
                DoubleVector a0r = load(i0r, b);
                DoubleVector a0i = load(i0i, b);
                DoubleVector xr = load(i1r, b);
                DoubleVector xi = load(i1i, b);
                DoubleVector a1r = first ? xr : twiddleRe(xr, xi, w1r, w1i);
                DoubleVector a1i = first ? xi : twiddleIm(xr, xi, w1r, w1i);
                xr = load(i2r, b);
                xi = load(i2i, b);
                DoubleVector a2r = first ? xr : twiddleRe(xr, xi, w2r, w2i);
                DoubleVector a2i = first ? xi : twiddleIm(xr, xi, w2r, w2i);
                xr = load(i3r, b);
                xi = load(i3i, b);
                DoubleVector a3r = first ? xr : twiddleRe(xr, xi, w3r, w3i);
                DoubleVector a3i = first ? xi : twiddleIm(xr, xi, w3r, w3i);
                DoubleVector t0r = a0r.add(a2r);
                DoubleVector t1r = a0r.sub(a2r);
                DoubleVector t0i = a0i.add(a2i);
                DoubleVector t1i = a0i.sub(a2i);
                DoubleVector t2r = a1r.add(a3r);
                DoubleVector t3r = a1r.sub(a3r);
                DoubleVector t2i = a1i.add(a3i);
                DoubleVector t3i = a1i.sub(a3i);
                t0r.add(t2r).intoArray(o0r, b);
                t0r.sub(t2r).intoArray(o2r, b);
                t0i.add(t2i).intoArray(o0i, b);
                t0i.sub(t2i).intoArray(o2i, b);
                // X1 = t1 - i t3, X3 = t1 + i t3
                t1r.add(t3i).intoArray(o1r, b);
                t1r.sub(t3i).intoArray(o3r, b);
                t1i.add(t3r).intoArray(o3i, b);
                t1i.sub(t3r).intoArray(o1i, b);
            }
        }
    }

    private static void pass5(int size, int width, int ns, double[] tc, double[] ts, double[][] inRe, double[][] inIm,
                              double[][] outRe, double[][] outIm) {
        int m = size / 5;
        boolean first = ns == 1;
        for (int j = 0; j < m; j++) {
            int k = j % ns;
            double w1r = tc[4 * k], w1i = ts[4 * k], w2r = tc[4 * k + 1], w2i = ts[4 * k + 1];
            double w3r = tc[4 * k + 2], w3i = ts[4 * k + 2], w4r = tc[4 * k + 3], w4i = ts[4 * k + 3];
            int d0 = (j / ns) * ns * 5 + k;
            double[] i0r = inRe[j], i0i = inIm[j], i1r = inRe[j + m], i1i = inIm[j + m];
            double[] i2r = inRe[j + 2 * m], i2i = inIm[j + 2 * m], i3r = inRe[j + 3 * m], i3i = inIm[j + 3 * m];
            double[] i4r = inRe[j + 4 * m], i4i = inIm[j + 4 * m];
            double[] o0r = outRe[d0], o0i = outIm[d0], o1r = outRe[d0 + ns], o1i = outIm[d0 + ns];
            double[] o2r = outRe[d0 + 2 * ns], o2i = outIm[d0 + 2 * ns], o3r = outRe[d0 + 3 * ns];
            double[] o3i = outIm[d0 + 3 * ns], o4r = outRe[d0 + 4 * ns], o4i = outIm[d0 + 4 * ns];
            for (int b = 0; b < width; b += SPECIES.length()) {
                DoubleVector a0r = load(i0r, b);
                DoubleVector a0i = load(i0i, b);
                DoubleVector xr = load(i1r, b);
                DoubleVector xi = load(i1i, b);
                DoubleVector a1r = first ? xr : twiddleRe(xr, xi, w1r, w1i);
                DoubleVector a1i = first ? xi : twiddleIm(xr, xi, w1r, w1i);
                xr = load(i2r, b);
                xi = load(i2i, b);
                DoubleVector a2r = first ? xr : twiddleRe(xr, xi, w2r, w2i);
                DoubleVector a2i = first ? xi : twiddleIm(xr, xi, w2r, w2i);
                xr = load(i3r, b);
                xi = load(i3i, b);
                DoubleVector a3r = first ? xr : twiddleRe(xr, xi, w3r, w3i);
                DoubleVector a3i = first ? xi : twiddleIm(xr, xi, w3r, w3i);
                xr = load(i4r, b);
                xi = load(i4i, b);
                DoubleVector a4r = first ? xr : twiddleRe(xr, xi, w4r, w4i);
                DoubleVector a4i = first ? xi : twiddleIm(xr, xi, w4r, w4i);
                DoubleVector t1r = a1r.add(a4r);
                DoubleVector d1r = a1r.sub(a4r);
                DoubleVector t1i = a1i.add(a4i);
                DoubleVector d1i = a1i.sub(a4i);
                DoubleVector t2r = a2r.add(a3r);
                DoubleVector d2r = a2r.sub(a3r);
                DoubleVector t2i = a2i.add(a3i);
                DoubleVector d2i = a2i.sub(a3i);
                DoubleVector m1r = a0r.add(t1r.mul(COS_72)).add(t2r.mul(COS_144));
                DoubleVector m1i = a0i.add(t1i.mul(COS_72)).add(t2i.mul(COS_144));
                DoubleVector m2r = a0r.add(t1r.mul(COS_144)).add(t2r.mul(COS_72));
                DoubleVector m2i = a0i.add(t1i.mul(COS_144)).add(t2i.mul(COS_72));
                DoubleVector u1r = d1r.mul(SIN_72).add(d2r.mul(SIN_144));
                DoubleVector u1i = d1i.mul(SIN_72).add(d2i.mul(SIN_144));
                DoubleVector u2r = d1r.mul(SIN_144).add(d2r.mul(-SIN_72));
                DoubleVector u2i = d1i.mul(SIN_144).add(d2i.mul(-SIN_72));
                a0r.add(t1r).add(t2r).intoArray(o0r, b);
                a0i.add(t1i).add(t2i).intoArray(o0i, b);
                // X1,4 = m1 -/+ i u1 ; X2,3 = m2 -/+ i u2
                m1r.add(u1i).intoArray(o1r, b);
                m1r.sub(u1i).intoArray(o4r, b);
                m1i.add(u1r).intoArray(o4i, b);
                m1i.sub(u1r).intoArray(o1i, b);
                m2r.add(u2i).intoArray(o2r, b);
                m2r.sub(u2i).intoArray(o3r, b);
                m2i.add(u2r).intoArray(o3i, b);
                m2i.sub(u2r).intoArray(o2i, b);
            }
        }
    }
}
