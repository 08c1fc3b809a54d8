package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps an up-to-date list of the streams matching a predicate (liblsl's continuous resolver,
 * LSL-PROTOCOL.md section 4.1): a background thread repeats query waves and forgets streams not
 * heard from for {@code forgetAfter}. For stream pickers and the {@code streams} command.
 *
 * <p>Thread-safe; the worker thread is {@code liminal-lsl-resolver-<predicate>} (daemon).
 */
public final class LslContinuousResolver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LslContinuousResolver.class.getName());
    /** Listening time of one round (two waves, liblsl ContinuousResolveInterval 0.5 s apart). */
    static final Duration ROUND = Duration.ofMillis(2L * LslResolver.WAVE_INTERVAL_MS);

    private final String query;
    private final LslConfig config;
    private final long forgetAfterNanos;
    private final Map<String, Seen> streams = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread worker;

    private record Seen(LslStreamInfo info, long lastSeenNanos) {
    }

    /**
     * Starts resolving at once.
     *
     * @param predicate   XPath predicate as in {@link LslResolver#resolve}; "" for all streams
     * @param forgetAfter drop a stream not heard from this long (liblsl default 5 s)
     */
    public LslContinuousResolver(String predicate, Duration forgetAfter, LslConfig config) {
        Objects.requireNonNull(config, "config");
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("forgetAfter " + forgetAfter + " must be positive");
        }
        String session = "session_id=" + QueryMatcher.literal(config.sessionId());
        this.query = predicate == null || predicate.isBlank() ? session : session + " and (" + predicate.trim() + ")";
        this.config = config;
        this.forgetAfterNanos = forgetAfter.toNanos();
        this.worker = new Thread(this::run, "liminal-lsl-resolver-" + (predicate == null ? "" : predicate));
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        while (!closed.get()) {
            try {
                List<LslStreamInfo> found = LslResolver.resolveQuery(query, 0, ROUND, config);
                long now = System.nanoTime();
                synchronized (streams) {
                    for (LslStreamInfo info : found) streams.put(info.uid(), new Seen(info, now));
                    streams.values().removeIf(s -> now - s.lastSeenNanos() > forgetAfterNanos);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "continuous resolve failed: {0}", e.getMessage());
                try {
                    Thread.sleep(LslResolver.WAVE_INTERVAL_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The streams currently known, in order of first sighting (immutable snapshot). */
    public List<LslStreamInfo> results() {
        long now = System.nanoTime();
        synchronized (streams) {
            List<LslStreamInfo> out = new ArrayList<>();
            for (Seen s : streams.values()) if (now - s.lastSeenNanos() <= forgetAfterNanos) out.add(s.info());
            return List.copyOf(out);
        }
    }

    /** Stops the worker (within one round). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            worker.join(ROUND.toMillis() + 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
