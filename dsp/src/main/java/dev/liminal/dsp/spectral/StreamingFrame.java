package dev.liminal.dsp.spectral;

import dev.liminal.dsp.quality.QualityFlag;
import dev.liminal.dsp.quality.QualityFlags;

/**
 * The reusable frame a {@link StreamingBandPowerProcessor} hands to a
 * {@link StreamingFrameSink}: a read-only view of the processor's own arrays, overwritten at
 * every hop, so reading it allocates nothing. It is valid only during
 * {@link StreamingFrameSink#accept(StreamingFrame)}; {@link #snapshot()} makes the immutable
 * {@link BandPowerFrame} to keep or to publish to another thread (ARCHITECTURE.md: everything
 * that crosses threads is immutable).
 *
 * <p>Per channel the frame carries the {@link QualityFlag} bits of the frame's window. A channel
 * whose window held a NaN or infinite sample is flagged {@link QualityFlag#NON_FINITE} and has
 * no power: {@link #hasPower(int)} is false and {@link #absolute(int, int)} and
 * {@link #relative(int, int)} read 0.0, a placeholder, never a NaN. The other flags
 * ({@link QualityFlag#AMPLITUDE}, {@link QualityFlag#FLAT}, {@link QualityFlag#EMG}) mark real
 * but suspect numbers.
 *
 * <p>Thread-safety: confined to the processor's thread, like the processor.
 */
public final class StreamingFrame {
    private final BandSet bands;
    private final double[][] absolute;
    private final int[] qualityBits;
    /** The processor's window rows, circular: the oldest sample of the frame at {@link #oldest}. */
    private final double[][] window;
    private int oldest;
    private double endTimeSeconds;
    private boolean discontinuity;
    private double gapSeconds;

    /** Wraps the processor's arrays; they stay owned (and written) by the processor. */
    StreamingFrame(BandSet bands, double[][] absolute, int[] qualityBits, double[][] window) {
        this.bands = bands;
        this.absolute = absolute;
        this.qualityBits = qualityBits;
        this.window = window;
    }

    /** Sets the scalar fields for the frame about to be delivered. */
    void set(double endTimeSeconds, boolean discontinuity, double gapSeconds, int oldestSample) {
        this.oldest = oldestSample;
        this.endTimeSeconds = endTimeSeconds;
        this.discontinuity = discontinuity;
        this.gapSeconds = gapSeconds;
    }

    /** Time of the end of the frame's window, seconds, on the clock of the processor's input. */
    public double endTimeSeconds() {
        return endTimeSeconds;
    }

    /** The bands, in column order. */
    public BandSet bands() {
        return bands;
    }

    /** Number of channels. */
    public int channelCount() {
        return absolute.length;
    }

    /** Absolute power of {@code band} in {@code channel}, uV^2; 0.0 when the channel has no power. */
    public double absolute(int channel, int band) {
        return absolute[channel][band];
    }

    /** Relative power (band / sum over the bands); 0.0 when the channel has no power or all bands are 0. */
    public double relative(int channel, int band) {
        double r = BandPowers.relative(absolute[channel], 0, bands.size(), band);
        return Double.isNaN(r) ? 0.0 : r;
    }

    /** Whether {@code channel}'s window was all finite, so its powers are measurements. */
    public boolean hasPower(int channel) {
        return (qualityBits[channel] & QualityFlag.NON_FINITE.bit()) == 0;
    }

    /** The {@link QualityFlags#bits()} mask of {@code channel}'s window (0 when clean). */
    public int qualityBits(int channel) {
        return qualityBits[channel];
    }

    /** Whether {@code channel}'s window has {@code flag}. */
    public boolean has(int channel, QualityFlag flag) {
        return (qualityBits[channel] & flag.bit()) != 0;
    }

    /** Whether this is the first frame after a gap in the input (the window was restarted). */
    public boolean discontinuity() {
        return discontinuity;
    }

    /** Duration of the gap before this frame in seconds; NaN when there was none or it is unknown. */
    public double gapSeconds() {
        return gapSeconds;
    }

    /**
     * Copies the powers into caller-owned rows.
     *
     * @param out {@code [channel][band]}, at least {@link #channelCount()} rows of at least
     *            {@code bands().size()} values; Modified
     */
    public void copyAbsoluteTo(double[][] out) {
        if (out == null || out.length < absolute.length) {
            throw new IllegalArgumentException("output has " + (out == null ? 0 : out.length) + " rows for "
                    + absolute.length + " channels");
        }
        for (int c = 0; c < absolute.length; c++) {
            if (out[c] == null || out[c].length < bands.size()) {
                throw new IllegalArgumentException("output row " + c + " has " + (out[c] == null ? 0 : out[c].length)
                        + " values for " + bands.size() + " bands");
            }
            System.arraycopy(absolute[c], 0, out[c], 0, bands.size());
        }
    }

    /** Number of samples in the frame's window. */
    public int windowSamples() {
        return window[0].length;
    }

    /**
     * Copies the samples of {@code channel}'s window, oldest first, as the powers were computed
     * from them (for time-domain metrics or a full spectrum of the frame). The samples are the
     * raw input: they may be non-finite where {@link #hasPower(int)} is false.
     *
     * @param out receives {@link #windowSamples()} samples in uV from index 0; Modified
     */
    public void copyWindowTo(int channel, double[] out) {
        double[] ring = window[channel];
        if (out == null || out.length < ring.length) {
            throw new IllegalArgumentException("window output has " + (out == null ? 0 : out.length) + " slots for "
                    + ring.length + " samples");
        }
        System.arraycopy(ring, oldest, out, 0, ring.length - oldest);
        System.arraycopy(ring, 0, out, ring.length - oldest, oldest);
    }

    /** An immutable copy of this frame, safe to keep and to pass to another thread (allocates). */
    public BandPowerFrame snapshot() {
        return new BandPowerFrame(endTimeSeconds, bands, absolute, qualityBits, discontinuity, gapSeconds);
    }

    @Override
    public String toString() {
        return "StreamingFrame[" + endTimeSeconds + " s, channels=" + absolute.length + ", " + bands.format() + "]";
    }
}
