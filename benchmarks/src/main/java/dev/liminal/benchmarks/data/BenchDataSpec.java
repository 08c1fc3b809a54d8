package dev.liminal.benchmarks.data;

/**
 * The shape of a synthetic benchmark recording. Immutable; validated on construction.
 *
 * @param channelCount    EEG channels, 1 to {@value #MAX_CHANNELS}
 * @param sampleRateHz    sampling rate; a whole number of Hz, so one-second EDF records hold
 *                        a whole number of samples
 * @param durationSeconds whole seconds, at least 1
 * @param seed            seed of the signal generator; equal seeds give equal samples
 */
public record BenchDataSpec(int channelCount, double sampleRateHz, int durationSeconds, long seed) {
    /** EDF's header caps the signal count at 9999 (4 ASCII digits); 256 is plenty for EEG. */
    public static final int MAX_CHANNELS = 256;

    /** The requirement's file: 64 channels, 1000 Hz, one hour. */
    public static final BenchDataSpec ONE_HOUR_64_CHANNELS = new BenchDataSpec(64, 1000.0, 3600, 20261121L);

    public BenchDataSpec {
        if (channelCount < 1 || channelCount > MAX_CHANNELS) {
            throw new IllegalArgumentException("channel count " + channelCount + " is not in 1.." + MAX_CHANNELS);
        }
        if (!(sampleRateHz >= 1) || sampleRateHz != Math.rint(sampleRateHz) || sampleRateHz > 100_000) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz
                    + " Hz is not a whole number of Hz in 1..100000 (one-second records need whole samples)");
        }
        if (durationSeconds < 1) {
            throw new IllegalArgumentException("duration " + durationSeconds + " s is less than 1 s");
        }
        if ((long) sampleRateHz * durationSeconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(durationSeconds + " s at " + sampleRateHz
                    + " Hz exceeds " + Integer.MAX_VALUE + " samples per channel");
        }
    }

    /** Samples per channel in one second (one EDF data record). */
    public int samplesPerSecond() {
        return (int) sampleRateHz;
    }

    /** Samples per channel in the whole recording. */
    public int sampleCount() {
        return samplesPerSecond() * durationSeconds;
    }

    /** The file name stem, e.g. {@code eeg-64ch-1000hz-3600s}. */
    public String fileStem() {
        return "eeg-" + channelCount + "ch-" + samplesPerSecond() + "hz-" + durationSeconds + "s";
    }
}
