package dev.liminal.core.stream;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import org.junit.jupiter.api.Nested;

import java.util.List;
import java.util.Map;

/** {@link MemoryStreamSource} keeps the {@link StreamSource} contract for numbers and strings. */
class MemoryStreamSourceContractTest {
    static final int FRAMES = 23;

    static StreamInfo eeg(int channels) {
        List<ChannelInfo> ch = new java.util.ArrayList<>();
        for (int c = 0; c < channels; c++) ch.add(new ChannelInfo("C" + c, ChannelType.EEG, "uV"));
        return new StreamInfo("eeg", "EEG", "test-eeg", ch, 250, SampleFormat.FLOAT32, Map.of());
    }

    static StreamInfo markers() {
        return new StreamInfo("markers", "Markers", "test-markers",
                List.of(new ChannelInfo("marker", ChannelType.MISC, "")), 0, SampleFormat.STRING, Map.of());
    }

    @Nested
    class Numeric extends StreamSourceContract {
        @Override
        protected StreamSource openSource() {
            double[][] v = new double[3][FRAMES];
            double[] t = new double[FRAMES];
            for (int k = 0; k < FRAMES; k++) {
                t[k] = 10 + k / 250.0;
                for (int c = 0; c < 3; c++) v[c][k] = k + 0.5 * c;
            }
            return MemoryStreamSource.numeric(eeg(3), v, t);
        }

        @Override
        protected long expectedFrames() {
            return FRAMES;
        }
    }

    @Nested
    class Strings extends StreamSourceContract {
        @Override
        protected StreamSource openSource() {
            String[][] v = new String[FRAMES][];
            double[] t = new double[FRAMES];
            for (int k = 0; k < FRAMES; k++) {
                t[k] = 3.0 * k;
                v[k] = new String[] {"m" + k};
            }
            return MemoryStreamSource.strings(markers(), v, t);
        }

        @Override
        protected long expectedFrames() {
            return FRAMES;
        }
    }
}
