package dev.liminal.acquisition.recorder;

import dev.liminal.core.stream.SourceClock;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the recorder gets a stream's clock offset every {@link XdfRecorder#CLOCK_OFFSET_INTERVAL_SECONDS}
 * seconds. The LSL inlet's time correction implements it for remote streams; {@link #local}
 * serves streams already on this machine's clock (replays, the simulator, streams whose
 * timestamps the inlet has already mapped).
 *
 * <p>Called on the recorder thread; implementations must return quickly (a cached estimate,
 * not a network round trip) and be thread-safe.
 */
@FunctionalInterface
public interface ClockOffsetProvider {
    /**
     * The latest measurement, or empty if none is available yet (nothing is written then).
     *
     * @throws IOException if the stream's clock cannot be reached; the recorder logs it and
     *                     carries on without an offset for this interval
     */
    Optional<ClockOffset> measure() throws IOException;

    /** Offsets of a stream on the local clock: 0 s, collected now. */
    static ClockOffsetProvider local(SourceClock clock) {
        return () -> Optional.of(new ClockOffset(clock.nowSeconds(), 0.0));
    }
}
