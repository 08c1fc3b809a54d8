package dev.liminal.acquisition.recorder;

/**
 * One clock-offset measurement as XDF stores it in a ClockOffset chunk (XDF specification;
 * LabRecorder writes one per stream every 5 s): at {@code collectionTimeSeconds}, on the
 * stream's clock, the stream's clock was {@code offsetSeconds} behind this machine's, so
 * {@code t + offsetSeconds} maps a stream timestamp {@code t} onto the local clock. Immutable.
 *
 * @param collectionTimeSeconds when the measurement was taken, on the stream's clock
 * @param offsetSeconds         local clock minus stream clock, in seconds
 */
public record ClockOffset(double collectionTimeSeconds, double offsetSeconds) {
    public ClockOffset {
        if (!Double.isFinite(collectionTimeSeconds) || !Double.isFinite(offsetSeconds)) {
            throw new IllegalArgumentException("clock offset (" + collectionTimeSeconds + " s, " + offsetSeconds
                    + " s) is not finite");
        }
    }
}
