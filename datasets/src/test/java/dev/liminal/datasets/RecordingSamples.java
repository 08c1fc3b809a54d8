package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.session.SessionTimeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small in-memory recordings for tests. */
public final class RecordingSamples {
    /** Sampling rate of {@link #eeg}, Hz. */
    public static final double RATE_HZ = 256;
    /** Samples per channel of {@link #eeg}: 20 s. */
    public static final int SAMPLES = (int) (20 * RATE_HZ);

    private RecordingSamples() {}

    /**
     * Three EEG channels and one EOG channel, 20 s at 256 Hz, deterministic values (channel c,
     * sample k holds {@code 10 * c + sin(k / 10)} uV), with the given annotations and session.
     */
    public static MemoryRecording eeg(List<Annotation> annotations, SessionTimeline session) {
        List<ChannelInfo> channels = List.of(new ChannelInfo("Fz", ChannelType.EEG, "uV"),
                new ChannelInfo("Cz", ChannelType.EEG, "uV"), new ChannelInfo("Pz", ChannelType.EEG, "uV"),
                new ChannelInfo("EOG left", ChannelType.EOG, "uV"));
        StreamInfo stream = new StreamInfo("eeg", "EEG", "", channels, RATE_HZ, SampleFormat.FLOAT32, Map.of());
        RecordedStream recorded = new RecordedStream(0, stream, SAMPLES, List.of(new Segment(0, SAMPLES, 0)), 0, Map.of());
        double[][] rows = new double[channels.size()][SAMPLES];
        for (int c = 0; c < rows.length; c++) {
            for (int k = 0; k < SAMPLES; k++) rows[c][k] = 10 * c + Math.sin(k / 10.0);
        }
        RecordingInfo info = new RecordingInfo(Path.of("memory"), "memory", "memory",
                Instant.parse("2026-11-21T09:30:00Z"), SAMPLES / RATE_HZ, List.of(recorded), annotations, session,
                Map.of("equipment", "OpenBCI Cyton"), List.of());
        return new MemoryRecording(info, List.<double[][]>of(rows));
    }
}
