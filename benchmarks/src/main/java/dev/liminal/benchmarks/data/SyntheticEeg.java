package dev.liminal.benchmarks.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic EEG-like test signal in microvolts: per channel, pink-ish background noise
 * (white noise plus two first-order autoregressive components, so power falls with frequency)
 * plus a waxing and waning alpha rhythm near 10 Hz, stronger over parietal and occipital
 * electrodes, plus a little 50 Hz line interference. Not physiology, but not constant either:
 * every sample differs, so a reader cannot take shortcuts and compressed or quantised copies
 * can be checked against the original.
 *
 * <p>Produces the recording block by block, from sample 0 on; equal {@link BenchDataSpec}s give
 * equal samples. Not thread-safe: confine an instance to one thread.
 */
public final class SyntheticEeg {
    /** Pole of the slow AR(1) component (corner near 1.6 Hz at 1000 Hz). */
    private static final double SLOW_POLE = 0.99;
    /** Pole of the faster AR(1) component (corner near 17 Hz at 1000 Hz). */
    private static final double FAST_POLE = 0.9;
    /** Standard deviation of the slow component, in microvolts. */
    private static final double SLOW_MICROVOLTS = 14.0;
    /** Standard deviation of the fast component, in microvolts. */
    private static final double FAST_MICROVOLTS = 6.0;
    /** Standard deviation of the white component, in microvolts. */
    private static final double WHITE_MICROVOLTS = 2.5;
    /** Centre of the alpha rhythm, in Hz; each channel deviates by up to +-0.3 Hz. */
    private static final double ALPHA_HZ = 10.0;
    /** Alpha amplitude over parietal/occipital electrodes, in microvolts (peak). */
    private static final double POSTERIOR_ALPHA_MICROVOLTS = 20.0;
    /** Alpha amplitude elsewhere, in microvolts (peak). */
    private static final double ANTERIOR_ALPHA_MICROVOLTS = 6.0;
    /** Rate of the alpha envelope (waxing and waning), in Hz. */
    private static final double ALPHA_ENVELOPE_HZ = 0.1;
    /** Line interference frequency (Europe), in Hz, and its amplitude in microvolts. */
    private static final double LINE_HZ = 50.0;
    private static final double LINE_MICROVOLTS = 1.5;

    /**
     * The BioSemi 64-channel cap order (10-10 positions), used as channel labels; channels
     * beyond it are named {@code E065}, {@code E066}, ...
     */
    private static final List<String> CAP_64 = List.of(
            "Fp1", "AF7", "AF3", "F1", "F3", "F5", "F7", "FT7", "FC5", "FC3", "FC1", "C1", "C3", "C5", "T7", "TP7",
            "CP5", "CP3", "CP1", "P1", "P3", "P5", "P7", "P9", "PO7", "PO3", "O1", "Iz", "Oz", "POz", "Pz", "CPz",
            "Fpz", "Fp2", "AF8", "AF4", "AFz", "Fz", "F2", "F4", "F6", "F8", "FT8", "FC6", "FC4", "FC2", "FCz", "Cz",
            "C2", "C4", "C6", "T8", "TP8", "CP6", "CP4", "CP2", "P2", "P4", "P6", "P8", "P10", "PO8", "PO4", "O2");

    private final double sampleRateHz;
    private final SplittableRandom[] random;
    private final double[] slow;
    private final double[] fast;
    private final double[] alphaHz;
    private final double[] alphaPhase;
    private final double[] alphaMicrovolts;
    private final double[] envelopePhase;
    private final double[] linePhase;
    private long nextSample;

