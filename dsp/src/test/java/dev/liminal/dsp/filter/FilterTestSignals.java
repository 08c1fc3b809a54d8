package dev.liminal.dsp.filter;

/** Synthetic signals and measurements shared by the filter tests. */
final class FilterTestSignals {
    private FilterTestSignals() {}

    static double[] sine(double amplitude, double frequencyHz, double sampleRateHz, int samples, double phase) {
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) x[i] = amplitude * Math.sin(2 * Math.PI * frequencyHz * i / sampleRateHz + phase);
        return x;
    }

    static double rms(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    static double gainDb(double[] in, double[] out, int from, int to) {
        return 20 * Math.log10(rms(out, from, to) / rms(in, from, to));
    }

    /** Lag in samples, within {@code [-maxLag, maxLag]}, maximising sum a[i] * b[i + lag] over [from, to). */
    static int crossCorrelationPeakLag(double[] a, double[] b, int from, int to, int maxLag) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = from; i < to; i++) s += a[i] * b[i + lag];
            if (s > bestValue) {
                bestValue = s;
                best = lag;
            }
        }
        return best;
    }
}
