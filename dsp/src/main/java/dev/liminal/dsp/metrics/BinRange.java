package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.PowerSpectrum;

/**
 * The bins of a spectrum whose frequencies lie in a band {@code [lowHz, highHz)} (the same
 * membership rule as band powers), as an index range {@code [first, last]}; empty when
 * {@code first > last}. A band reaching above the spectrum's Nyquist frequency gives the empty
 * range: the spectrum does not cover it, so a metric "over 1-45 Hz" is undefined there rather
 * than silently computed over less (band powers reject such bands for the same reason).
 * Immutable; thread-safe.
 */
record BinRange(int first, int last) {
    /** The bins of {@code spectrum} inside {@code band}. */
    static BinRange of(PowerSpectrum spectrum, FrequencyBand band) {
        if (band.highHz() > spectrum.parameters().sampleRateHz() / 2) return new BinRange(0, -1);
        int first = -1;
        int last = -2;
        for (int k = 0; k < spectrum.binCount(); k++) {
            if (band.contains(spectrum.frequencyHz(k))) {
                if (first < 0) first = k;
                last = k;
            }
        }
        return first < 0 ? new BinRange(0, -1) : new BinRange(first, last);
    }

    /** Number of bins, 0 when empty. */
    int count() {
        return Math.max(0, last - first + 1);
    }

    /**
     * Whether every density in the range is finite and non-negative and at least one is
     * positive (the common "defined" condition for power-based metrics).
     */
    boolean hasUsablePower(MetricInput input) {
        boolean positive = false;
        for (int k = first; k <= last; k++) {
            double p = input.density(k);
            if (!(p >= 0) || p == Double.POSITIVE_INFINITY) return false;
            if (p > 0) positive = true;
        }
        return positive;
    }
}
