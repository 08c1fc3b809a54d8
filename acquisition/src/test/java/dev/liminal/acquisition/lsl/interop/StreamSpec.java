package dev.liminal.acquisition.lsl.interop;

import java.util.Set;
import java.util.UUID;

/**
 * The stream one interop case publishes: name, format (liblsl's wire name), shape and how the
 * outlet stamps it. Every peer pushes {@link PeerPattern} values for samples {@code 0..sampleCount-1}
 * in chunks of {@code chunkSamples}. Immutable, validated on construction.
 *
 * @param name               stream name, unique per case (the inlet resolves {@code name='...'})
 * @param format             {@code float32 double64 string int32 int16 int8 int64}
 * @param channelCount       channels, 1..1024
 * @param rateHz             nominal rate, Hz; 0 = irregular
 * @param sampleCount        samples pushed, 0..2^24
 * @param chunkSamples       samples per push, at least 1
 * @param deducedTimestamps  false: every sample carries its stamp; true: one stamp per chunk (the
 *                           chunk's last sample), the others deduced by the receiver
 */
public record StreamSpec(String name, String format, int channelCount, double rateHz, int sampleCount,
                         int chunkSamples, boolean deducedTimestamps) {
    /** liblsl's channel format names (LSL-PROTOCOL.md section 3). */
    public static final Set<String> FORMATS = Set.of("float32", "double64", "string", "int32", "int16", "int8", "int64");

    public StreamSpec {
        if (name == null || name.isEmpty() || name.contains("'")) throw new IllegalArgumentException("bad stream name '" + name + "'");
        if (!FORMATS.contains(format)) throw new IllegalArgumentException("unknown format '" + format + "', expected one of " + FORMATS);
        if (channelCount < 1 || channelCount > 1024) throw new IllegalArgumentException("channel count " + channelCount + " outside 1..1024");
        if (!(rateHz >= 0)) throw new IllegalArgumentException("rate " + rateHz + " Hz is negative");
        if (sampleCount < 0 || sampleCount > PeerPattern.MAX_SAMPLES) throw new IllegalArgumentException("sample count " + sampleCount + " outside 0..2^24");
        if (chunkSamples < 1) throw new IllegalArgumentException("chunk of " + chunkSamples + " samples");
        if (deducedTimestamps && rateHz <= 0) throw new IllegalArgumentException("deduced time stamps need a regular rate, got " + rateHz + " Hz");
    }

    /** A spec with a fresh unique name {@code <prefix>-<format>-<8 hex digits>}. */
    public static StreamSpec of(String prefix, String format, int channelCount, double rateHz, int sampleCount,
                                int chunkSamples, boolean deducedTimestamps) {
        String name = prefix + "-" + format + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new StreamSpec(name, format, channelCount, rateHz, sampleCount, chunkSamples, deducedTimestamps);
    }

    /** The XPath predicate selecting this stream. */
    public String predicate() {
        return "name='" + name + "'";
    }
}