    /** A generator positioned at sample 0 of {@code spec}'s recording. */
    public SyntheticEeg(BenchDataSpec spec) {
        int n = spec.channelCount();
        this.sampleRateHz = spec.sampleRateHz();
        this.random = new SplittableRandom[n];
        this.slow = new double[n];
        this.fast = new double[n];
        this.alphaHz = new double[n];
        this.alphaPhase = new double[n];
        this.alphaMicrovolts = new double[n];
        this.envelopePhase = new double[n];
        this.linePhase = new double[n];
        SplittableRandom root = new SplittableRandom(spec.seed());
        List<String> labels = labels(n);
        for (int c = 0; c < n; c++) {
            random[c] = root.split();
            alphaHz[c] = ALPHA_HZ + 0.6 * (random[c].nextDouble() - 0.5);
            alphaPhase[c] = 2 * Math.PI * random[c].nextDouble();
            envelopePhase[c] = 2 * Math.PI * random[c].nextDouble();
            linePhase[c] = 2 * Math.PI * random[c].nextDouble();
            alphaMicrovolts[c] = isPosterior(labels.get(c)) ? POSTERIOR_ALPHA_MICROVOLTS : ANTERIOR_ALPHA_MICROVOLTS;
            // start the AR components in their stationary distribution, not at 0
            slow[c] = random[c].nextGaussian();
            fast[c] = random[c].nextGaussian();
        }
    }

    /** Channel labels for {@code channelCount} channels: the 64-channel cap order, then E065... */
    public static List<String> labels(int channelCount) {
        List<String> labels = new ArrayList<>(channelCount);
        for (int c = 0; c < channelCount; c++) {
            labels.add(c < CAP_64.size() ? CAP_64.get(c) : String.format(Locale.ROOT, "E%03d", c + 1));
        }
        return labels;
    }

    /** The index of the next sample {@link #next} produces. */
    public long position() {
        return nextSample;
    }

    /**
     * Produces the next {@code frames} samples of every channel.
     *
     * @param dstMicrovolts Modified: {@code dstMicrovolts[c][k]} receives channel c's sample
     *                      {@code position() + k}, for {@code 0 <= k < frames}; one row per channel
     * @param frames        samples per channel, >= 0
     */
    public void next(double[][] dstMicrovolts, int frames) {
        if (dstMicrovolts.length != random.length) {
            throw new IllegalArgumentException("destination has " + dstMicrovolts.length + " rows for "
                    + random.length + " channels");
        }
        double slowGain = Math.sqrt(1 - SLOW_POLE * SLOW_POLE);
        double fastGain = Math.sqrt(1 - FAST_POLE * FAST_POLE);
        for (int c = 0; c < random.length; c++) {
            double[] row = dstMicrovolts[c];
            if (row.length < frames) {
                throw new IllegalArgumentException("row " + c + " holds " + row.length + " samples, need " + frames);
            }
            SplittableRandom r = random[c];
            double s = slow[c];
            double f = fast[c];
            double alphaStep = 2 * Math.PI * alphaHz[c] / sampleRateHz;
            double envelopeStep = 2 * Math.PI * ALPHA_ENVELOPE_HZ / sampleRateHz;
            double lineStep = 2 * Math.PI * LINE_HZ / sampleRateHz;
            for (int k = 0; k < frames; k++) {
                double i = nextSample + k;
                s = SLOW_POLE * s + slowGain * r.nextGaussian();
                f = FAST_POLE * f + fastGain * r.nextGaussian();
                double envelope = 0.6 + 0.4 * Math.sin(envelopePhase[c] + envelopeStep * i);
                row[k] = SLOW_MICROVOLTS * s + FAST_MICROVOLTS * f + WHITE_MICROVOLTS * r.nextGaussian()
                        + alphaMicrovolts[c] * envelope * Math.sin(alphaPhase[c] + alphaStep * i)
                        + LINE_MICROVOLTS * Math.sin(linePhase[c] + lineStep * i);
            }
            slow[c] = s;
            fast[c] = f;
        }
        nextSample += frames;
    }

    private static boolean isPosterior(String label) {
        return label.startsWith("P") || label.startsWith("O") || label.startsWith("I");
    }
}
