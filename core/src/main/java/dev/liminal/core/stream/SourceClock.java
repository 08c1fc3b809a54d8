package dev.liminal.core.stream;

/**
 * The clock a paced source (a replay, a simulator) follows: seconds on the local monotonic
 * clock, and a way to wait for a moment on it. Injected so tests can run a minute of replay in
 * milliseconds with a fake clock.
 *
 * <p>Implementations are thread-safe.
 */
public interface SourceClock {
    /** The local LSL clock: {@code System.nanoTime() / 1e9}, matching {@code lsl_local_clock()} on Linux. */
    SourceClock SYSTEM = new SourceClock() {
        @Override
        public double nowSeconds() {
            return System.nanoTime() / 1e9;
        }

        @Override
        public void sleepUntil(double deadlineSeconds) throws InterruptedException {
            while (true) {
                long left = (long) ((deadlineSeconds - nowSeconds()) * 1e9);
                if (left <= 0) return;
                if (Thread.interrupted()) throw new InterruptedException("sleeping until " + deadlineSeconds + " s");
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    };

    /** Now, in seconds on this clock. */
    double nowSeconds();

    /**
     * Returns once {@link #nowSeconds()} has reached {@code deadlineSeconds} (at once if it has).
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleepUntil(double deadlineSeconds) throws InterruptedException;
}
