package dev.liminal.acquisition.lsl.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One side of an interop case that consumes a stream (liblsl's C API in a child process, or
 * Liminal's {@code LslResolver} and {@code LslInlet}): resolves {@link StreamSpec#predicate()},
 * reads the full info, asks for the time correction, pulls every sample and checks it against
 * {@link PeerPattern}. Stateless; {@link #receive} runs on the calling test thread.
 */
public interface InletPeer {
    /** Short name for test display. */
    String name();

    /** Resolves, opens, pulls {@code spec.sampleCount()} samples (bounded by {@code timeout}) and reports. */
    Run receive(StreamSpec spec, Settings settings, LoopbackLslConfig config, Path workDirectory, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * Inlet options under test.
     *
     * @param clockSync  add the time correction to every stamp (liblsl {@code proc_clocksync})
     * @param dejitter   smooth the stamps (liblsl {@code proc_dejitter})
     * @param pullChunks pull chunks rather than single samples
     */
    record Settings(boolean clockSync, boolean dejitter, boolean pullChunks) {
        public static final Settings RAW = new Settings(false, false, false);
    }

    /**
     * What the inlet saw.
     *
     * @param uid                       uid of the resolved stream
     * @param sessionId                 its session id
     * @param protocolVersion           its info's version times 100 (110 expected)
     * @param channelLabels             channels whose full-info label is {@code C<c>} with unit microvolts
     * @param received                  samples pulled
     * @param valueErrors               channel values that differ from the pattern (bit for bit)
     * @param firstMismatch             the first difference, or empty
     * @param firstTimestampSeconds     stamp of the first sample pulled
     * @param maxLinearDeviationSeconds largest |ts(j) - (ts(0) + j dt)|
     * @param nonlinearTimestamps       samples whose stamp is not exactly ts(0) + j dt
     * @param timeCorrectionSeconds     first time correction (local - remote), seconds
     */
    record Run(String uid, String sessionId, int protocolVersion, int channelLabels, long received, long valueErrors,
               String firstMismatch, double firstTimestampSeconds, double maxLinearDeviationSeconds,
               long nonlinearTimestamps, double timeCorrectionSeconds) {}
}
