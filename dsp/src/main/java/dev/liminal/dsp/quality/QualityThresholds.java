package dev.liminal.dsp.quality;

/**
 * Thresholds of the quality checks. Immutable; thread-safe.
 *
 * @param amplitudeMicrovolts      {@link QualityFlag#AMPLITUDE} when the peak absolute
 *                                 deviation from the window mean exceeds this, uV; positive,
 *                                 finite
 * @param flatPeakToPeakMicrovolts {@link QualityFlag#FLAT} when the peak-to-peak range is
 *                                 below this, uV; positive, finite, below
 *                                 {@code 2 * amplitudeMicrovolts}
 * @param emgIndexWarning          {@link QualityFlag#EMG} when the {@link EmgIndex} exceeds
 *                                 this fraction; in {@code (0, 1)}
 */
public record QualityThresholds(double amplitudeMicrovolts, double flatPeakToPeakMicrovolts, double emgIndexWarning) {
    /**
     * Default amplitude limit, 150 uV, the value the project issue fixes; artefact-rejection
     * limits of 100 to 150 uV are usual for scalp EEG, above which brain activity is rarely
     * the cause.
     */
    public static final double DEFAULT_AMPLITUDE_MICROVOLTS = 150.0;
    /** Default flat-line limit, 0.5 uV peak-to-peak: below the noise floor of any connected scalp electrode. */
    public static final double DEFAULT_FLAT_PEAK_TO_PEAK_MICROVOLTS = 0.5;
    /**
     * Default EMG warning, 0.05 (5 % of 1-69 Hz power in 51-69 Hz). A project heuristic, not
     * a published cut-off: a resting EEG with a 1/f-like spectrum has well under 1 % there,
     * white (muscle-like, broadband) activity about 26 %; tune it per montage.
     */
    public static final double DEFAULT_EMG_INDEX_WARNING = 0.05;
    /** All defaults. */
    public static final QualityThresholds DEFAULT = new QualityThresholds(
            DEFAULT_AMPLITUDE_MICROVOLTS, DEFAULT_FLAT_PEAK_TO_PEAK_MICROVOLTS, DEFAULT_EMG_INDEX_WARNING);

    /** Validates the thresholds. */
    public QualityThresholds {
        if (!(amplitudeMicrovolts > 0) || !Double.isFinite(amplitudeMicrovolts)) {
            throw new IllegalArgumentException("amplitude threshold " + amplitudeMicrovolts + " uV must be positive and finite");
        }
        if (!(flatPeakToPeakMicrovolts > 0) || !Double.isFinite(flatPeakToPeakMicrovolts)) {
            throw new IllegalArgumentException("flat-line threshold " + flatPeakToPeakMicrovolts
                    + " uV must be positive and finite");
        }
        if (flatPeakToPeakMicrovolts >= 2 * amplitudeMicrovolts) {
            throw new IllegalArgumentException("flat-line threshold " + flatPeakToPeakMicrovolts
                    + " uV peak-to-peak is not below twice the amplitude threshold " + amplitudeMicrovolts + " uV");
        }
        if (!(emgIndexWarning > 0 && emgIndexWarning < 1)) {
            throw new IllegalArgumentException("EMG index warning " + emgIndexWarning + " must be in (0, 1)");
        }
    }
}
