package dev.liminal.datasets.replay;

import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StreamSourceProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code replay} provider: {@code location} is a recording file; options {@code speed}
 * (factor, default 1) and {@code loop} ({@code true}/{@code false}, default false). Paced by the
 * local clock. Stateless; thread-safe.
 */
public final class ReplaySourceProvider implements StreamSourceProvider {
    private static final Set<String> OPTIONS = Set.of("speed", "loop");

    @Override
    public String id() {
        return "replay";
    }

    @Override
    public String description() {
        return "a recording file (XDF, EDF, BDF, BrainVision, OpenBCI) played back with its original timing";
    }

    @Override
    public List<StreamSource> open(String location, Map<String, String> options) throws IOException {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown replay option '" + key + "' (known: speed, loop)");
            }
        }
        double speed;
        String speedText = options.getOrDefault("speed", "1");
        try {
            speed = Double.parseDouble(speedText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay speed '" + speedText + "' is not a number", e);
        }
        String loopText = options.getOrDefault("loop", "false");
        if (!loopText.equals("true") && !loopText.equals("false")) {
            throw new IllegalArgumentException("replay loop '" + loopText + "' is neither true nor false");
        }
        return List.copyOf(ReplaySource.open(Path.of(location), new ReplayOptions(speed, Boolean.parseBoolean(loopText)),
                SourceClock.SYSTEM));
    }
}
