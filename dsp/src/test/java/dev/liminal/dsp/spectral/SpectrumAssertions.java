package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.fail;

/** Comparison of spectra with the project's named tolerances. */
final class SpectrumAssertions {
    /** The contract: equal to scipy to 1e-9 relative (ARCHITECTURE.md "Spectral definitions"). */
    static final double RELATIVE_TOLERANCE = 1e-9;
    /**
     * Absolute floor as a fraction of the row's largest value. FFT rounding is absolute, of
     * order eps * log2(n) times the spectrum's peak, not relative to each bin: a bin twelve or
     * more orders of magnitude below the peak (a deep spectral notch, or the DC bin after
     * constant detrending) carries error far above 1e-9 of its own tiny value in scipy and in
     * Liminal alike, without either being wrong.
     */
    static final double ABSOLUTE_FLOOR_OF_MAX = 1e-12;

    private SpectrumAssertions() {}

    static void assertSpectrumEquals(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " bins, expected " + expected.length);
        }
        double max = 0;
        for (double v : expected) max = Math.max(max, Math.abs(v));
        double floor = ABSOLUTE_FLOOR_OF_MAX * max;
        for (int k = 0; k < expected.length; k++) {
            double allowed = Math.max(RELATIVE_TOLERANCE * Math.abs(expected[k]), floor);
            if (!(Math.abs(expected[k] - actual[k]) <= allowed)) {
                fail(what + " bin " + k + ": expected " + expected[k] + " but was " + actual[k]
                        + " (difference " + Math.abs(expected[k] - actual[k]) + ", allowed " + allowed + ")");
            }
        }
    }
}
