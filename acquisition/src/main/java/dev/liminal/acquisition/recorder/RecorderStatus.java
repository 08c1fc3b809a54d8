package dev.liminal.acquisition.recorder;

import java.util.List;

/**
 * What the recorder has made durable, as of its last flush. Immutable.
 *
 * @param state           the recorder's lifecycle state
 * @param framesFlushed   per input stream (in the order given), frames on disk as of the last flush
 * @param gaps            overruns written as gap events so far (flushed or not)
 * @param framesLost      frames those overruns lost
 * @param flushes         flushes so far
 * @param lastFlushSeconds local-clock time of the last flush, NaN before the first
 */
public record RecorderStatus(XdfRecorder.State state, List<Long> framesFlushed, long gaps, long framesLost,
                             long flushes, double lastFlushSeconds) {
    public RecorderStatus {
        framesFlushed = List.copyOf(framesFlushed);
    }
}
