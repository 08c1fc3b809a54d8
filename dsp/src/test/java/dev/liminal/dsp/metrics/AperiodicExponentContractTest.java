package dev.liminal.dsp.metrics;

/** {@link AperiodicExponent} against the {@link SpectralMetric} contract. */
class AperiodicExponentContractTest extends SpectralMetricContract {
    @Override
    protected SpectralMetric metric() {
        return new AperiodicExponent();
    }
}
