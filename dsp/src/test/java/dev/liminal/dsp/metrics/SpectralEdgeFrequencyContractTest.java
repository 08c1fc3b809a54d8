package dev.liminal.dsp.metrics;

/** {@link SpectralEdgeFrequency} against the {@link SpectralMetric} contract. */
class SpectralEdgeFrequencyContractTest extends SpectralMetricContract {
    @Override
    protected SpectralMetric metric() {
        return new SpectralEdgeFrequency();
    }
}
