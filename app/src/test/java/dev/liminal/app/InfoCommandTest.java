package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code info} on the test scaffold format, which carries every kind of fact info reports. */
class InfoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void textListsSummaryChannelsStreamsAnnotationsSessionPropertiesAndWarnings() throws IOException {
        Path file = ScaffoldFiles.session(tmp);
        CliRun r = CliRun.of("info", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("File:        " + file, lines.get(0));
        assertEquals("Format:      Liminal test scaffold text, variant LSCAF+S", lines.get(1));
        assertEquals("Start:       2024-03-05T09:30:00.250Z", lines.get(2));
        assertEquals("Duration:    3 s (0:00:03)", lines.get(3));
        assertEquals("Channels:    3 in 2 streams", lines.get(4));
        assertEquals("Annotations: 12", lines.get(5));
        assertEquals("Markers:     2 in 1 stream", lines.get(6));
        assertTrue(lines.contains("  #  label   type  unit    rate_hz"), r.out());
        assertTrue(lines.contains("  0  Cz      EEG   uV            4"), r.out());
        assertTrue(lines.contains("  2  marker  MISC  -     irregular"), r.out());
        assertTrue(lines.contains("  #  name      type     channels    rate_hz  format   samples  source_id"), r.out());
        assertTrue(lines.contains("  0  headset   EEG             2          4  float32       12  dev-42"), r.out());
        assertTrue(lines.contains("  1  protocol  Markers         1  irregular  string         2  mk-1"), r.out());
        assertTrue(lines.contains("Annotations (first 10 of 12):"), r.out());
        assertTrue(lines.contains("     2.25           -  -        note 9"), r.out());
        assertFalse(r.out().contains("note 10"), r.out());
        assertTrue(lines.contains("  protocol default [BASELINE, INFUSION, EMERGENCE, RECOVERY]"), r.out());
        assertTrue(lines.contains("  INFUSION      1.5      3"), r.out());
        assertTrue(lines.contains("             0.5        35  IV     RACEMIC_KETAMINE        2400      1.5  MODERATE"),
                r.out());
        assertTrue(lines.contains("  probes 2 (1 answered), event reports 0, eye state changes 0"), r.out());
        assertTrue(lines.contains("  patient    X F X anonymous"), r.out());
        assertTrue(lines.contains("  - clock reset at 1.5 s"), r.out());
    }

    @Test
    void jsonIsOneObjectWithEveryFact() throws IOException {
        Path file = ScaffoldFiles.session(tmp);
        CliRun r = CliRun.of("info", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("file", "format", "start", "durationSeconds", "channelCount", "channels", "streams",
                "annotationCount", "markerCount", "annotations", "session", "properties", "warnings"), keys);
        assertEquals(file.toString(), j.get("file").asText());
        assertEquals("lscaf", j.at("/format/id").asText());
        assertEquals("LSCAF+S", j.at("/format/variant").asText());
        assertEquals("2024-03-05T09:30:00.250Z", j.get("start").asText());
        assertEquals(3.0, j.get("durationSeconds").asDouble());
        assertEquals(3, j.get("channelCount").asInt());
        assertEquals("Pz", j.at("/channels/1/label").asText());
        assertEquals("EEG", j.at("/channels/1/type").asText());
        assertEquals(4.0, j.at("/channels/1/rateHz").asDouble());
        assertEquals(12, j.at("/streams/0/sampleCount").asLong());
        assertEquals("dev-42", j.at("/streams/0/sourceId").asText());
        assertEquals("string", j.at("/streams/1/format").asText());
        assertEquals(0.0, j.at("/streams/0/segments/0/startSeconds").asDouble());
        assertEquals(12, j.get("annotationCount").asInt());
        assertEquals(2, j.get("markerCount").asInt());
        assertEquals(12, j.get("annotations").size());
        assertTrue(j.at("/annotations/11/durationSeconds").isNull());
        assertEquals("note 11", j.at("/annotations/11/text").asText());
        assertEquals("MODERATE", j.at("/session/doses/0/tier").asText());
        assertEquals(35.0, j.at("/session/doses/0/totalMg").asDouble());
        assertEquals(0.75, j.at("/session/doses/0/rateMgPerKgPerHour").asDouble(), 1e-12);
        assertEquals("BASELINE", j.at("/session/phases/0/name").asText());
        assertEquals(2, j.at("/session/probeCount").asInt());
        assertEquals(1, j.at("/session/answeredProbeCount").asInt());
        assertEquals("Startdate 05-MAR-2024 lab", j.at("/properties/recording").asText());
        assertEquals("clock reset at 1.5 s", j.at("/warnings/0").asText());
    }

    @Test
    void jsonSessionIsNullWhenTheFileHasNone() throws IOException {
        Path file = tmp.resolve("plain.lscaf");
        java.nio.file.Files.writeString(file, ScaffoldTextFormat.MAGIC + "\nstream s|EEG|10|float32||Cz:uV\ndata 0|0|1\n");
        CliRun r = CliRun.of("info", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("session").isNull());
        assertTrue(j.get("start").isNull());
        CliRun text = CliRun.of("info", file.toString());
        assertTrue(text.out().contains("Start:       unknown"), text.out());
        assertFalse(text.out().contains("Session:"), text.out());
    }
}
