package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.session.SessionTimeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a recording holds, known after opening it without reading its samples. Immutable.
 *
 * <p><b>Time axis.</b> Formats with a start date (EDF, BDF, BrainVision, OpenBCI) put sample 0
 * at 0 s and count seconds from {@link #startTime()}. XDF keeps the recording host's LSL clock
 * (after clock synchronisation), as pyxdf and libxdf do; {@code startTime} is then the file
 * header's datetime, if any.
 *
 * @param source          the file read
 * @param formatId        the {@link RecordingFormat#id()} that read it
 * @param formatVariant   the exact variant, e.g. {@code "EDF+D"}, {@code "BDF"}, {@code "XDF 1.0"}
 * @param startTime       wall-clock start, or null when the file has none
 * @param durationSeconds span covered by the samples (and annotations for annotation-only files)
 * @param streams         the streams in file order
 * @param annotations     annotations and markers on the recording's time axis, by onset
 * @param session         session metadata found in the file, {@link SessionTimeline#EMPTY} if none
 * @param properties      header facts (patient, recording, equipment...) as text
 * @param warnings        one line each: discontinuities, truncation, clock resets...
 */
public record RecordingInfo(Path source, String formatId, String formatVariant, Instant startTime,
                            double durationSeconds, List<RecordedStream> streams, List<Annotation> annotations,
                            SessionTimeline session, Map<String, String> properties, List<String> warnings) {
    public RecordingInfo {
        Objects.requireNonNull(formatId, "formatId");
        formatVariant = formatVariant == null ? formatId : formatVariant;
        streams = List.copyOf(streams);
        annotations = List.copyOf(annotations);
        session = session == null ? SessionTimeline.EMPTY : session;
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i).index() != i) {
                throw new IllegalArgumentException("stream at position " + i + " has index " + streams.get(i).index());
            }
        }
    }

    /** All channels of all streams, in stream order. */
    public List<ChannelInfo> channels() {
        List<ChannelInfo> all = new ArrayList<>();
        for (RecordedStream s : streams) all.addAll(s.info().channels());
        return all;
    }

    /** A copy with other session metadata. */
    public RecordingInfo withSession(SessionTimeline newSession) {
        return new RecordingInfo(source, formatId, formatVariant, startTime, durationSeconds, streams, annotations,
                newSession, properties, warnings);
    }

    /** A copy with other annotations. */
    public RecordingInfo withAnnotations(List<Annotation> newAnnotations) {
        return new RecordingInfo(source, formatId, formatVariant, startTime, durationSeconds, streams,
                newAnnotations, session, properties, warnings);
    }
}
