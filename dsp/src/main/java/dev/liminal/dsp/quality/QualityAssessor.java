package dev.liminal.dsp.quality;

import dev.liminal.dsp.spectral.PowerSpectrum;

/**
 * Per-channel quality checks of one analysis window (the same window a band-power frame is
 * computed from), with the definitions of {@link QualityFlag}:
 * <ul>
 *   <li>{@link QualityFlag#NON_FINITE}: some sample is NaN or infinite. The other time-domain
 *       checks are skipped for that channel (mean and range are undefined);</li>
 *   <li>{@link QualityFlag#AMPLITUDE}: {@code max_i |x[i] - mean(x)| > amplitudeMicrovolts}
 *       (deviation from the window mean, so a DC offset alone never trips it);</li>
 *   <li>{@link QualityFlag#FLAT}: {@code max(x) - min(x) < flatPeakToPeakMicrovolts};</li>
 *   <li>{@link QualityFlag#EMG} (only with a spectrum): {@link EmgIndex} above
 *       {@code emgIndexWarning}.</li>
 * </ul>
 * A timeline can call {@link #assess(double[][], int, int, int[])} on each frame's window and
 * blank the frame's band powers where {@link QualityFlag#NON_FINITE} is set
 * ({@link FrameQuality#blankUnusable(double[][])}).
 *
 * <p>Thread-safety: immutable and thread-safe. The {@code int[]} overload allocates nothing.
 */
public final class QualityAssessor {
    private final QualityThresholds thresholds;

    /** An assessor with {@code thresholds}. */
    public QualityAssessor(QualityThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("quality assessor needs thresholds");
        }
        this.thresholds = thresholds;
    }

    /** An assessor with {@link QualityThresholds#DEFAULT}. */
    public QualityAssessor() {
        this(QualityThresholds.DEFAULT);
    }

    /** The thresholds. */
    public QualityThresholds thresholds() {
        return thresholds;
    }

    /**
     * Time-domain checks of samples {@code [offset, offset + count)} of every channel; the
     * allocation-free form.
     *
     * @param window  {@code [channel][sample]} in microvolts; Not modified
     * @param offset  first sample, at least 0
     * @param count   samples in the window, at least 1
     * @param bitsOut receives one {@link QualityFlags#bits()} mask per channel, at least
     *                {@code window.length} long; Modified (overwritten)
     */
    public void assess(double[][] window, int offset, int count, int[] bitsOut) {
        if (window == null || window.length == 0) {
            throw new IllegalArgumentException("quality window needs at least one channel");
        }
        if (bitsOut == null || bitsOut.length < window.length) {
            throw new IllegalArgumentException("quality output has " + (bitsOut == null ? 0 : bitsOut.length)
                    + " slots for " + window.length + " channels");
        }
        if (offset < 0 || count < 1) {
            throw new IllegalArgumentException("quality window offset " + offset + ", count " + count
                    + " samples: need offset >= 0 and count >= 1");
        }
        for (int c = 0; c < window.length; c++) {
            double[] x = window[c];
            if (x == null || x.length - count < offset) {
                throw new IllegalArgumentException("quality window channel " + c + " has "
                        + (x == null ? 0 : x.length) + " samples, need " + ((long) offset + count));
            }
            bitsOut[c] = channelBits(x, offset, count);
        }
    }

    private int channelBits(double[] x, int offset, int count) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = offset, end = offset + count; i < end; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) return QualityFlag.NON_FINITE.bit();
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double mean = sum / count;
        int bits = 0;
        if (Math.max(max - mean, mean - min) > thresholds.amplitudeMicrovolts()) bits |= QualityFlag.AMPLITUDE.bit();
        if (max - min < thresholds.flatPeakToPeakMicrovolts()) bits |= QualityFlag.FLAT.bit();
        return bits;
    }

    /**
     * Time-domain checks of a whole window.
     *
     * @param window {@code [channel][sample]} in microvolts, every row at least 1 sample;
     *               rows may differ in length; Not modified
     */
    public FrameQuality assess(double[][] window) {
        if (window == null || window.length == 0) {
            throw new IllegalArgumentException("quality window needs at least one channel");
        }
        int[] bits = new int[window.length];
        for (int c = 0; c < window.length; c++) {
            if (window[c] == null || window[c].length == 0) {
                throw new IllegalArgumentException("quality window channel " + c + " has no samples");
            }
            bits[c] = channelBits(window[c], 0, window[c].length);
        }
        return FrameQuality.ofBits(bits);
    }

    /**
     * Time-domain checks of {@code window} plus the EMG check from {@code spectrum} (the power
     * spectrum of the same window, same channel order).
     *
     * @throws IllegalArgumentException if the channel counts differ or the spectrum does not
     *                                  reach 69 Hz
     */
    public FrameQuality assess(double[][] window, PowerSpectrum spectrum) {
        FrameQuality time = assess(window);
        if (spectrum == null || spectrum.channelCount() != window.length) {
            throw new IllegalArgumentException("spectrum has " + (spectrum == null ? 0 : spectrum.channelCount())
                    + " channels, window has " + window.length);
        }
        double[] emg = EmgIndex.of(spectrum);
        int[] bits = new int[window.length];
        for (int c = 0; c < bits.length; c++) {
            bits[c] = time.channel(c).bits();
            if (emg[c] > thresholds.emgIndexWarning()) bits[c] |= QualityFlag.EMG.bit();
        }
        return FrameQuality.ofBits(bits);
    }
}
