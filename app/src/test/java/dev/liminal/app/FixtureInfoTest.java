package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code info} on the real fixtures; expected values from
 * {@code datasets/src/test/resources/fixtures/SOURCES.md}.
 */
class FixtureInfoTest {
    private static JsonNode json(String fixture) throws IOException {
        CliRun r = CliRun.of("info", "--json", CliRun.fixture(fixture).toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.err(), r.describe());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    private static List<Double> numbers(JsonNode array, String field) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asDouble()));
        return values;
    }

    @Test
    void edfTextShowsSummaryAndChannelTable() {
        String file = CliRun.fixture("edf/short_psg.edf").toString();
        CliRun r = CliRun.of("info", file);
        assertEquals(0, r.exitCode(), r.describe());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("File:        " + file,
                "Format:      EDF/EDF+ (European Data Format), variant EDF",
                "Start:       1989-04-24T16:13:00Z",
                "Duration:    300 s (0:05:00)",
                "Channels:    7 in 2 streams",
                "Annotations: 0",
                "Markers:     0"), lines.subList(0, 7));
        assertTrue(lines.contains("  0  EEG Fpz-Cz      EEG   uV        100"), r.out());
        assertTrue(lines.contains("  5  Temp rectal     TEMP  DegC        1"), r.out());
        assertTrue(lines.contains("  6  Event marker    MISC  -           1"), r.out());
        assertTrue(r.out().contains("  patient              X F X Female_33yr"), r.out());
        assertFalse(r.out().contains("Warnings:"), r.out());
    }

    @Test
    void edfJsonHasChannelsRatesStartAndDuration() throws IOException {
        JsonNode j = json("edf/short_psg.edf");
        assertEquals("edf", j.at("/format/id").asText());
        assertEquals("EDF", j.at("/format/variant").asText());
        assertEquals("1989-04-24T16:13:00Z", j.get("start").asText());
        assertEquals(300.0, j.get("durationSeconds").asDouble());
        assertEquals(7, j.get("channelCount").asInt());
        assertEquals(List.of("EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal", "Resp oro-nasal", "EMG submental",
                "Temp rectal", "Event marker"), texts(j.get("channels"), "label"));
        assertEquals(List.of(100.0, 100.0, 100.0, 1.0, 1.0, 1.0, 1.0), numbers(j.get("channels"), "rateHz"));
        assertEquals(List.of("uV", "uV", "uV", "", "uV", "DegC", ""), texts(j.get("channels"), "unit"));
        assertEquals(List.of(30000.0, 300.0), numbers(j.get("streams"), "sampleCount"));
        assertEquals(0, j.get("annotationCount").asInt());
        assertTrue(j.get("session").isNull());
        assertEquals("X F X Female_33yr", j.at("/properties/patient").asText());
        assertEquals(0, j.get("warnings").size());
    }

    @Test
    void xdfJsonListsStreamsWithFormatCountsAndMarkers() throws IOException {
        JsonNode j = json("xdf/minimal.xdf");
        assertEquals("xdf", j.at("/format/id").asText());
        assertEquals("XDF 1.0", j.at("/format/variant").asText());
        assertEquals(List.of("SendDataC", "SendDataString"), texts(j.get("streams"), "name"));
        assertEquals(List.of("EEG", "StringMarker"), texts(j.get("streams"), "type"));
        assertEquals(List.of(3.0, 1.0), numbers(j.get("streams"), "channelCount"));
        assertEquals(List.of(10.0, 10.0), numbers(j.get("streams"), "rateHz"));
        assertEquals(List.of("int16", "string"), texts(j.get("streams"), "format"));
        assertEquals(List.of(9.0, 9.0), numbers(j.get("streams"), "sampleCount"));
        assertEquals(List.of(0.0, 46202862.0), numbers(j.get("streams"), "fileStreamId"));
        assertEquals(9, j.get("markerCount").asInt());
        assertEquals("Hello", j.at("/annotations/1/text").asText());
        assertEquals(5.2, j.at("/annotations/1/onsetSeconds").asDouble(), 1e-9);
    }

    @Test
    void xdfTextHasAStreamTableAndCutsLongMarkerTexts() {
        CliRun r = CliRun.of("info", CliRun.fixture("xdf/minimal.xdf").toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("Markers:     9 in 1 stream"), r.out());
        assertTrue(r.out().contains("  0  SendDataC       EEG                  3       10  int16         9  -"), r.out());
        assertTrue(r.out().contains("  1  SendDataString  StringMarker         1       10  string        9  -"), r.out());
        assertTrue(r.out().contains("<?xml version=\"1.0\"?><info><writer>LabRecorder xdfwriter</writer>"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() < 140), "no line is longer than a cut marker text");
    }

    @Test
    void brainVisionJsonHasChannelsMarkersAndSubsecondStart() throws IOException {
        JsonNode j = json("brainvision/test.vhdr");
        assertEquals(32, j.get("channelCount").asInt());
        assertEquals("FP1", j.at("/channels/0/label").asText());
        assertEquals("ReRef", j.at("/channels/31/label").asText());
        assertEquals(1000.0, j.at("/channels/31/rateHz").asDouble());
        assertEquals(7900, j.at("/streams/0/sampleCount").asLong());
        assertEquals(14, j.get("annotationCount").asInt());
        assertEquals("2013-11-13T16:14:03.794232Z", j.get("start").asText());
        assertEquals(7.9, j.get("durationSeconds").asDouble(), 1e-9);
    }

    @Test
    void brainVisionTextListsTheFirstTenMarkers() {
        CliRun r = CliRun.of("info", CliRun.fixture("brainvision/test.vhdr").toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("Start:       2013-11-13T16:14:03.794232Z"), r.out());
        assertTrue(r.out().contains("Annotations (first 10 of 14):"), r.out());
        assertTrue(r.out().contains("   0.486           0  -        Stimulus/S253"), r.out());
    }

    @Test
    void bdfJsonHas17ChannelsAt256HzWithTheStatusChannel() throws IOException {
        JsonNode j = json("bdf/Newtest17-256.bdf");
        assertEquals("BDF", j.at("/format/variant").asText());
        assertEquals(17, j.get("channelCount").asInt());
        assertEquals(60.0, j.get("durationSeconds").asDouble());
        assertEquals("2001-11-05T19:38:42Z", j.get("start").asText());
        assertEquals("Status", j.at("/channels/16/label").asText());
        assertEquals("TRIGGER", j.at("/channels/16/type").asText());
        assertTrue(numbers(j.get("channels"), "rateHz").stream().allMatch(r -> r == 256.0));
        assertEquals(15360, j.at("/streams/0/sampleCount").asLong());
    }

    @Test
    void discontinuousEdfIsFlaggedWithItsSegments() throws IOException {
        JsonNode j = json("edf/Discontinuous2.edf");
        assertEquals("EDF+D", j.at("/format/variant").asText());
        assertEquals(List.of(0.0, 5631.0, 13656.0), numbers(j.at("/streams/0/segments"), "startSeconds"));
        assertEquals(4, j.get("annotationCount").asInt());
        assertEquals("Desaturation", j.at("/annotations/2/text").asText());
        assertTrue(j.get("warnings").size() > 0, "a discontinuity warning");
        CliRun r = CliRun.of("info", CliRun.fixture("edf/Discontinuous2.edf").toString());
        assertTrue(r.out().contains("Warnings:\n  - discontinuous"), r.out());
    }

    @Test
    void annotationOnlyEdfHasNoChannelsAnd154Annotations() {
        CliRun r = CliRun.of("info", CliRun.fixture("edf/SC4001EC-Hypnogram.edf").toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("Channels:\n  (none)\n"), r.out());
        assertTrue(r.out().contains("Annotations (first 10 of 154):"), r.out());
        assertTrue(r.out().contains("Sleep stage W"), r.out());
    }
}
