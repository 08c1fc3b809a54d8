package dev.liminal.dsp.metrics;

import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.PowerSpectrum;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralMetricsTest {
    @Test
    void listsBuiltInMetricsInServiceFileOrder() {
        assertEquals(List.of("peak-alpha-frequency", "spectral-edge-frequency", "spectral-entropy", "aperiodic-exponent",
                "lempel-ziv-complexity"), SpectralMetrics.all().stream().map(SpectralMetric::id).toList());
    }

    @Test
    void findsMetricsById() {
        assertTrue(SpectralMetrics.byId("spectral-entropy").orElseThrow() instanceof SpectralEntropy);
        assertTrue(SpectralMetrics.byId("no-such-metric").isEmpty());
        assertTrue(SpectralMetrics.byId(null).isEmpty());
    }

    @Test
    void metricInputRejectsChannelOutsideSpectrumQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricInput.of(MetricSignals.powerLawSpectrum(1), 1, BandSet.DEFAULT));
        assertEquals("channel 1 is outside 0..0 of a 1-channel spectrum", e.getMessage());
    }

    @Test
    void metricsReadOnlyTheInputsChannel() {
        int bins = MetricSignals.powerLawSpectrum(1).binCount();
        double[] line = new double[bins];
        line[20] = 1.0;
        double[] flat = new double[bins];
        Arrays.fill(flat, 1.0);
        PowerSpectrum twoChannels = new PowerSpectrum(
                MetricSignals.powerLawSpectrum(1).parameters(), 1, new double[][] {line, flat});
        assertEquals(0.0, new SpectralEntropy().compute(MetricInput.of(twoChannels, 0, BandSet.DEFAULT)), 1e-12);
        assertEquals(1.0, new SpectralEntropy().compute(MetricInput.of(twoChannels, 1, BandSet.DEFAULT)), 1e-12);
    }

    @Test
    void metricInputCopiesWindowSamplesInAndOut() {
        double[] samples = {1, 2, 3};
        MetricInput input = new MetricInput(MetricSignals.powerLawSpectrum(1), 0, BandSet.DEFAULT, samples);
        samples[0] = 99;
        input.windowSamplesMicrovolts()[1] = 99;
        assertEquals(List.of(1.0, 2.0, 3.0), Arrays.stream(input.windowSamplesMicrovolts()).boxed().toList());
    }
}
