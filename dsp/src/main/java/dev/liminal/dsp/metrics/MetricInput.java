package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.PowerSpectrum;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link SpectralMetric} sees for one frame of one channel: the power spectrum (all
 * channels, the metric reads {@code channel}), the configured band set and, optionally, the
 * window samples the spectrum was estimated from (needed by time-domain metrics such as
 * {@link LempelZivComplexity}). Immutable; thread-safe; the sample array is copied in and out.
 *
 * @param spectrum                Welch or periodogram spectrum, uV^2/Hz
 * @param channel                 0-based channel of {@code spectrum} the metric is computed for
 * @param bands                   the band set in use (for metrics defined relative to bands)
 * @param windowSamplesMicrovolts the channel's samples in the analysed window, uV, or
 *                                {@code null} when only the spectrum is available; copied in,
 *                                {@link #windowSamplesMicrovolts()} returns a copy
 */
public record MetricInput(PowerSpectrum spectrum, int channel, BandSet bands, double[] windowSamplesMicrovolts) {
    /** Validates the channel index; messages quote the values. */
    public MetricInput {
        if (spectrum == null) {
            throw new IllegalArgumentException("metric input needs a spectrum");
        }
        if (bands == null) {
            throw new IllegalArgumentException("metric input needs a band set");
        }
        if (channel < 0 || channel >= spectrum.channelCount()) {
            throw new IllegalArgumentException("channel " + channel + " is outside 0.." + (spectrum.channelCount() - 1)
                    + " of a " + spectrum.channelCount() + "-channel spectrum");
        }
        windowSamplesMicrovolts = windowSamplesMicrovolts == null ? null : windowSamplesMicrovolts.clone();
    }

    /** Input without window samples (spectral metrics only; time-domain metrics give NaN). */
    public static MetricInput of(PowerSpectrum spectrum, int channel, BandSet bands) {
        return new MetricInput(spectrum, channel, bands, null);
    }

    /** A copy of the window samples in uV, or {@code null} when absent. */
    @Override
    public double[] windowSamplesMicrovolts() {
        return windowSamplesMicrovolts == null ? null : windowSamplesMicrovolts.clone();
    }

    /** Whether window samples are present. */
    public boolean hasWindowSamples() {
        return windowSamplesMicrovolts != null;
    }

    /** Density of the input's channel at {@code bin}, uV^2/Hz. */
    public double density(int bin) {
        return spectrum.density(channel, bin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricInput m && m.spectrum.equals(spectrum) && m.channel == channel
                && m.bands.equals(bands) && Arrays.equals(m.windowSamplesMicrovolts, windowSamplesMicrovolts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spectrum, channel, bands) * 31 + Arrays.hashCode(windowSamplesMicrovolts);
    }

    @Override
    public String toString() {
        return "MetricInput[" + spectrum + ", channel=" + channel + ", bands=" + bands.format() + ", windowSamples="
                + (windowSamplesMicrovolts == null ? "none" : String.valueOf(windowSamplesMicrovolts.length)) + "]";
    }
}
