package dev.liminal.datasets.replay;

/**
 * The one mapping from a recording's time axis to the local clock that every stream of a
 * replay shares, so the streams keep their relative timing: recording time {@code t} of loop
 * pass {@code p} is played at {@code startLocalSeconds + (t - firstSeconds + p * loopPeriodSeconds) / speed}.
 * Immutable.
 *
 * @param firstSeconds      the earliest time of any sample or annotation on the recording's axis
 * @param loopPeriodSeconds recording seconds from one pass's start to the next's, > 0
 * @param startLocalSeconds when the first sample plays, on the local clock
 * @param speed             playback speed factor, > 0
 */
record ReplayTimeline(double firstSeconds, double loopPeriodSeconds, double startLocalSeconds, double speed) {
    ReplayTimeline {
        if (!(loopPeriodSeconds > 0) || !Double.isFinite(firstSeconds) || !Double.isFinite(startLocalSeconds)) {
            throw new IllegalArgumentException("replay timeline (first " + firstSeconds + " s, loop period "
                    + loopPeriodSeconds + " s, start " + startLocalSeconds + " s) is not finite with a period > 0");
        }
    }

    /** The local time at which recording time {@code recordingSeconds} of pass {@code pass} plays. */
    double localSeconds(double recordingSeconds, long pass) {
        return startLocalSeconds + (recordingSeconds - firstSeconds + pass * loopPeriodSeconds) / speed;
    }
}
