package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StreamSourceProvider;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code lsl} provider: {@code location} is a stream name, resolved with
 * {@link LslConfig#load()} (local scope unless the file named by
 * {@value LslConfig#CONFIG_ENV} says otherwise); the newest stream of that name is opened.
 * Options: {@code timeout} (seconds to wait for the stream, default 5), {@code clock_sync}
 * ({@code true}, the default, maps timestamps onto this machine's clock; {@code false} keeps the
 * sender's) and {@code recovery} (seconds a vanished stream may take to come back, default 10).
 * Stateless; thread-safe.
 */
public final class LslStreamSourceProvider implements StreamSourceProvider {
    /** Default resolve wait, seconds. */
    static final double DEFAULT_TIMEOUT_SECONDS = 5;
    /** Longest resolve or recovery wait accepted, seconds. */
    static final double MAX_WAIT_SECONDS = 600;
    private static final Set<String> OPTIONS = Set.of("timeout", "clock_sync", "recovery");

    @Override
    public String id() {
        return "lsl";
    }

    @Override
    public String description() {
        return "an LSL stream by name (options timeout=S, clock_sync=true|false, recovery=S)";
    }

    @Override
    public List<StreamSource> open(String location, Map<String, String> options) throws IOException {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown lsl option '" + key + "' (known: timeout, clock_sync, recovery)");
            }
        }
        if (location == null || location.isBlank()) throw new IllegalArgumentException("lsl: no stream name given");
        if (location.contains("'") && location.contains("\"")) {
            throw new IllegalArgumentException("lsl stream name " + location + " contains both quote characters");
        }
        double timeout = seconds(options, "timeout", DEFAULT_TIMEOUT_SECONDS);
        double recovery = seconds(options, "recovery", LslStreamSource.DEFAULT_RECOVERY_WINDOW.toMillis() / 1000.0);
        String sync = options.getOrDefault("clock_sync", "true");
        if (!sync.equals("true") && !sync.equals("false")) {
            throw new IllegalArgumentException("lsl clock_sync '" + sync + "' is neither true nor false");
        }
        LslConfig config = LslConfig.load();
        String predicate = location.contains("'") ? "name=\"" + location + "\"" : "name='" + location + "'";
        List<LslStreamInfo> found = LslResolver.resolve(predicate, 1, Duration.ofNanos((long) (timeout * 1e9)), config);
        LslStreamInfo newest = found.stream().max(Comparator.comparingDouble(LslStreamInfo::createdAtSeconds))
                .orElseThrow(() -> new IOException("LSL stream '" + location + "' not found within " + timeout + " s"));
        LslInletOptions inlet = LslInletOptions.defaults(config).withClockSync(Boolean.parseBoolean(sync));
        return List.of(LslStreamSource.open(newest, inlet, Duration.ofNanos((long) (recovery * 1e9))));
    }

    private static double seconds(Map<String, String> options, String key, double fallback) {
        String text = options.get(key);
        if (text == null) return fallback;
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lsl " + key + " '" + text + "' is not a number of seconds", e);
        }
        if (!(v > 0) || v > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("lsl " + key + " " + v + " s is not in (0, " + MAX_WAIT_SECONDS + "]");
        }
        return v;
    }
}
