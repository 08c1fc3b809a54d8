package dev.liminal.dsp.quality;

/**
 * One reason a channel's window is suspect. Each flag has a fixed bit in a
 * {@link QualityFlags} mask. Immutable; thread-safe.
 */
public enum QualityFlag {
    /**
     * Peak absolute deviation from the window mean, {@code max |x[i] - mean(x)|}, exceeds
     * {@link QualityThresholds#amplitudeMicrovolts()} (default 150 uV): movement, electrode
     * pop, blink on frontal channels.
     */
    AMPLITUDE,
    /**
     * Peak-to-peak range {@code max(x) - min(x)} below
     * {@link QualityThresholds#flatPeakToPeakMicrovolts()} (default 0.5 uV): disconnected or
     * saturated channel.
     */
    FLAT,
    /**
     * NaN or infinity in the window. Any number computed from such a window (band powers,
     * shifts) is meaningless and must be shown as missing, never as a number; see
     * {@link FrameQuality#blankUnusable(double[][])}.
     */
    NON_FINITE,
    /**
     * EMG index ({@link EmgIndex}) above {@link QualityThresholds#emgIndexWarning()}: power
     * above 30 Hz, gamma in particular, is likely muscle rather than brain activity.
     */
    EMG;

    /** This flag's bit: {@code 1 << ordinal()}. */
    public int bit() {
        return 1 << ordinal();
    }
}
