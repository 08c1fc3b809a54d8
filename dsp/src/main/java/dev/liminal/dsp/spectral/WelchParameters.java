package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.WindowFunction;

/**
 * Parameters of a Welch PSD estimate: segments of {@code segmentSamples} overlapping by
 * {@code overlapSamples}, each mean-removed (constant detrend), windowed, transformed with
 * {@code nfft = segmentSamples} and scaled to a one-sided density; the periodograms are
 * averaged (mean). Equal to {@code scipy.signal.welch(x, fs, window, nperseg=segmentSamples,
 * noverlap=overlapSamples, detrend='constant', scaling='density')}. Immutable; thread-safe.
 *
 * @param sampleRateHz   sampling rate, positive and finite
 * @param segmentSamples segment length and FFT length (nperseg = nfft), at least 1
 * @param overlapSamples samples shared by consecutive segments, {@code 0 <= overlap < segment}
 * @param window         window applied to each segment (Liminal's spectra use {@link WindowFunction#HANN})
 */
public record WelchParameters(double sampleRateHz, int segmentSamples, int overlapSamples, WindowFunction window) {
    /** Default segment length in seconds (ARCHITECTURE.md "Spectral definitions"). */
    public static final double DEFAULT_SEGMENT_SECONDS = 2.0;
    /** Default overlap as a fraction of the segment (ARCHITECTURE.md: 50%). */
    public static final double DEFAULT_OVERLAP_FRACTION = 0.5;

    /** Validates the parameters; messages quote the values. */
    public WelchParameters {
        Validation.requireSampleRate(sampleRateHz);
        if (segmentSamples < 1) {
            throw new IllegalArgumentException("Welch segment of " + segmentSamples + " samples must be at least 1");
        }
        if (overlapSamples < 0 || overlapSamples >= segmentSamples) {
            throw new IllegalArgumentException("Welch overlap of " + overlapSamples
                    + " samples must be in 0.." + (segmentSamples - 1) + " for a " + segmentSamples + "-sample segment");
        }
        if (window == null) {
            throw new IllegalArgumentException("Welch window must not be null");
        }
    }

    /** The contract's defaults: 2 s Hann segments, 50% overlap. */
    public static WelchParameters defaults(double sampleRateHz) {
        return ofSeconds(sampleRateHz, DEFAULT_SEGMENT_SECONDS, DEFAULT_OVERLAP_FRACTION);
    }

    /**
     * Hann segments of {@code round(segmentSeconds * fs)} samples overlapping by
     * {@code floor(segment * overlapFraction)} samples (for 0.5 that is scipy's default
     * {@code nperseg // 2}).
     *
     * @param overlapFraction in [0, 1)
     */
    public static WelchParameters ofSeconds(double sampleRateHz, double segmentSeconds, double overlapFraction) {
        Validation.requireSampleRate(sampleRateHz);
        int segment = Validation.samplesFor("Welch segment", segmentSeconds, sampleRateHz);
        if (!(overlapFraction >= 0 && overlapFraction < 1)) {
            throw new IllegalArgumentException("Welch overlap fraction " + overlapFraction + " must be in [0, 1)");
        }
        return new WelchParameters(sampleRateHz, segment, (int) Math.floor(segment * overlapFraction), WindowFunction.HANN);
    }

    /** Samples between the starts of consecutive segments. */
    public int stepSamples() {
        return segmentSamples - overlapSamples;
    }

    /** Number of one-sided frequency bins, {@code segmentSamples/2 + 1}. */
    public int binCount() {
        return segmentSamples / 2 + 1;
    }

    /** Frequency resolution {@code fs / nfft} in Hz. */
    public double binWidthHz() {
        return sampleRateHz / segmentSamples;
    }

    /**
     * Segments Welch averages over a span of {@code samples}: {@code (samples - overlap) / step}
     * (scipy's count: whole segments only, no padding).
     *
     * @throws IllegalArgumentException if the span is shorter than one segment
     */
    public int segmentCount(int samples) {
        if (samples < segmentSamples) {
            throw new IllegalArgumentException("span of " + samples + " samples (" + samples / sampleRateHz
                    + " s) is shorter than one Welch segment of " + segmentSamples + " samples ("
                    + segmentSamples / sampleRateHz + " s at " + sampleRateHz + " Hz)");
        }
        return (samples - overlapSamples) / stepSamples();
    }
}
