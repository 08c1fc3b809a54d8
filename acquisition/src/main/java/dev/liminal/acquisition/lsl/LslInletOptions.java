package dev.liminal.acquisition.lsl;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link LslInlet} connects and post-processes timestamps. Immutable.
 *
 * @param config             scope, ports and session (recovery resolves with it)
 * @param protocolVersion    110 (default) or 100 to force the legacy 1.00 archive protocol
 * @param maxBufferedSamples inlet buffer and the {@code Max-Buffer-Length} sent to the outlet;
 *                           the oldest samples are dropped (and counted) when it overflows
 * @param clockSync          add the latest time correction to every timestamp (local clock)
 * @param dejitter           smooth timestamps of regular streams with a recursive least-squares
 *                           line (forgetting half-time {@code smoothingHalftime})
 * @param monotonize         never let a timestamp go backwards
 * @param smoothingHalftime  liblsl's SmoothingHalftime (90 s)
 * @param recover            reconnect to a stream with the same source_id after a break
 * @param stallTimeout       a regular-rate stream silent this long is treated as broken
 *                           (liblsl's watchdog: 15 s)
 * @param openTimeout        longest time {@link LslInlet#open} may take to connect and handshake
 * @param listener           receives connection events on the inlet's thread; must not block
 */
public record LslInletOptions(LslConfig config, int protocolVersion, int maxBufferedSamples, boolean clockSync,
                              boolean dejitter, boolean monotonize, Duration smoothingHalftime, boolean recover,
                              Duration stallTimeout, Duration openTimeout, Consumer<LslInletEvent> listener) {
    /** liblsl's SmoothingHalftime (src/api_config.cpp). */
    public static final Duration DEFAULT_SMOOTHING_HALFTIME = Duration.ofSeconds(90);
    /** liblsl's WatchdogTimeThreshold. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(15);
    /** Default buffer: 360 s at 1000 Hz (liblsl's max_buflen of 360 s). */
    public static final int DEFAULT_MAX_BUFFERED_SAMPLES = 360_000;
    /** Upper bound of the preallocated inlet buffer in values (samples × channels): 32 MiB of doubles. */
    public static final long MAX_BUFFERED_VALUES = 4L * 1024 * 1024;

    public LslInletOptions {
        Objects.requireNonNull(config, "config");
        if (protocolVersion != 110 && protocolVersion != 100) {
            throw new IllegalArgumentException("protocolVersion " + protocolVersion + " is not 110 or 100");
        }
        if (maxBufferedSamples < 1) {
            throw new IllegalArgumentException("maxBufferedSamples " + maxBufferedSamples + " must be at least 1");
        }
        Objects.requireNonNull(smoothingHalftime, "smoothingHalftime");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(openTimeout, "openTimeout");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout " + stallTimeout + " must be positive");
        }
        listener = listener == null ? e -> { } : listener;
    }

    /** {@link #defaults(LslConfig)} with {@link LslConfig#defaults()} (local scope). */
    public static LslInletOptions defaults() {
        return defaults(LslConfig.defaults());
    }

    /** Protocol 1.10, no post-processing, recovery on, liblsl's buffer and watchdog. */
    public static LslInletOptions defaults(LslConfig config) {
        return new LslInletOptions(config, 110, DEFAULT_MAX_BUFFERED_SAMPLES, false, false, false,
                DEFAULT_SMOOTHING_HALFTIME, true, DEFAULT_STALL_TIMEOUT, Duration.ofSeconds(10), null);
    }

    public LslInletOptions withProtocolVersion(int v) {
        return new LslInletOptions(config, v, maxBufferedSamples, clockSync, dejitter, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withMaxBufferedSamples(int n) {
        return new LslInletOptions(config, protocolVersion, n, clockSync, dejitter, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withClockSync(boolean on) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, on, dejitter, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withDejitter(boolean on) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, clockSync, on, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withMonotonize(boolean on) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, clockSync, dejitter, on, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withRecovery(boolean on) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, clockSync, dejitter, monotonize, smoothingHalftime, on, stallTimeout, openTimeout, listener);
    }

    public LslInletOptions withStallTimeout(Duration d) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, clockSync, dejitter, monotonize, smoothingHalftime, recover, d, openTimeout, listener);
    }

    public LslInletOptions withListener(Consumer<LslInletEvent> l) {
        return new LslInletOptions(config, protocolVersion, maxBufferedSamples, clockSync, dejitter, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, l);
    }

    public LslInletOptions withConfig(LslConfig c) {
        return new LslInletOptions(c, protocolVersion, maxBufferedSamples, clockSync, dejitter, monotonize, smoothingHalftime, recover, stallTimeout, openTimeout, listener);
    }
}
