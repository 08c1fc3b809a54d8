package dev.liminal.acquisition.simulation;

/**
 * How a simulated headset runs: channels, rate, time compression, seed and which artifacts it
 * adds. Immutable; thread-safe.
 *
 * @param channelCount       number of EEG channels; one of the {@link Montage} counts
 * @param sampleRateHz       sampling rate, Hz, in [{@value #MIN_SAMPLE_RATE_HZ}, {@value #MAX_SAMPLE_RATE_HZ}]
 * @param speed              script seconds per stream second (1 = real time), finite and > 0
 * @param seed               seed of every random choice; equal settings give equal samples
 * @param blinks             whether eye blinks are added (frontal sites)
 * @param muscleBursts       whether EMG bursts are added (temporal and frontal sites)
 */
public record SimulationSettings(int channelCount, double sampleRateHz, double speed, long seed, boolean blinks,
                                 boolean muscleBursts) {
    /** Default channel count: a 32-channel cap. */
    public static final int DEFAULT_CHANNEL_COUNT = 32;
    /** Default rate, Hz. */
    public static final double DEFAULT_SAMPLE_RATE_HZ = 500.0;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1L;
    /** The demo's compression: the default 100-min script in 2 min. */
    public static final double DEMO_SPEED = 50.0;
    /**
     * Lowest rate: the model has rhythms up to the 45 Hz top of the gamma band, which needs a
     * Nyquist frequency above it with room for the EMG high-pass at 20 Hz.
     */
    public static final double MIN_SAMPLE_RATE_HZ = 100.0;
    /** Highest rate (above any EEG amplifier's, keeps the filter poles well conditioned). */
    public static final double MAX_SAMPLE_RATE_HZ = 20_000.0;

    /** Defaults: 32 channels at 500 Hz, real time, seed 1, blinks and EMG bursts on. */
    public static final SimulationSettings DEFAULT = new SimulationSettings(DEFAULT_CHANNEL_COUNT,
            DEFAULT_SAMPLE_RATE_HZ, 1.0, DEFAULT_SEED, true, true);

    /** Validates; messages quote the values. */
    public SimulationSettings {
        Montage.forChannelCount(channelCount);
        if (!(sampleRateHz >= MIN_SAMPLE_RATE_HZ && sampleRateHz <= MAX_SAMPLE_RATE_HZ)) {
            throw new IllegalArgumentException("simulated headset: rate " + sampleRateHz + " Hz is outside "
                    + MIN_SAMPLE_RATE_HZ + "-" + MAX_SAMPLE_RATE_HZ + " Hz");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("simulated headset: speed " + speed + " x is not a finite value > 0");
        }
    }

    /** These settings with another channel count. */
    public SimulationSettings withChannelCount(int count) {
        return new SimulationSettings(count, sampleRateHz, speed, seed, blinks, muscleBursts);
    }

    /** These settings with another rate, Hz. */
    public SimulationSettings withSampleRateHz(double rateHz) {
        return new SimulationSettings(channelCount, rateHz, speed, seed, blinks, muscleBursts);
    }

    /** These settings with another speed. */
    public SimulationSettings withSpeed(double newSpeed) {
        return new SimulationSettings(channelCount, sampleRateHz, newSpeed, seed, blinks, muscleBursts);
    }

    /** These settings with another seed. */
    public SimulationSettings withSeed(long newSeed) {
        return new SimulationSettings(channelCount, sampleRateHz, speed, newSeed, blinks, muscleBursts);
    }

    /** These settings with artifacts switched on or off. */
    public SimulationSettings withArtifacts(boolean withBlinks, boolean withMuscleBursts) {
        return new SimulationSettings(channelCount, sampleRateHz, speed, seed, withBlinks, withMuscleBursts);
    }

    /** The montage of {@link #channelCount()}. */
    public Montage montage() {
        return Montage.forChannelCount(channelCount);
    }
}
