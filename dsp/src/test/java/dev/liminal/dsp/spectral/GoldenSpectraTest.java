package dev.liminal.dsp.spectral;

import static dev.liminal.dsp.spectral.SpectrumAssertions.assertSpectrumEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liminal.dsp.fft.WindowFunction;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Liminal's spectra against scipy 1.10's, from the golden files make_golden.py wrote. */
class GoldenSpectraTest {
    /** Frame times are sums of a few exactly representable products; rounding only. */
    private static final double TIME_TOLERANCE_SECONDS = 1e-12;

    static Stream<String> cases() {
        return GoldenCase.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void welchDensityEqualsScipyWelch(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        WelchParameters parameters = new WelchParameters(g.sampleRateHz(), g.nperseg(), g.noverlap(), WindowFunction.HANN);
        PowerSpectrum spectrum = new WelchEstimator(parameters).estimate(g.input());
        assertEquals(g.input().length, spectrum.channelCount());
        for (int c = 0; c < g.welch().length; c++) {
            assertSpectrumEquals(g.welch()[c], spectrum.density()[c], name + " Welch channel " + c);
        }
        for (int k = 0; k < spectrum.binCount(); k++) {
            assertEquals(k * g.sampleRateHz() / g.nperseg(), spectrum.frequencyHz(k), 1e-12, "frequency of bin " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void spectrogramEqualsScipySpectrogramFrameByFrame(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        TimelineParameters parameters = new TimelineParameters(g.sampleRateHz(), g.nperseg(), g.hop(), WindowFunction.HANN);
        Spectrogram spectrogram = new SpectrogramEstimator(parameters).estimate(g.input(), 0.0);
        assertEquals(g.scipyTimes().length, spectrogram.frameCount(), "frames");
        double[][][] density = spectrogram.density();
        for (int c = 0; c < density.length; c++) {
            for (int f = 0; f < density[c].length; f++) {
                assertSpectrumEquals(g.spectrogram()[c][f], density[c][f], name + " channel " + c + " frame " + f);
            }
        }
        // scipy stamps a frame at its window's centre; Liminal at its end, half a window later.
        double halfWindowSeconds = g.nperseg() / (2 * g.sampleRateHz());
        for (int f = 0; f < spectrogram.frameCount(); f++) {
            assertEquals(g.scipyTimes()[f] + halfWindowSeconds, spectrogram.frameEndTimeSeconds(f),
                    TIME_TOLERANCE_SECONDS, "end time of frame " + f);
        }
    }
}
