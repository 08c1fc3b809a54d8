package dev.liminal.dsp.filter;

/**
 * A Butterworth band-pass between {@code lowHz} and {@code highHz} (the -3 dB edges of one
 * pass), designed by iirj from an analog prototype of {@code order} poles; the digital filter
 * has {@code 2 * order} poles, like {@code scipy.signal.butter(order, [low, high], 'bandpass')}.
 * A zero-phase application squares the magnitude, so its edges sit at -6 dB. Immutable;
 * thread-safe.
 *
 * @param lowHz  lower edge in Hz, positive and finite
 * @param highHz upper edge in Hz, above {@code lowHz}; must be below Nyquist at the rate used
 * @param order  prototype order, 1 to {@link #MAX_ORDER}
 */
public record BandPassSpec(double lowHz, double highHz, int order) implements FilterSpec {
    /**
     * Highest prototype order accepted. Above about 8 the cascaded biquads of a narrow,
     * low-frequency band lose precision in double arithmetic; EEG use needs 2 to 4.
     */
    public static final int MAX_ORDER = 8;

    /** Validates edges and order. */
    public BandPassSpec {
        if (!(lowHz > 0) || !Double.isFinite(lowHz)) {
            throw new IllegalArgumentException("band-pass low edge " + lowHz + " Hz must be positive and finite");
        }
        if (!Double.isFinite(highHz)) {
            throw new IllegalArgumentException("band-pass high edge " + highHz + " Hz must be finite");
        }
        if (lowHz >= highHz) {
            throw new IllegalArgumentException("band-pass low edge " + lowHz + " Hz must be below high edge "
                    + highHz + " Hz");
        }
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("band-pass order " + order + " is outside 1.." + MAX_ORDER);
        }
    }

    /** Centre (arithmetic mean of the edges) in Hz, as iirj's {@code bandPass} takes it. */
    public double centerHz() {
        return 0.5 * (lowHz + highHz);
    }

    /** Width {@code highHz - lowHz} in Hz, as iirj's {@code bandPass} takes it. */
    public double widthHz() {
        return highHz - lowHz;
    }

    @Override
    public void requireRealisable(double sampleRateHz) {
        IirDesign.requireSampleRate(sampleRateHz);
        double nyquistHz = sampleRateHz / 2;
        if (highHz >= nyquistHz) {
            throw new IllegalArgumentException("band-pass high edge " + highHz + " Hz is not below Nyquist "
                    + nyquistHz + " Hz for " + sampleRateHz + " Hz sampling");
        }
    }

    @Override
    public double settlingScaleHz() {
        return Math.min(lowHz, widthHz());
    }
}
