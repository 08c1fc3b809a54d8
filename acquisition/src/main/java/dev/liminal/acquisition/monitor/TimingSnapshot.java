package dev.liminal.acquisition.monitor;

/**
 * The timing integrity of one live stream at one moment, from {@link TimingMonitor#snapshot()}.
 * Immutable. Quantities that cannot be computed yet (too little data, an irregular stream) are
 * {@link Double#NaN}.
 *
 * @param streamName          the stream
 * @param nominalRateHz       the rate the stream declares, 0 for irregular streams
 * @param effectiveRateHz     frames that arrived in the sliding window, per second of local time
 * @param rateDeviation       {@code effectiveRateHz / nominalRateHz - 1} (e.g. 0.01 is 1 % fast)
 * @param dataAgeSeconds      now minus the newest frame's timestamp (local clock)
 * @param sinceArrivalSeconds now minus the arrival of the newest chunk
 * @param clockDriftPpm       slope of (arrival time - timestamp) over arrival time in the window,
 *                            in parts per million: positive when the source's timestamps fall
 *                            further behind the local clock (its clock runs slow)
 * @param timestampJumps      consecutive timestamps farther apart than one period plus the
 *                            tolerance, or going back by more than the tolerance, so far
 * @param largestJumpSeconds  the largest deviation from the nominal period seen in a jump (signed), 0 if none
 * @param overruns            overruns reported by the stream's readers so far
 * @param framesLost          frames those overruns lost
 * @param totalFrames         frames received so far
 * @param windowSeconds       length of the sliding window
 */
public record TimingSnapshot(String streamName, double nominalRateHz, double effectiveRateHz, double rateDeviation,
                             double dataAgeSeconds, double sinceArrivalSeconds, double clockDriftPpm,
                             long timestampJumps, double largestJumpSeconds, long overruns, long framesLost,
                             long totalFrames, double windowSeconds) {
}
