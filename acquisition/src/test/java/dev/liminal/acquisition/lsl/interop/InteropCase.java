package dev.liminal.acquisition.lsl.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one stream from an {@link OutletPeer} to an {@link InletPeer} and checks what arrived.
 * Shared by {@code LiblslSelfCheckIT} (liblsl to liblsl, proving the harness) and
 * {@code LslInteropIT} (liblsl and Liminal in every direction). Stateless; call from a test thread.
 */
public final class InteropCase {
    /** Bound on resolving, connecting and pulling one stream. */
    public static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * On one host both sides read CLOCK_MONOTONIC, so the time correction is the probe noise only:
     * LSL-PROTOCOL.md section 7 measured -3 to -39 us with liblsl; 2 ms leaves room for a loaded
     * 2-core machine and still catches a sign error or a missing term (which would be seconds).
     */
    public static final double SAME_HOST_TIME_CORRECTION_SECONDS = 0.002;
    /**
     * Deduced stamps are rebuilt by the receiver as previous + 1/rate; over a 32-sample chunk at
     * about 10^4 s the rounding stays below 10^-10 s. 10^-7 s still fails on any off-by-one sample.
     */
    public static final double DEDUCED_STAMP_TOLERANCE_SECONDS = 1e-7;
    /**
     * liblsl's dejitter fits a line to already linear stamps; the fit's rounding was 4e-8 s on
     * 200 samples. 10^-5 s is a hundredth of a 1000 Hz period.
     */
    public static final double DEJITTER_TOLERANCE_SECONDS = 1e-5;

    private InteropCase() {}

    /** What both sides reported. */
    public record Outcome(OutletPeer.Run outlet, InletPeer.Run inlet) {}

    /** Publishes {@code spec} through {@code outletPeer} and receives it through {@code inletPeer}. */
    public static Outcome run(OutletPeer outletPeer, InletPeer inletPeer, StreamSpec spec, InletPeer.Settings settings,
                              LoopbackLslConfig config, Path workDirectory) throws IOException, InterruptedException {
        try (OutletPeer.Running outlet = outletPeer.start(spec, config, workDirectory)) {
            InletPeer.Run in = inletPeer.receive(spec, settings, config, workDirectory, RECEIVE_TIMEOUT);
            OutletPeer.Run out = outlet.finish(RECEIVE_TIMEOUT);
            return new Outcome(out, in);
        }
    }

    /**
     * Every sample arrived with the pattern's values bit for bit, the stream found is the one
     * published (uid, session, protocol 1.10, channel labels), and the time correction is that of
     * one host. Stamps: exact {@code t0 + i dt} for explicit stamps without post-processing; within
     * {@link #DEDUCED_STAMP_TOLERANCE_SECONDS} for deduced ones; with clock sync and dejitter, the
     * first stamp within {@link #SAME_HOST_TIME_CORRECTION_SECONDS} of t0 and the rest on a line.
     */
    public static void assertDelivered(StreamSpec spec, InletPeer.Settings settings, LoopbackLslConfig config, Outcome o) {
        InletPeer.Run in = o.inlet();
        String context = spec + " " + settings + ": " + in;
        boolean processed = settings.clockSync() || settings.dejitter();
        assertAll(context,
                () -> assertEquals(o.outlet().uid(), in.uid(), "uid of the resolved stream"),
                () -> assertEquals(config.sessionId(), o.outlet().sessionId(), "outlet session id from lsl_api.cfg"),
                () -> assertEquals(config.sessionId(), in.sessionId(), "session id the inlet saw"),
                () -> assertEquals(110, in.protocolVersion(), "protocol version in the info"),
                () -> assertEquals(spec.channelCount(), in.channelLabels(), "channels labelled C<c> in microvolts in the full info"),
                () -> assertEquals(spec.sampleCount(), o.outlet().pushedSamples(), "samples pushed"),
                () -> assertEquals(spec.sampleCount(), in.received(), "samples received"),
                () -> assertEquals(0, in.valueErrors(), "values differing from the pattern, first: " + in.firstMismatch()),
                () -> assertTrue(Math.abs(in.timeCorrectionSeconds()) < SAME_HOST_TIME_CORRECTION_SECONDS,
                        "time correction " + in.timeCorrectionSeconds() + " s on one host"));
        if (processed) {
            assertAll(context,
                    () -> assertEquals(o.outlet().t0Seconds(), in.firstTimestampSeconds(), SAME_HOST_TIME_CORRECTION_SECONDS,
                            "first stamp after clock sync vs outlet t0"),
                    () -> assertTrue(in.maxLinearDeviationSeconds() < DEJITTER_TOLERANCE_SECONDS,
                            "stamps off the line by " + in.maxLinearDeviationSeconds() + " s"));
        } else if (spec.deducedTimestamps()) {
            assertAll(context,
                    () -> assertEquals(o.outlet().t0Seconds(), in.firstTimestampSeconds(), DEDUCED_STAMP_TOLERANCE_SECONDS,
                            "first (deduced) stamp vs outlet t0"),
                    () -> assertTrue(in.maxLinearDeviationSeconds() < DEDUCED_STAMP_TOLERANCE_SECONDS,
                            "deduced stamps off t0 + i dt by " + in.maxLinearDeviationSeconds() + " s"));
        } else {
            assertAll(context,
                    () -> assertEquals(o.outlet().t0Seconds(), in.firstTimestampSeconds(), 0.0, "first stamp is the outlet's t0 exactly"),
                    () -> assertEquals(0, in.nonlinearTimestamps(), "stamps not exactly t0 + i dt"));
        }
    }
}
