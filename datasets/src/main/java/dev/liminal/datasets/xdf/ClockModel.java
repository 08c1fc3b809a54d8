package dev.liminal.datasets.xdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream's clock correction from its ClockOffset chunks: the measurements are split into
 * clock segments at clock resets, and each segment gets a least-squares line
 * {@code offset(t) = mean + slope * (t - center)}; a timestamp {@code t} of the segment becomes
 * {@code t + offset(t)}. Immutable after construction; thread-safe.
 *
 * <p>Reset detection follows pyxdf's idea ({@code _clock_sync}, XDF wiki "clock resets"): a
 * reset lies between two consecutive measurements whose collection-time step deviates from the
 * median step by more than {@value #RESET_TIME_STDS} robust deviations and
 * {@value #RESET_TIME_SECONDS} s, and whose offset step deviates from the median offset step by
 * more than {@value #RESET_OFFSET_STDS} robust deviations and {@value #RESET_OFFSET_SECONDS} s.
 * Collection times are on the sender's clock (LabRecorder writes {@code now - offset}), the
 * same clock as the samples, so a segment covers the sample times between its first and last
 * measurement. A sample outside its range belongs to the nearest of three candidates: the
 * segment of the last measurement before it in the file, and the segments before and after.
 */
final class ClockModel {
    /** pyxdf's {@code reset_threshold_stds}. */
    static final double RESET_TIME_STDS = 5;
    /** pyxdf's {@code reset_threshold_seconds}. */
    static final double RESET_TIME_SECONDS = 5;
    /** pyxdf's {@code reset_threshold_offset_stds}. */
    static final double RESET_OFFSET_STDS = 10;
    /** pyxdf's {@code reset_threshold_offset_seconds}. */
    static final double RESET_OFFSET_SECONDS = 1;

    /** No correction at all (no measurements, or synchronisation off). */
    static final ClockModel NONE = new ClockModel(new int[0], new double[0], new double[0], new double[0],
            new double[0], new double[0], new int[0]);

    private final int[] segmentOfMeasurement;
    private final double[] lo;
    private final double[] hi;
    private final double[] center;
    private final double[] mean;
    private final double[] slope;
    private final int[] firstMeasurement;

    private ClockModel(int[] segmentOfMeasurement, double[] lo, double[] hi, double[] center, double[] mean,
                       double[] slope, int[] firstMeasurement) {
        this.segmentOfMeasurement = segmentOfMeasurement;
        this.lo = lo;
        this.hi = hi;
        this.center = center;
        this.mean = mean;
        this.slope = slope;
        this.firstMeasurement = firstMeasurement;
    }

    /**
     * Fits the model.
     *
     * @param times       Not modified: collection times in seconds, file order
     * @param values      Not modified: offsets in seconds
     * @param n           number of measurements used from the arrays
     * @param splitResets whether to split at clock resets
     */
    static ClockModel fit(double[] times, double[] values, int n, boolean splitResets) {
        if (n == 0) return NONE;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        if (splitResets && n > 2) {
            double[] dt = new double[n - 1];
            double[] dv = new double[n - 1];
            for (int i = 0; i < n - 1; i++) {
                dt[i] = times[i + 1] - times[i];
                dv[i] = Math.abs(values[i + 1] - values[i]);
            }
            double medT = median(dt);
            double madT = medianAbsDeviation(dt, medT);
            double medV = median(dv);
            double madV = medianAbsDeviation(dv, medV);
            double limT = Math.max(RESET_TIME_STDS * madT, RESET_TIME_SECONDS);
            double limV = Math.max(RESET_OFFSET_STDS * madV, RESET_OFFSET_SECONDS);
            for (int i = 0; i < n - 1; i++) {
                if (Math.abs(dt[i] - medT) > limT && Math.abs(dv[i] - medV) > limV) starts.add(i + 1);
            }
        }
        int segments = starts.size();
        int[] segOf = new int[n];
        double[] lo = new double[segments];
        double[] hi = new double[segments];
        double[] center = new double[segments];
        double[] mean = new double[segments];
        double[] slope = new double[segments];
        int[] first = new int[segments];
        for (int s = 0; s < segments; s++) {
            int a = starts.get(s);
            int b = s + 1 < segments ? starts.get(s + 1) : n;
            first[s] = a;
            double tMin = Double.POSITIVE_INFINITY;
            double tMax = Double.NEGATIVE_INFINITY;
            double tSum = 0;
            double vSum = 0;
            for (int i = a; i < b; i++) {
                segOf[i] = s;
                tMin = Math.min(tMin, times[i]);
                tMax = Math.max(tMax, times[i]);
                tSum += times[i];
                vSum += values[i];
            }
            int m = b - a;
            double tc = tSum / m;
            double vc = vSum / m;
            double sxx = 0;
            double sxy = 0;
            for (int i = a; i < b; i++) {
                double x = times[i] - tc;
                sxx += x * x;
                sxy += x * (values[i] - vc);
            }
            lo[s] = tMin;
            hi[s] = tMax;
            center[s] = tc;
            mean[s] = vc;
            slope[s] = sxx > 0 ? sxy / sxx : 0;
        }
        return new ClockModel(segOf, lo, hi, center, mean, slope, first);
    }

    /** Number of clock segments (0 without measurements). */
    int segmentCount() {
        return lo.length;
    }

    /** Index of the first measurement of each segment after the first: where resets were found. */
    int[] resetMeasurements() {
        return Arrays.copyOfRange(firstMeasurement, Math.min(1, firstMeasurement.length), firstMeasurement.length);
    }

    /**
     * The segment for a timestamp.
     *
     * @param t                raw timestamp, seconds
     * @param measurementsSeen how many of the stream's measurements precede the sample in the file
     */
    int segmentFor(double t, int measurementsSeen) {
        int n = lo.length;
        if (n <= 1) return 0;
        int fileSegment = measurementsSeen == 0 ? 0 : segmentOfMeasurement[Math.min(measurementsSeen, segmentOfMeasurement.length) - 1];
        // samples lie in the file next to their measurements: only the segment of the last
        // measurement before the sample and its neighbours are candidates (constant time even
        // for files with thousands of resets)
        int best = fileSegment;
        double bestDistance = distance(t, fileSegment);
        if (bestDistance == 0) return best;
        for (int s = Math.max(0, fileSegment - 1); s <= Math.min(n - 1, fileSegment + 1); s++) {
            double d = distance(t, s);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code t} corrected with segment {@code s}'s line; {@code t} itself without measurements. */
    double correct(double t, int s) {
        if (lo.length == 0) return t;
        return t + mean[s] + slope[s] * (t - center[s]);
    }

    private double distance(double t, int s) {
        if (t < lo[s]) return lo[s] - t;
        if (t > hi[s]) return t - hi[s];
        return 0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }

    private static double medianAbsDeviation(double[] v, double median) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = Math.abs(v[i] - median);
        return median(d);
    }
}
