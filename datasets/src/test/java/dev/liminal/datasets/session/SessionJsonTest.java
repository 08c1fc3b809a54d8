package dev.liminal.datasets.session;

import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionJsonTest {
    @TempDir
    Path dir;

    @Test
    void richSessionRoundTripsExactlyThroughAFile() throws IOException {
        Path file = dir.resolve("sub-01_session.json");
        SessionJson.write(SessionSamples.rich(), file);
        assertEquals(SessionSamples.rich(), SessionJson.read(file));
    }

    @Test
    void writingIsStableByteForByte() throws IOException {
        Path file = dir.resolve("a_session.json");
        SessionJson.write(SessionSamples.rich(), file);
        byte[] first = Files.readAllBytes(file);
        SessionJson.write(SessionJson.read(file), file);
        assertArrayEquals(first, Files.readAllBytes(file));
        assertArrayEquals(first, SessionJson.toBytes(SessionSamples.rich()));
    }

    @Test
    void layoutMatchesTheGoldenFile() throws IOException {
        // simple_session.json is the documented layout; a change here breaks other tools' parsers
        String expected = Files.readString(Path.of("src/test/resources/session/simple_session.json"));
        assertEquals(expected, SessionJson.toJson(SessionSamples.simple()));
    }

    @Test
    void openPhaseEndIsNull() {
        String json = SessionJson.toJson(SessionSamples.rich());
        assertTrue(json.contains("\"name\" : \"RECOVERY\",\n      \"startSeconds\" : 4600.7,\n      \"endSeconds\" : null"), json);
    }

    @Test
    void minimalDocumentGivesDefaults() throws IOException {
        SessionTimeline s = parse("{\"schema\":\"liminal-session\",\"schemaVersion\":1}");
        assertEquals(SessionTimeline.EMPTY, s);
    }

    @Test
    void handWrittenDoseWithoutTotalOrTierIsAccepted() throws IOException {
        SessionTimeline s = parse("{\"schema\":\"liminal-session\",\"schemaVersion\":1,\"doses\":[{\"startSeconds\":5,"
                + "\"mgPerKg\":0.5,\"bodyWeightKg\":80,\"route\":\"IM\",\"formulation\":\"ESKETAMINE\"}]}");
        assertEquals(40.0, s.doses().get(0).totalMg());
        assertEquals(0.0, s.doses().get(0).infusionDurationSeconds());
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void syntaxErrorNamesFileLineColumnAndByte() {
        String text = "{\n  \"schema\" : \"liminal-session\",\n  \"schemaVersion\" : 1,\n  \"phases\" : [ { ] \n}";
        RecordingFormatException e = assertBad(text);
        assertTrue(e.getMessage().contains("line 4 column"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("bad_session.json").toString() + ": byte "), e.getMessage());
        assertTrue(e.byteOffset() > 0 && e.byteOffset() <= text.length(), "offset " + e.byteOffset());
    }

    @Test
    void invalidValueIsReportedAtItsPlace() {
        String head = "{\"schema\":\"liminal-session\",\"schemaVersion\":1,\n\"probes\":[";
        String text = head + "{\"prompt\":\"calm\",\"promptSeconds\":5,\"rating\":150,\"responseLatencySeconds\":1}]}";
        RecordingFormatException e = assertBad(text);
        assertEquals(head.getBytes(StandardCharsets.UTF_8).length, e.byteOffset(), e.getMessage());
        assertTrue(e.getMessage().contains("line 2 column 11: probes[0]: probe 'calm': rating 150.0 is outside 0-100"),
                e.getMessage());
    }

    @Test
    void byteOffsetCountsUtf8Bytes() {
        String head = "{\"schema\":\"liminal-session\",\"schemaVersion\":1,\"events\":[{\"timeSeconds\":1,\"text\":\"ü🙂\"},"
                + "{\"timeSeconds\":";
        RecordingFormatException e = assertBad(head + "\"soon\",\"text\":\"x\"}]}");
        assertEquals(head.getBytes(StandardCharsets.UTF_8).length, e.byteOffset(), e.getMessage());
        assertTrue(e.getMessage().contains("events[1].timeSeconds must be a number, found string \"soon\""), e.getMessage());
    }

    @Test
    void rejectsWrongSchemaVersionUnknownFieldsDuplicatesAndTrailingContent() {
        assertTrue(assertBad("{\"schema\":\"liminal-session\",\"schemaVersion\":2}").getMessage()
                .contains("schemaVersion 2 is not supported"));
        assertTrue(assertBad("{\"schema\":\"bids\",\"schemaVersion\":1}").getMessage().contains("expected \"liminal-session\""));
        assertTrue(assertBad("{\"schemaVersion\":1}").getMessage().contains("missing field \"schema\""));
        assertTrue(assertBad("{\"schema\":\"liminal-session\",\"schemaVersion\":1,\"dose\":[]}").getMessage()
                .contains("unknown field \"dose\""));
        assertTrue(assertBad("{\"schema\":\"liminal-session\",\"schema\":\"liminal-session\",\"schemaVersion\":1}")
                .getMessage().contains("Duplicate field"));
        assertTrue(assertBad("{\"schema\":\"liminal-session\",\"schemaVersion\":1} {}").getMessage()
                .contains("unexpected content"));
        assertTrue(assertBad("").getMessage().contains("empty"));
        assertTrue(assertBad("[1]").getMessage().contains("must be a JSON object"));
    }

    @Test
    void rejectsPhasesOutsideTheProtocolOverlapsAndWrongTiers() {
        String base = "{\"schema\":\"liminal-session\",\"schemaVersion\":1,";
        assertTrue(assertBad(base + "\"phases\":[{\"name\":\"MUSIC\",\"startSeconds\":0,\"endSeconds\":1}]}")
                .getMessage().contains("phase \"MUSIC\" is not in protocol default"));
        assertTrue(assertBad(base + "\"phases\":[{\"name\":\"BASELINE\",\"startSeconds\":0,\"endSeconds\":10},"
                + "{\"name\":\"INFUSION\",\"startSeconds\":5,\"endSeconds\":null}]}").getMessage().contains("overlaps"));
        assertTrue(assertBad(base + "\"doses\":[{\"startSeconds\":5,\"mgPerKg\":0.5,\"bodyWeightKg\":80,\"route\":\"IM\","
                + "\"formulation\":\"ESKETAMINE\",\"tier\":\"LOW\"}]}").getMessage()
                .contains("tier \"LOW\" disagrees with 0.5 mg/kg"));
        assertTrue(assertBad(base + "\"doses\":[{\"startSeconds\":5,\"mgPerKg\":0.5,\"bodyWeightKg\":80,\"route\":\"IX\","
                + "\"formulation\":\"ESKETAMINE\"}]}").getMessage().contains("doses[0].route \"IX\" is not one of"));
        assertTrue(assertBad(base + "\"doseTiers\":[{\"name\":\"A\",\"lowMgPerKg\":0,\"highMgPerKg\":1},"
                + "{\"name\":\"B\",\"lowMgPerKg\":0.5,\"highMgPerKg\":2}]}").getMessage().contains("overlap"));
        assertTrue(assertBad(base + "\"phases\":[{\"name\":\"BASELINE\",\"startSeconds\":1e999,\"endSeconds\":null}]}")
                .getMessage().contains("out of range"));
    }

    @Test
    void refusesFilesLargerThanTheLimitBeforeReadingThem() throws IOException {
        Path big = dir.resolve("big_session.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SessionJson.MAX_BYTES + 1);
        }
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> SessionJson.read(big));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void deeplyNestedInputFailsCleanly() {
        String text = "{\"schema\":\"liminal-session\",\"schemaVersion\":1,\"instruments\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}";
        assertBad(text);
    }

    private SessionTimeline parse(String text) throws IOException {
        Path file = dir.resolve("ok_session.json");
        Files.writeString(file, text);
        return SessionJson.read(file);
    }

    private RecordingFormatException assertBad(String text) {
        Path file = dir.resolve("bad_session.json");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(RecordingFormatException.class, () -> SessionJson.read(file));
    }
}
