package dev.liminal.datasets;

import dev.liminal.core.StreamInfo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stream as stored in a recording. Immutable.
 *
 * <p>Formats without streams (EDF, BrainVision, OpenBCI) group consecutive channels that share
 * a sampling rate into one stream each, so reading the streams in order yields the channels in
 * file order.
 *
 * @param index          position in {@link RecordingInfo#streams()}, from 0
 * @param info           name, type, channels, rate, format
 * @param sampleCount    number of samples (frames) stored
 * @param segments       for regular-rate streams, the contiguous runs in order covering all
 *                       samples; empty for irregular streams, whose times come from
 *                       {@link RecordingReader#readTimestamps}
 * @param fileStreamId   the stream's id in the file (XDF StreamId), else equal to {@code index}
 * @param footer         footer facts the file stored (XDF StreamFooter), possibly empty
 */
public record RecordedStream(int index, StreamInfo info, long sampleCount, List<Segment> segments,
                             long fileStreamId, Map<String, String> footer) {
    public RecordedStream {
        Objects.requireNonNull(info, "info");
        segments = List.copyOf(segments);
        footer = Map.copyOf(footer == null ? Map.of() : footer);
        if (sampleCount < 0) {
            throw new IllegalArgumentException("stream " + info.name() + ": sample count " + sampleCount + " < 0");
        }
    }

    /** Whether the stream is stored as several separate runs. */
    public boolean isDiscontinuous() {
        return segments.size() > 1;
    }
}
