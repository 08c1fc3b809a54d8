package dev.liminal.dsp.metrics;

/** {@link LempelZivComplexity} against the {@link SpectralMetric} contract. */
class LempelZivComplexityContractTest extends SpectralMetricContract {
    @Override
    protected SpectralMetric metric() {
        return new LempelZivComplexity();
    }
}
