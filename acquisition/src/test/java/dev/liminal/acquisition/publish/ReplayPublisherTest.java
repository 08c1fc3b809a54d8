package dev.liminal.acquisition.publish;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayPublisherTest {
    @Test
    void integerStreamWithVoltagesIsPublishedAsDoubleMicrovolts() {
        StreamInfo edf = new StreamInfo("EDF signals 1-3", "EEG", "", List.of(
                new ChannelInfo("EEG Fpz-Cz", ChannelType.EEG, "uV"), new ChannelInfo("Resp", ChannelType.RESP, "")),
                100, SampleFormat.INT16, Map.of());
        LslStreamInfo lsl = ReplayPublisher.outletInfo(edf, "short_psg.edf", 0);
        assertEquals(ChannelFormat.DOUBLE64, lsl.channelFormat());
        assertEquals("liminal-replay:short_psg.edf:0", lsl.sourceId());
        assertEquals(List.of("EEG Fpz-Cz", "Resp"), lsl.channelLabels());
        assertTrue(lsl.descXml().contains("<unit>microvolts</unit><type>EEG</type>"), lsl.descXml());
        assertTrue(lsl.descXml().contains("<replay_of>short_psg.edf</replay_of>"), lsl.descXml());
        assertEquals(100.0, lsl.nominalSrateHz());
    }

    @Test
    void keepsFloatStringAndNonVoltageIntegerFormatsAndTheSourceId() {
        StreamInfo counter = new StreamInfo("Counter", "Misc", "dev-7",
                List.of(new ChannelInfo("n", ChannelType.COUNTER, "")), 50, SampleFormat.INT32, Map.of());
        assertEquals(ChannelFormat.INT32, ReplayPublisher.outletInfo(counter, "f.xdf", 3).channelFormat());
        assertEquals("dev-7", ReplayPublisher.outletInfo(counter, "f.xdf", 3).sourceId());
        StreamInfo eeg = new StreamInfo("obci", "EEG", "", List.of(new ChannelInfo("C3", ChannelType.EEG, "uV")),
                125, SampleFormat.FLOAT32, Map.of());
        assertEquals(ChannelFormat.FLOAT32, ReplayPublisher.outletInfo(eeg, "f.xdf", 0).channelFormat());
        StreamInfo markers = new StreamInfo("M", "Markers", "", List.of(new ChannelInfo("m", ChannelType.MISC, "")),
                0, SampleFormat.STRING, Map.of());
        LslStreamInfo m = ReplayPublisher.outletInfo(markers, "a&b.xdf", 1);
        assertEquals(ChannelFormat.STRING, m.channelFormat());
        assertTrue(m.descXml().contains("a&amp;b.xdf"), m.descXml());
    }
}
