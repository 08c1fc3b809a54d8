package dev.liminal.dsp.metrics;

/** {@link PeakAlphaFrequency} against the {@link SpectralMetric} contract. */
class PeakAlphaFrequencyContractTest extends SpectralMetricContract {
    @Override
    protected SpectralMetric metric() {
        return new PeakAlphaFrequency();
    }
}
