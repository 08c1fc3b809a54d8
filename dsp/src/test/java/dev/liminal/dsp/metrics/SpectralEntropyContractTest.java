package dev.liminal.dsp.metrics;

/** {@link SpectralEntropy} against the {@link SpectralMetric} contract. */
class SpectralEntropyContractTest extends SpectralMetricContract {
    @Override
    protected SpectralMetric metric() {
        return new SpectralEntropy();
    }
}
