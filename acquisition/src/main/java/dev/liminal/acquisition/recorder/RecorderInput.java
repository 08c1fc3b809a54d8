package dev.liminal.acquisition.recorder;

import dev.liminal.acquisition.monitor.TimingMonitor;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.StringRing;

import java.util.Objects;

/**
 * One stream for the {@link XdfRecorder}: what it is, the ring it is read from (exactly one of
 * {@code samples} and {@code strings}), where its clock offsets come from and, optionally, the
 * monitor told about overruns. Immutable.
 *
 * @param info    the stream written into the XDF StreamHeader
 * @param samples the ring of a numeric stream, else null
 * @param strings the ring of a string stream, else null
 * @param offsets the stream's clock offsets
 * @param monitor told about every overrun the recorder meets, or null
 */
public record RecorderInput(StreamInfo info, SampleRing samples, StringRing strings, ClockOffsetProvider offsets,
                            TimingMonitor monitor) {
    public RecorderInput {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(offsets, "offsets");
        if ((samples == null) == (strings == null)) {
            throw new IllegalArgumentException("stream '" + info.name() + "' needs exactly one ring");
        }
        if (info.format().isNumeric() != (samples != null)) {
            throw new IllegalArgumentException("stream '" + info.name() + "' holds " + info.format().lslName()
                    + " values but was given a " + (samples != null ? "numeric" : "string") + " ring");
        }
        int ringChannels = samples != null ? samples.channelCount() : strings.channelCount();
        if (ringChannels != info.channelCount()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' has " + info.channelCount()
                    + " channels, its ring " + ringChannels);
        }
    }

    /** A numeric stream. */
    public static RecorderInput numeric(StreamInfo info, SampleRing ring, ClockOffsetProvider offsets,
                                        TimingMonitor monitor) {
        return new RecorderInput(info, ring, null, offsets, monitor);
    }

    /** A string (marker) stream. */
    public static RecorderInput strings(StreamInfo info, StringRing ring, ClockOffsetProvider offsets,
                                        TimingMonitor monitor) {
        return new RecorderInput(info, null, ring, offsets, monitor);
    }
}
