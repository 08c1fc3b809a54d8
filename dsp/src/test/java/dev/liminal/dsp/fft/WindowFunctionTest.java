package dev.liminal.dsp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WindowFunctionTest {
    /** Window values are cosines of exactly reduced arguments; scipy computes them from linspace, a few ulp apart. */
    private static final double WINDOW_TOLERANCE = 1e-14;

    @Test
    void matchesScipyPeriodicWindowsForEvenOddAndDegenerateLengths() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/golden/windows.csv"));
        assertEquals(24, lines.size(), "windows.csv rows");
        for (String line : lines) {
            String[] parts = line.split(",");
            WindowFunction window = byScipyName(parts[0]);
            int n = Integer.parseInt(parts[1]);
            String[] values = parts[2].split(" ");
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) expected[i] = Double.parseDouble(values[i]);
            assertArrayEquals(expected, window.coefficients(n), WINDOW_TOLERANCE, line.substring(0, Math.min(40, line.length())));
        }
    }

    @Test
    void hannOfFourPointsIsTheTextbookPeriodicWindow() {
        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 0.5}, WindowFunction.HANN.coefficients(4), WINDOW_TOLERANCE);
    }

    @Test
    void rejectsEmptyWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowFunction.HAMMING.coefficients(0));
        assertEquals("HAMMING window length 0 must be at least 1", e.getMessage());
    }

    private static WindowFunction byScipyName(String name) {
        for (WindowFunction w : WindowFunction.values()) {
            if (w.scipyName().equals(name)) return w;
        }
        throw new AssertionError("no window named " + name.toUpperCase(Locale.ROOT));
    }
}
