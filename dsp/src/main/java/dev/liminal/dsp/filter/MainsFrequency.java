package dev.liminal.dsp.filter;

/** Nominal mains (power-line) frequency of the recording site. Immutable; thread-safe. */
public enum MainsFrequency {
    /** Europe, most of Asia, Africa, Australia. */
    HZ_50(50.0),
    /** The Americas (mostly), parts of Japan, Korea, Taiwan. */
    HZ_60(60.0);

    private final double frequencyHz;

    MainsFrequency(double frequencyHz) {
        this.frequencyHz = frequencyHz;
    }

    /** The fundamental in Hz. */
    public double frequencyHz() {
        return frequencyHz;
    }
}
