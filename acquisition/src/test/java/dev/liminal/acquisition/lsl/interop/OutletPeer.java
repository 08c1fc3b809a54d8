package dev.liminal.acquisition.lsl.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One side of an interop case that publishes a stream (liblsl's C API in a child process, or
 * Liminal's {@code LslOutlet}). Implementations are stateless factories; the started outlet is
 * confined to the test thread that started it (its pushing may run on a thread of its own).
 */
public interface OutletPeer {
    /** Short name for test display, e.g. {@code liblsl} or {@code liminal}. */
    String name();

    /**
     * Creates the outlet for {@code spec} and returns once the stream can be resolved; the outlet
     * then waits (bounded) for one consumer and pushes the whole pattern.
     */
    Running start(StreamSpec spec, LoopbackLslConfig config, Path workDirectory) throws IOException, InterruptedException;

    /** A started outlet. {@link #close()} ends it whatever state it is in. */
    interface Running extends AutoCloseable {
        /** Waits until every sample was pushed, lets the consumer drain, ends the outlet, reports. */
        Run finish(Duration timeout) throws IOException, InterruptedException;

        @Override
        void close() throws IOException, InterruptedException;
    }

    /**
     * What the outlet did.
     *
     * @param uid           the stream's uid
     * @param sessionId     the session id in its info
     * @param t0Seconds     stamp of sample 0, outlet clock (seconds)
     * @param pushedSamples samples pushed
     */
    record Run(String uid, String sessionId, double t0Seconds, long pushedSamples) {}
}
