package dev.liminal.dsp.spectral;

/** Argument checks shared by this package's records and estimators; messages quote values and shapes. */
final class Validation {
    private Validation() {}

    static void requireSampleRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz must be positive and finite");
        }
    }

    /** {@code round(seconds * fs)} samples, at least 1. */
    static int samplesFor(String what, double seconds, double sampleRateHz) {
        double samples = Math.rint(seconds * sampleRateHz);
        if (!(samples >= 1) || samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of " + seconds + " s is " + samples + " samples at "
                    + sampleRateHz + " Hz; it must be at least 1 sample");
        }
        return (int) samples;
    }

    /**
     * Checks {@code input} is a non-empty rectangular {@code [channel][sample]} array and
     * returns its sample count.
     */
    static int requireRectangular(double[][] input, String what) {
        if (input == null || input.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one channel");
        }
        int samples = -1;
        for (int c = 0; c < input.length; c++) {
            if (input[c] == null) {
                throw new IllegalArgumentException(what + ": channel " + c + " is null");
            }
            if (samples < 0) {
                samples = input[c].length;
            } else if (input[c].length != samples) {
                throw new IllegalArgumentException(what + ": channel " + c + " has " + input[c].length
                        + " samples, channel 0 has " + samples);
            }
        }
        return samples;
    }

    /** Checks {@code output} is {@code [channels][length]}. */
    static void requireShape(double[][] output, int channels, int length, String what) {
        if (output == null || output.length != channels) {
            throw new IllegalArgumentException(what + " has " + (output == null ? "no" : output.length)
                    + " channels, expected " + channels);
        }
        for (int c = 0; c < channels; c++) {
            if (output[c] == null || output[c].length != length) {
                throw new IllegalArgumentException(what + " channel " + c + " has "
                        + (output[c] == null ? "no array" : output[c].length + " values") + ", expected " + length);
            }
        }
    }
}
