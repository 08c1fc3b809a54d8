package dev.liminal.core;

/**
 * Receives progress of long work (reading, converting) and may ask it to stop. Implementations
 * must be thread-safe if the work runs on another thread; calls come from the working thread.
 */
public interface ProgressListener {
    /** Ignores progress and never cancels. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(long done, long total) {}
    };

    /**
     * Work has advanced to {@code done} units of {@code total} (both >= 0; units are the
     * caller's, typically samples or bytes). Called at most a few hundred times per task.
     */
    void progress(long done, long total);

    /** Whether the work should stop at the next opportunity (it then throws {@link java.util.concurrent.CancellationException}). */
    default boolean isCancelled() {
        return false;
    }
}
