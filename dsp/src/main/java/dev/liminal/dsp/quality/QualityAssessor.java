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

    /**
     * Time-domain checks of samples {@code [offset, offset + count)} of one channel; allocates
     * nothing.
     *
     * @param samples microvolts; Not modified
     * @return the {@link QualityFlags#bits()} mask
     */
    public int assessChannel(double[] samples, int offset, int count) {
        if (samples == null || offset < 0 || count < 1 || samples.length - count < offset) {
            throw new IllegalArgumentException("quality window samples " + offset + ".." + ((long) offset + count) + " of "
                    + (samples == null ? 0 : samples.length) + ": need offset >= 0, count >= 1, inside the array");
        }
        return channelBits(samples, offset, count);
    }

    /**
     * The amplitude and flat-line flags of a window from its statistics, for callers that keep
     * running statistics instead of rescanning the window (the streaming processor): the same
     * rules as {@link #assess(double[][], int, int, int[])}, which computes the statistics by
     * summing in its own order, so the mean may differ in the last bits.
     *
     * @param meanMicrovolts mean of the window, finite
     * @param minMicrovolts  smallest sample, finite
     * @param maxMicrovolts  largest sample, finite
     * @return {@link QualityFlag#AMPLITUDE} and {@link QualityFlag#FLAT} bits
     */
    public int assessRange(double meanMicrovolts, double minMicrovolts, double maxMicrovolts) {
        return bits(meanMicrovolts, minMicrovolts, maxMicrovolts);
    }

    private int channelBits(double[] x, int offset, int count) {
        // Fast pass: four independent accumulators break the add and compare dependency chains
        // (about 4x faster than one; this runs over every channel's whole window at every hop
        // of the live path). NaN leaves min and max alone but makes the sum NaN, and an infinity
        // shows in the sum, min or max, so any non-finite sample sends the window to the exact pass.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double lo0 = Double.POSITIVE_INFINITY, lo1 = lo0, lo2 = lo0, lo3 = lo0;
        double hi0 = Double.NEGATIVE_INFINITY, hi1 = hi0, hi2 = hi0, hi3 = hi0;
        int end = offset + count;
        int i = offset;
        for (int end4 = offset + (count & ~3); i < end4; i += 4) {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
            lo0 = a < lo0 ? a : lo0;
            lo1 = b < lo1 ? b : lo1;
            lo2 = c < lo2 ? c : lo2;
            lo3 = d < lo3 ? d : lo3;
            hi0 = a > hi0 ? a : hi0;
            hi1 = b > hi1 ? b : hi1;
            hi2 = c > hi2 ? c : hi2;
            hi3 = d > hi3 ? d : hi3;
        }
        for (; i < end; i++) {
            double v = x[i];
            s0 += v;
            lo0 = v < lo0 ? v : lo0;
            hi0 = v > hi0 ? v : hi0;
        }
        double sum = (s0 + s1) + (s2 + s3);
        double min = Math.min(Math.min(lo0, lo1), Math.min(lo2, lo3));
        double max = Math.max(Math.max(hi0, hi1), Math.max(hi2, hi3));
        if (!Double.isFinite(sum) || !Double.isFinite(min) || !Double.isFinite(max)) return exactChannelBits(x, offset, count);
        return bits(sum / count, min, max);
    }

    /** One sample at a time: finds a non-finite sample, or finite samples whose sum overflows. */
    private int exactChannelBits(double[] x, int offset, int count) {
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
        return bits(sum / count, min, max);
    }

    private int bits(double mean, double min, double max) {
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
