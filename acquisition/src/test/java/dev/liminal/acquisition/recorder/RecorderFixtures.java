package dev.liminal.acquisition.recorder;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SampleRing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Streams and values shared by the recorder tests and the crash child. */
final class RecorderFixtures {
    static final int CHANNELS = 4;
    static final double RATE_HZ = 250;
    static final double FIRST_TIMESTAMP = 100;

    private RecorderFixtures() {}

    static StreamInfo eeg() {
        List<ChannelInfo> ch = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) ch.add(new ChannelInfo("C" + c, ChannelType.EEG, "uV"));
        return new StreamInfo("eeg", "EEG", "test-eeg", ch, RATE_HZ, SampleFormat.FLOAT32, Map.of());
    }

    static StreamInfo markers() {
        return new StreamInfo("cues", "Markers", "test-cues", List.of(new ChannelInfo("cue", ChannelType.MISC, "")),
                0, SampleFormat.STRING, Map.of());
    }

    /** Channel c of frame k: exact in float32. */
    static double value(long k, int c) {
        return (k % 10_000) * 0.25 + c;
    }

    static double timestamp(long k) {
        return FIRST_TIMESTAMP + k / RATE_HZ;
    }

    /** Writes frames [first, first + n) of the known pattern into {@code ring}. */
    static void write(SampleRing ring, long first, int n) {
        double[][] v = new double[CHANNELS][n];
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = timestamp(first + k);
            for (int c = 0; c < CHANNELS; c++) v[c][k] = value(first + k, c);
        }
        ring.write(v, t, 0, n);
    }

    /** The collection times of a footer's {@code clock_offsets} XML. */
    static List<Double> offsetTimes(String clockOffsetsXml) {
        List<Double> times = new ArrayList<>();
        Matcher m = Pattern.compile("<time>([^<]+)</time>").matcher(clockOffsetsXml == null ? "" : clockOffsetsXml);
        while (m.find()) times.add(Double.parseDouble(m.group(1)));
        return times;
    }
}
