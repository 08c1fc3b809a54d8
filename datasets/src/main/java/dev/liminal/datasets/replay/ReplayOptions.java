package dev.liminal.datasets.replay;

/**
 * How a recording is replayed. Immutable.
 *
 * @param speed playback speed factor: 1 is the original timing, 2 twice as fast; finite, > 0
 * @param loop  start again from the beginning after the end, continuing the timestamps
 */
public record ReplayOptions(double speed, boolean loop) {
    /** Original timing, once. */
    public static final ReplayOptions DEFAULT = new ReplayOptions(1.0, false);

    public ReplayOptions {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed " + speed + " is not a finite factor > 0");
        }
    }
}
