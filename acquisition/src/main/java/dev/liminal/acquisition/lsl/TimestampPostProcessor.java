package dev.liminal.acquisition.lsl;

/**
 * Inlet-side timestamp post-processing, applied in this order (liblsl's
 * {@code time_postprocessor.cpp}; not part of the wire protocol, LSL-PROTOCOL.md section 7):
 * clock sync (add the latest time correction), dejitter (recursive least-squares fit of
 * {@code t = a + b·n} over the sample index n, forgetting factor 2^(−1/(rate·halftime)); regular
 * streams only), monotonize (never go backwards).
 *
 * <p>Confined to the inlet's reader thread; allocates nothing per sample.
 */
final class TimestampPostProcessor {
    /** Initial parameter covariance: effectively no prior (classic RLS start). */
    private static final double RLS_INITIAL_COVARIANCE = 1e10;

    private final boolean clockSync;
    private final boolean dejitter;
    private final boolean monotonize;
    private final double rateHz;
    private final double lambda;
    private boolean started;
    private double base;
    private long n;
    private double w0;
    private double w1;
    private double p00;
    private double p01;
    private double p11;
    private double last = Double.NEGATIVE_INFINITY;

    TimestampPostProcessor(boolean clockSync, boolean dejitter, boolean monotonize, double rateHz, double halftimeSeconds) {
        this.clockSync = clockSync;
        this.dejitter = dejitter && rateHz > 0;
        this.monotonize = monotonize;
        this.rateHz = rateHz;
        this.lambda = rateHz > 0 ? Math.pow(2, -1.0 / (rateHz * halftimeSeconds)) : 1;
    }

    /** Forgets the dejitter fit (after a reconnect to another outlet). */
    void reset() {
        started = false;
    }

    double process(double t, double correctionSeconds) {
        if (clockSync) t += correctionSeconds;
        if (dejitter) t = smooth(t);
        if (monotonize) {
            if (t < last) t = last;
            last = t;
        }
        return t;
    }

    private double smooth(double t) {
        if (!started) {
            started = true;
            base = t;
            n = 0;
            w0 = 0;
            w1 = 1.0 / rateHz;
            p00 = RLS_INITIAL_COVARIANCE;
            p01 = 0;
            p11 = RLS_INITIAL_COVARIANCE;
            return t;
        }
        n++;
        double x1 = n;
        double y = t - base;
        double px0 = p00 + p01 * x1;
        double px1 = p01 + p11 * x1;
        double denom = lambda + px0 + x1 * px1;
        double k0 = px0 / denom;
        double k1 = px1 / denom;
        double err = y - (w0 + w1 * x1);
        w0 += k0 * err;
        w1 += k1 * err;
        double np00 = (p00 - k0 * px0) / lambda;
        double np01 = (p01 - k0 * px1) / lambda;
        double np11 = (p11 - k1 * px1) / lambda;
        p00 = np00;
        p01 = np01;
        p11 = np11;
        return base + w0 + w1 * x1;
    }
}
