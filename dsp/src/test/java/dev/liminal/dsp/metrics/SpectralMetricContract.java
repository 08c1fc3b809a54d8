package dev.liminal.dsp.metrics;

import dev.liminal.dsp.fft.WindowFunction;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SpectralMetric} contract, one subclass per implementation (shipped in the dsp
 * test-jar so metrics in other modules are held to it too): registered with the
 * {@link java.util.ServiceLoader}, a unique well-formed id, finite on a realistic EEG-like
 * input, {@code NaN} rather than an exception on empty or degenerate input, and the same
 * answer from concurrent threads.
 */
public abstract class SpectralMetricContract {
    /** Stable id shape: lower-case words joined by single dashes. */
    private static final String ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    /** Threads used to check concurrent use of one instance. */
    private static final int THREADS = 4;

    /** The metric under test, in its default (registered) configuration. */
    protected abstract SpectralMetric metric();

    /** A realistic input: Welch spectrum of 30 s of EEG-like signal, with its samples. */
    protected static MetricInput eegLikeInput(long seed) {
        double[] x = MetricSignals.eegLike(seed);
        return new MetricInput(MetricSignals.welch(x), 0, BandSet.DEFAULT, x);
    }

    @Test
    void isRegisteredWithTheServiceLoader() {
        SpectralMetric metric = metric();
        assertTrue(SpectralMetrics.all().stream().anyMatch(m -> m.getClass() == metric.getClass()),
                metric.getClass().getName() + " missing from META-INF/services; registered: " + SpectralMetrics.all());
        assertSame(metric.getClass(), SpectralMetrics.byId(metric.id()).orElseThrow().getClass());
    }

    @Test
    void hasUniqueWellFormedIdAndNames() {
        SpectralMetric metric = metric();
        assertTrue(metric.id().matches(ID_PATTERN), "id '" + metric.id() + "' does not match " + ID_PATTERN);
        assertEquals(1, SpectralMetrics.all().stream().filter(m -> m.id().equals(metric.id())).count(),
                "id '" + metric.id() + "' registered more than once");
        assertFalse(metric.displayName().isBlank(), "display name is blank");
        assertNotNull(metric.unit(), "unit is null (use \"\" for dimensionless)");
    }

    @Test
    void isFiniteOnEegLikeInput() {
        for (long seed = 1; seed <= 3; seed++) {
            double value = metric().compute(eegLikeInput(seed));
            assertTrue(Double.isFinite(value), metric().id() + " gave " + value + " for EEG-like seed " + seed);
        }
    }

    @Test
    void givesNanRatherThanExceptionOnDegenerateInput() {
        WelchParameters defaults = WelchParameters.defaults(MetricSignals.SAMPLE_RATE_HZ);
        double[] nanDensity = new double[defaults.binCount()];
        Arrays.fill(nanDensity, Double.NaN);
        double[] negativeDensity = new double[defaults.binCount()];
        Arrays.fill(negativeDensity, -1.0);
        List<PowerSpectrum> degenerate = List.of(
                MetricSignals.spectrum(new double[defaults.binCount()]),
                MetricSignals.spectrum(nanDensity),
                MetricSignals.spectrum(negativeDensity),
                new PowerSpectrum(new WelchParameters(MetricSignals.SAMPLE_RATE_HZ, 1, 0, WindowFunction.HANN), 1,
                        new double[][] {{1.0}}),
                new PowerSpectrum(new WelchParameters(8.0, 16, 8, WindowFunction.HANN), 1, new double[][] {
                        {1, 1, 1, 1, 1, 1, 1, 1, 1}}));
        for (PowerSpectrum spectrum : degenerate) {
            for (double[] samples : new double[][] {null, {}}) {
                MetricInput input = new MetricInput(spectrum, 0, BandSet.DEFAULT, samples);
                double value = metric().compute(input);
                assertTrue(Double.isNaN(value), metric().id() + " gave " + value + " for degenerate " + input);
            }
        }
    }

    @Test
    void givesTheSameValueFromConcurrentThreads() throws Exception {
        SpectralMetric metric = metric();
        MetricInput input = eegLikeInput(7);
        double expected = metric.compute(input);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < THREADS * 4; t++) results.add(pool.submit(() -> metric.compute(input)));
            for (Future<Double> result : results) assertEquals(expected, result.get(), 0.0);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
