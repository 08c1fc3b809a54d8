package dev.liminal.datasets.xdf;

/**
 * How an XDF file's timestamps are post-processed when it is opened. Immutable.
 *
 * <p>The processing follows what pyxdf's {@code load_xdf} does conceptually (XDF
 * specification; pyxdf {@code _clock_sync} and {@code _jitter_removal}):
 * <ol>
 *   <li>Timestamps a sample does not carry are inferred: the previous sample's timestamp plus
 *       {@code 1 / nominal_srate} (plus 0 for irregular streams, with a warning).</li>
 *   <li>With {@link #synchronizeClocks}, each stream's ClockOffset chunks (never the footer's
 *       copy of them) are split into clock segments at clock resets (see
 *       {@link #handleClockResets}); a least-squares line {@code offset = a + b * t} is fitted per
 *       segment and {@code t + a + b * t} replaces each timestamp {@code t} of that segment's
 *       time range. Samples before the first measurement belong to the first segment.</li>
 *   <li>Regular streams are split into segments wherever consecutive (synchronised) timestamps
 *       are more than the break threshold apart, or go back by more than it. The threshold is
 *       {@code max(breakThresholdSeconds, breakThresholdSamples / nominal_srate)}.</li>
 *   <li>With {@link #dejitter}, each segment's timestamps are replaced by a least-squares line
 *       over the sample index, removing network jitter.</li>
 * </ol>
 *
 * @param synchronizeClocks     apply the ClockOffset chunks (default true)
 * @param handleClockResets     split clock offsets at resets before fitting (default true);
 *                              when false one line is fitted through all of a stream's offsets
 * @param dejitter              replace timestamps by a per-segment linear fit (default false)
 * @param breakThresholdSeconds gap in seconds that starts a new segment, >= 0 (default 1 s,
 *                              pyxdf's {@code jitter_break_threshold_seconds})
 * @param breakThresholdSamples gap in nominal sample periods that starts a new segment, >= 0
 *                              (default 500, pyxdf's {@code jitter_break_threshold_samples})
 */
public record XdfReadOptions(boolean synchronizeClocks, boolean handleClockResets, boolean dejitter,
                             double breakThresholdSeconds, double breakThresholdSamples) {

    /** Clock synchronisation with reset handling, no dejittering, breaks at 1 s / 500 samples. */
    public static final XdfReadOptions DEFAULT = new XdfReadOptions(true, true, false, 1.0, 500);

    public XdfReadOptions {
        if (!(breakThresholdSeconds >= 0) || Double.isInfinite(breakThresholdSeconds)) {
            throw new IllegalArgumentException("break threshold " + breakThresholdSeconds + " s is not a finite value >= 0");
        }
        if (!(breakThresholdSamples >= 0) || Double.isInfinite(breakThresholdSamples)) {
            throw new IllegalArgumentException("break threshold " + breakThresholdSamples + " samples is not a finite value >= 0");
        }
    }

    /** A copy with clock synchronisation switched on or off. */
    public XdfReadOptions withSynchronizeClocks(boolean on) {
        return new XdfReadOptions(on, handleClockResets, dejitter, breakThresholdSeconds, breakThresholdSamples);
    }

    /** A copy with clock-reset handling switched on or off. */
    public XdfReadOptions withHandleClockResets(boolean on) {
        return new XdfReadOptions(synchronizeClocks, on, dejitter, breakThresholdSeconds, breakThresholdSamples);
    }

    /** A copy with dejittering switched on or off. */
    public XdfReadOptions withDejitter(boolean on) {
        return new XdfReadOptions(synchronizeClocks, handleClockResets, on, breakThresholdSeconds, breakThresholdSamples);
    }

    /** A copy with another break threshold (seconds and nominal sample periods). */
    public XdfReadOptions withBreakThreshold(double seconds, double samples) {
        return new XdfReadOptions(synchronizeClocks, handleClockResets, dejitter, seconds, samples);
    }

    /** The gap in seconds that splits a stream of {@code nominalRateHz} (> 0). */
    double breakThresholdFor(double nominalRateHz) {
        return Math.max(breakThresholdSeconds, breakThresholdSamples / nominalRateHz);
    }
}
