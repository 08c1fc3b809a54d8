package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.WindowFunction;

/**
 * Parameters of a periodogram timeline: one frame every {@code hopSamples}, each the
 * periodogram (constant detrend, one-sided density, {@code nfft = windowSamples}) of the last
 * {@code windowSamples} samples; the first frame when the window is first full. Equal to
 * {@code scipy.signal.spectrogram(x, fs, window, nperseg=windowSamples,
 * noverlap=windowSamples-hopSamples, detrend='constant', scaling='density', mode='psd')}.
 * Frame {@code f} covers samples {@code [f*hop, f*hop + window)} and its time is the end of
 * that window, {@code (f*hop + window) / fs} seconds after the first sample (the time of the
 * first sample not in it). Immutable; thread-safe.
 *
 * @param sampleRateHz  sampling rate, positive and finite
 * @param windowSamples window and FFT length, at least 1
 * @param hopSamples    samples between frames, at least 1
 * @param window        window function (Liminal's spectra use {@link WindowFunction#HANN})
 */
public record TimelineParameters(double sampleRateHz, int windowSamples, int hopSamples, WindowFunction window) {
    /** Default window in seconds (ARCHITECTURE.md). */
    public static final double DEFAULT_WINDOW_SECONDS = 2.0;
    /** Default hop of the live display in seconds (ARCHITECTURE.md). */
    public static final double DEFAULT_LIVE_HOP_SECONDS = 0.1;
    /** Default hop of offline analysis in seconds (ARCHITECTURE.md). */
    public static final double DEFAULT_OFFLINE_HOP_SECONDS = 1.0;

    /** Validates the parameters; messages quote the values. */
    public TimelineParameters {
        Validation.requireSampleRate(sampleRateHz);
        if (windowSamples < 1) {
            throw new IllegalArgumentException("timeline window of " + windowSamples + " samples must be at least 1");
        }
        if (hopSamples < 1) {
            throw new IllegalArgumentException("timeline hop of " + hopSamples + " samples must be at least 1");
        }
        if (window == null) {
            throw new IllegalArgumentException("timeline window function must not be null");
        }
    }

    /** Hann window of {@code round(windowSeconds * fs)} samples, hop {@code round(hopSeconds * fs)} samples. */
    public static TimelineParameters ofSeconds(double sampleRateHz, double windowSeconds, double hopSeconds) {
        Validation.requireSampleRate(sampleRateHz);
        return new TimelineParameters(sampleRateHz,
                Validation.samplesFor("timeline window", windowSeconds, sampleRateHz),
                Validation.samplesFor("timeline hop", hopSeconds, sampleRateHz),
                WindowFunction.HANN);
    }

    /** Offline defaults: 2 s Hann window, 1 s hop. */
    public static TimelineParameters offlineDefaults(double sampleRateHz) {
        return ofSeconds(sampleRateHz, DEFAULT_WINDOW_SECONDS, DEFAULT_OFFLINE_HOP_SECONDS);
    }

    /** Live defaults: 2 s Hann window, 0.1 s hop. */
    public static TimelineParameters liveDefaults(double sampleRateHz) {
        return ofSeconds(sampleRateHz, DEFAULT_WINDOW_SECONDS, DEFAULT_LIVE_HOP_SECONDS);
    }

    /** Number of one-sided frequency bins, {@code windowSamples/2 + 1}. */
    public int binCount() {
        return windowSamples / 2 + 1;
    }

    /** Number of frames in a span of {@code samples}: 0 before the window is full, else {@code (samples - window) / hop + 1}. */
    public int frameCount(long samples) {
        if (samples < windowSamples) return 0;
        long frames = (samples - windowSamples) / hopSamples + 1;
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(samples + " samples give " + frames + " frames, more than an int holds");
        }
        return (int) frames;
    }

    /** Time (s) of the end of frame {@code frame}'s window, given the time of sample 0. */
    public double frameEndTimeSeconds(double startTimeSeconds, int frame) {
        return startTimeSeconds + ((long) frame * hopSamples + windowSamples) / sampleRateHz;
    }
}
