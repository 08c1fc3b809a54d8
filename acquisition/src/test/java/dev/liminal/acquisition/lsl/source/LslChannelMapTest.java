package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LslChannelMapTest {
    private static String channel(String label, String unit, String type) {
        return "<channel><label>" + label + "</label><unit>" + unit + "</unit><type>" + type + "</type></channel>";
    }

    @Test
    void scalesEveryVoltageSpellingToMicrovolts() {
        LslStreamInfo lsl = LslStreamInfo.create("amp", "EEG", 7, 250, ChannelFormat.FLOAT32, "amp-1")
                .withDescXml("<channels>" + channel("Fz", "V", "EEG") + channel("Cz", "mV", "EEG")
                        + channel("Pz", "\u00b5V", "EEG") + channel("Oz", "microvolts", "EEG")
                        + channel("HEOG", "millivolts", "EOG") + channel("F3", "", "EEG")
                        + channel("T7", "nV", "EEG") + "</channels>");
        LslChannelMap map = LslChannelMap.of(lsl);
        assertEquals(List.of(1e6, 1e3, 1.0, 1.0, 1e3, 1.0, 1e-3), boxed(map));
        for (ChannelInfo c : map.info().channels()) assertEquals("uV", c.unit(), c.label());
        assertEquals(ChannelType.EOG, map.info().channels().get(4).type());
        assertEquals("mV", map.info().channels().get(1).attribute("lsl_unit"));
    }

    @Test
    void keepsRawValuesOfNonVoltageChannelsAndOfVoltageChannelsInCounts() {
        LslStreamInfo lsl = LslStreamInfo.create("mixed", "EEG", 3, 100, ChannelFormat.DOUBLE64, "")
                .withDescXml("<channels>" + channel("AccX", "g", "ACCEL") + channel("Cz", "counts", "EEG")
                        + channel("Temp", "degC", "TEMP") + "</channels>");
        LslChannelMap map = LslChannelMap.of(lsl);
        assertEquals(List.of(1.0, 1.0, 1.0), boxed(map));
        assertFalse(map.scales());
        assertEquals("g", map.info().channels().get(0).unit());
        assertEquals(ChannelType.ACCEL, map.info().channels().get(0).type());
        assertEquals("counts", map.info().channels().get(1).unit());
        assertEquals(ChannelType.TEMP, map.info().channels().get(2).type());
    }

    @Test
    void streamWithoutDescGetsNumberedEegChannelsAssumedInMicrovolts() {
        LslStreamInfo lsl = LslStreamInfo.create("obci_eeg1", "EEG", 3, 125, ChannelFormat.FLOAT32, "openbcigui");
        StreamInfo info = LslChannelMap.of(lsl).info();
        assertEquals(List.of("Ch1", "Ch2", "Ch3"), info.channels().stream().map(ChannelInfo::label).toList());
        for (ChannelInfo c : info.channels()) {
            assertEquals(ChannelType.EEG, c.type());
            assertEquals("uV", c.unit());
        }
        assertEquals(SampleFormat.FLOAT32, info.format());
        assertEquals(125.0, info.nominalRateHz());
        assertEquals("openbcigui", info.sourceId());
    }

    @Test
    void markerStreamKeepsItsTypeAndIsNeverScaled() {
        LslStreamInfo lsl = LslStreamInfo.create("Markers", "Markers", 1, 0, ChannelFormat.STRING, "m");
        LslChannelMap map = LslChannelMap.of(lsl);
        assertEquals(SampleFormat.STRING, map.info().format());
        assertEquals("Markers", map.info().type());
        assertEquals(1.0, map.factor(0));
        assertEquals(ChannelType.MISC, map.info().channels().get(0).type());
    }

    private static List<Double> boxed(LslChannelMap map) {
        Double[] out = new Double[map.info().channelCount()];
        for (int c = 0; c < out.length; c++) out[c] = map.factor(c);
        return List.of(out);
    }
}
