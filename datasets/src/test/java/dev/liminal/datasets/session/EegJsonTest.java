package dev.liminal.datasets.session;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingSamples;
import dev.liminal.datasets.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EegJsonTest {
    @TempDir
    Path dir;

    @Test
    void describesAContinuousRecording() throws IOException {
        Path file = dir.resolve("sub-01_task-ketamine_eeg.json");
        EegJson.write(RecordingSamples.eeg(List.of(), SessionTimeline.EMPTY).info(), "ketamine", file);
        Map<String, Object> m = EegJson.read(file);
        assertEquals(List.of("TaskName", "EEGReference", "SamplingFrequency", "PowerLineFrequency", "SoftwareFilters",
                "Manufacturer", "EEGChannelCount", "EOGChannelCount", "ECGChannelCount", "EMGChannelCount",
                "MiscChannelCount", "TriggerChannelCount", "RecordingDuration", "RecordingType",
                "EEGPlacementScheme"), List.copyOf(m.keySet()));
        assertEquals("ketamine", m.get("TaskName"));
        assertEquals(256.0, m.get("SamplingFrequency"));
        assertEquals("n/a", m.get("PowerLineFrequency"));
        assertEquals("n/a", m.get("SoftwareFilters"));
        assertEquals("n/a", m.get("EEGReference"));
        assertEquals("OpenBCI Cyton", m.get("Manufacturer"));
        assertEquals(3.0, m.get("EEGChannelCount"));
        assertEquals(1.0, m.get("EOGChannelCount"));
        assertEquals(0.0, m.get("ECGChannelCount"));
        assertEquals(20.0, m.get("RecordingDuration"));
        assertEquals("continuous", m.get("RecordingType"));
        assertEquals("10-20", m.get("EEGPlacementScheme"));
        assertTrue(Files.readString(file).contains("\n  \"TaskName\" : \"ketamine\",\n"));
    }

    @Test
    void discontinuousMixedRecordingCountsChannelsOfRegularStreamsOnly() {
        StreamInfo eeg = new StreamInfo("eeg", "EEG", "", List.of(new ChannelInfo("EEG Fpz-Cz", ChannelType.EEG, "uV"),
                new ChannelInfo("ECG", ChannelType.ECG, "uV"), new ChannelInfo("Resp", ChannelType.RESP, ""),
                new ChannelInfo("Status", ChannelType.TRIGGER, "")), 500, SampleFormat.INT32,
                Map.of("manufacturer", "BrainProducts"));
        StreamInfo slow = new StreamInfo("slow", "Misc", "", List.of(new ChannelInfo("Temp", ChannelType.TEMP, "degC")),
                1, SampleFormat.FLOAT32, Map.of());
        StreamInfo markers = new StreamInfo("markers", "Markers", "", List.of(new ChannelInfo("m", ChannelType.MISC, "")),
                0, SampleFormat.STRING, Map.of());
        RecordingInfo info = new RecordingInfo(Path.of("x.edf"), "edf", "EDF+D", null, 30,
                List.of(new RecordedStream(0, slow, 30, List.of(new Segment(0, 30, 0)), 0, Map.of()),
                        new RecordedStream(1, eeg, 10000, List.of(new Segment(0, 5000, 0), new Segment(5000, 5000, 20)),
                                1, Map.of()),
                        new RecordedStream(2, markers, 3, List.of(), 2, Map.of())),
                List.of(), null, Map.of(), List.of());
        String json = new String(EegJson.toBytes(info, "n/a"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"SamplingFrequency\" : 500.0"), json);
        assertTrue(json.contains("\"EEGChannelCount\" : 1,"), json);
        assertTrue(json.contains("\"ECGChannelCount\" : 1,"), json);
        assertTrue(json.contains("\"MiscChannelCount\" : 2,"), json);
        assertTrue(json.contains("\"TriggerChannelCount\" : 1,"), json);
        assertTrue(json.contains("\"RecordingType\" : \"discontinuous\""), json);
        assertTrue(json.contains("\"Manufacturer\" : \"BrainProducts\""), "from the main stream: " + json);
        assertFalse(json.contains("EEGPlacementScheme"), json);
    }

    @Test
    void readingSomethingElseIsALocatedError() throws IOException {
        Path file = dir.resolve("bad_eeg.json");
        Files.writeString(file, "{\n \"TaskName\": \"rest\",\n \"SamplingFrequency\": 256,,\n}");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> EegJson.read(file));
        assertTrue(e.getMessage().contains("line 3 column"), e.getMessage());
    }
}
