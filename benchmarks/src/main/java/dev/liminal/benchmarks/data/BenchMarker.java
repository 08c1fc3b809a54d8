package dev.liminal.benchmarks.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event of a synthetic recording: an eyes-closed or eyes-open instruction. Written as an
 * EDF+ annotation and as an XDF marker sample. Immutable.
 *
 * @param onsetSeconds seconds from the first sample, >= 0
 * @param text         the marker text, non-empty, printable ASCII (EDF+ TALs allow no control characters)
 */
public record BenchMarker(double onsetSeconds, String text) {
    /** One eyes-closed/eyes-open cycle every this many seconds. */
    public static final double CYCLE_SECONDS = 30.0;
    /** Eyes close this long into each cycle; a fractional value exercises decimal onsets. */
    public static final double CLOSE_AT_SECONDS = 10.5;
    /** Eyes open again this long into each cycle. */
    public static final double OPEN_AT_SECONDS = 25.25;

    public BenchMarker {
        Objects.requireNonNull(text, "text");
        if (!(onsetSeconds >= 0) || Double.isInfinite(onsetSeconds)) {
            throw new IllegalArgumentException("marker '" + text + "': onset " + onsetSeconds + " s is not finite and >= 0");
        }
        if (text.isEmpty() || !text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
            throw new IllegalArgumentException("marker text '" + text + "' is empty or not printable ASCII");
        }
    }

    /** The markers of a recording lasting {@code durationSeconds}, by onset. */
    public static List<BenchMarker> schedule(int durationSeconds) {
        List<BenchMarker> markers = new ArrayList<>();
        for (double cycle = 0; cycle < durationSeconds; cycle += CYCLE_SECONDS) {
            if (cycle + CLOSE_AT_SECONDS < durationSeconds) {
                markers.add(new BenchMarker(cycle + CLOSE_AT_SECONDS, "eyes closed"));
            }
            if (cycle + OPEN_AT_SECONDS < durationSeconds) {
                markers.add(new BenchMarker(cycle + OPEN_AT_SECONDS, "eyes open"));
            }
        }
        return List.copyOf(markers);
    }
}
