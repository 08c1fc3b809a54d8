package dev.liminal.datasets.replay;

import dev.liminal.core.stream.SourceClock;

/**
 * A clock that stands still until someone sleeps on it, then jumps to the deadline: a replay
 * paced by it runs as fast as the test reads, with exact times. Thread-safe.
 */
final class FakeClock implements SourceClock {
    private double now;
    private double slept;

    FakeClock(double startSeconds) {
        this.now = startSeconds;
    }

    @Override
    public synchronized double nowSeconds() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(double deadlineSeconds) {
        if (deadlineSeconds > now) {
            slept += deadlineSeconds - now;
            now = deadlineSeconds;
        }
    }

    /** Total seconds slept. */
    synchronized double sleptSeconds() {
        return slept;
    }
}
