package dev.liminal.app;

import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;

/**
 * A file-wide Welch PSD computed while the samples stream past, in memory bounded by one block
 * plus one segment. Within each contiguous run the segments start every
 * {@link WelchParameters#stepSamples()} samples from the run's first sample, exactly as
 * {@code scipy.signal.welch} places them on that run; no segment straddles a gap. The result is
 * the mean of the periodograms of all segments of all runs, that is, the runs' Welch spectra
 * averaged with weights equal to their segment counts. On a file of one run it equals
 * {@link WelchEstimator#estimate} on the whole channel, summed in the same order. Runs shorter
 * than a segment contribute nothing. Confined to one thread.
 */
final class RunWelchAverage {
    private final WelchEstimator estimator;
    private final int segment;
    private final int step;
    private final double[][] window;
    private final double[][] density;
    private final double[][] sum;
    private double[][] pending;
    private int filled;
    private int next;
    private int segments;

    /**
     * @param parameters Welch parameters at the channels' rate
     * @param channels   number of channels, at least 1
     */
    RunWelchAverage(WelchParameters parameters, int channels) {
        this.estimator = new WelchEstimator(parameters);
        this.segment = parameters.segmentSamples();
        this.step = parameters.stepSamples();
        this.window = new double[channels][segment];
        this.density = new double[channels][parameters.binCount()];
        this.sum = new double[channels][parameters.binCount()];
        this.pending = new double[channels][2 * segment];
    }

    /** A new contiguous run begins: samples kept from the previous run are dropped. */
    void restart() {
        filled = 0;
        next = 0;
    }

    /**
     * Appends samples {@code [0, length)} of every channel and averages in each segment they
     * complete.
     *
     * @param block {@code [channel][sample]} in uV; Not modified
     */
    void add(double[][] block, int length) {
        if (next > 0) {
            for (double[] row : pending) System.arraycopy(row, next, row, 0, filled - next);
            filled -= next;
            next = 0;
        }
        if (filled + length > pending[0].length) {
            double[][] grown = new double[pending.length][Math.max(filled + length, 2 * pending[0].length)];
            for (int c = 0; c < pending.length; c++) System.arraycopy(pending[c], 0, grown[c], 0, filled);
            pending = grown;
        }
        for (int c = 0; c < pending.length; c++) System.arraycopy(block[c], 0, pending[c], filled, length);
        filled += length;
        while (next + segment <= filled) {
            for (int c = 0; c < window.length; c++) System.arraycopy(pending[c], next, window[c], 0, segment);
            estimator.process(window, density);
            for (int c = 0; c < sum.length; c++) {
                double[] s = sum[c];
                double[] d = density[c];
                for (int k = 0; k < s.length; k++) s[k] += d[k];
            }
            segments++;
            next += step;
        }
    }

    /** Number of segments averaged so far. */
    int segments() {
        return segments;
    }

    /**
     * The mean density so far.
     *
     * @throws IllegalStateException if no whole segment has been seen
     */
    PowerSpectrum result() {
        if (segments == 0) throw new IllegalStateException("no whole Welch segment has been seen");
        double[][] mean = new double[sum.length][];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = sum[c].clone();
            for (int k = 0; k < mean[c].length; k++) mean[c][k] /= segments;
        }
        return new PowerSpectrum(estimator.parameters(), segments, mean);
    }
}
