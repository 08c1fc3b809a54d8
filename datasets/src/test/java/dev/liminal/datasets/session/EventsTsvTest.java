package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingFormatException;
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

class EventsTsvTest {
    @TempDir
    Path dir;

    private static final List<Annotation> PLAIN = List.of(
            new Annotation(-1.5, "pre-roll marker"),
            new Annotation(12.25, 0.5, "Stimulus/S  1", ""),
            new Annotation(13, 2, "blink\tartefact\non Fp1", "Fp1"),
            new Annotation(14, Double.NaN, "n/a", "C:\\eeg"),
            new Annotation(15, 0, "", ""));

    @Test
    void richSessionAndAnnotationsRoundTripExactlyWithTheSessionJsonAsContext() throws IOException {
        Path file = dir.resolve("sub-01_events.tsv");
        EventsTsv.write(file, PLAIN, SessionSamples.rich());
        DecodedSession back = EventsTsv.read(file, SessionSamples.rich());
        assertTrue(back.present());
        assertEquals(SessionSamples.rich(), back.session());
        assertEquals(PLAIN, back.annotations());
        assertEquals(List.of(), back.warnings());
    }

    @Test
    void withoutContextPhasesMakeAProtocolInOrderOfAppearance() throws IOException {
        Path file = dir.resolve("x_events.tsv");
        EventsTsv.write(file, List.of(), SessionSamples.rich());
        SessionTimeline back = EventsTsv.read(file, null).session();
        assertEquals(new ProtocolDefinition(EventsTsv.DERIVED_PROTOCOL, List.of("PREPARATION", "BASELINE", "INFUSION 1",
                "MUSIC ♪ on", "EMERGENCE", "RECOVERY")), back.protocol());
        assertEquals(SessionSamples.rich().phases(), back.phases());
        assertEquals(SessionSamples.rich().probes(), back.probes());
        assertEquals(SessionSamples.rich().events(), back.events());
        assertEquals(Map.of(), back.instruments());
    }

    @Test
    void defaultPhaseNamesKeepTheDefaultProtocol() throws IOException {
        Path file = dir.resolve("y_events.tsv");
        EventsTsv.write(file, List.of(), SessionSamples.simple());
        SessionTimeline back = EventsTsv.read(file, null).session();
        assertEquals(ProtocolDefinition.DEFAULT, back.protocol());
        assertEquals(SessionSamples.simple().doses(), back.doses());
    }

    @Test
    void tableReadsAsBidsExpects() {
        String tsv = EventsTsv.toTsv(List.of(new Annotation(2, "note")), SessionSamples.simple());
        String[] lines = tsv.split("\n", -1);
        assertEquals("onset\tduration\ttrial_type\tvalue\tphase\trating\tresponse_time\tdose_mg_per_kg\tdose_total_mg"
                + "\tbody_weight_kg\troute\tformulation\ttier\tchannel", lines[0]);
        assertEquals("0\t600\tphase\tBASELINE\tBASELINE\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a", lines[1]);
        assertEquals("2\tn/a\tannotation\tnote\tBASELINE\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a", lines[2]);
        assertEquals("10\tn/a\teyes\tCLOSED\tBASELINE\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a", lines[3]);
        assertEquals("600\t2400\tdose\tMODERATE\tINFUSION\tn/a\tn/a\t0.5\t35\t70\tIV\tRACEMIC_KETAMINE\tMODERATE\tn/a",
                lines[5]);
        assertEquals("900\tn/a\tprobe\tdissociation\tINFUSION\t40\t3.2\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a", lines[6]);
        assertEquals("1200\tn/a\tprobe\tanxiety\tINFUSION\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a", lines[7]);
        assertEquals("", lines[lines.length - 1], "ends with a line feed");
        for (String line : lines) {
            if (!line.isEmpty()) assertEquals(14, line.split("\t", -1).length, line);
        }
    }

    @Test
    void rowsOfOtherSoftwareBecomeAnnotations() throws IOException {
        String tsv = "onset\tduration\ttrial_type\tvalue\tsample\n"
                + "1.5\tn/a\tstimulus\tS  1\t384\n"
                + "2.5\t0.1\tn/a\tresponse\t640\n"
                + "3.5\tn/a\tboundary\tn/a\t896\n";
        DecodedSession d = EventsTsv.parse(tsv.getBytes(StandardCharsets.UTF_8), dir.resolve("f_events.tsv"), null);
        assertFalse(d.present());
        assertEquals(SessionTimeline.EMPTY, d.session());
        assertEquals(List.of(new Annotation(1.5, "stimulus/S  1"), new Annotation(2.5, 0.1, "response", ""),
                new Annotation(3.5, "boundary")), d.annotations());
    }

    @Test
    void acceptsCrLfAndAByteOrderMark() throws IOException {
        String tsv = "\uFEFFonset\tduration\ttrial_type\tvalue\r\n1\tn/a\teyes\tOPEN\r\n";
        DecodedSession d = EventsTsv.parse(tsv.getBytes(StandardCharsets.UTF_8), null, null);
        assertEquals(1, d.session().eyeStates().size());
    }

    @Test
    void tierMismatchIsAWarningAndTheTableWins() throws IOException {
        String tsv = EventsTsv.toTsv(List.of(), SessionSamples.simple()).replace("RACEMIC_KETAMINE\tMODERATE",
                "RACEMIC_KETAMINE\tHIGH");
        DecodedSession d = EventsTsv.parse(tsv.getBytes(StandardCharsets.UTF_8), dir.resolve("t_events.tsv"),
                SessionSamples.simple());
        assertEquals(SessionSamples.simple().doses(), d.session().doses());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("line 5: dose says tier HIGH"), d.warnings().get(0));
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void badNumberNamesLineColumnAndByte() {
        String head = "onset\tduration\ttrial_type\tvalue\n1\tn/a\teyes\tOPEN\n2\t";
        RecordingFormatException e = assertBad(head + "soon\teyes\tCLOSED\n");
        assertEquals(head.length(), e.byteOffset());
        assertTrue(e.getMessage().endsWith("bad_events.tsv: byte " + head.length()
                + ": line 3 column 2: duration 'soon' is not a decimal number"), e.getMessage());
    }

    @Test
    void wrongCellCountMissingColumnsAndBadUtf8AreErrors() {
        assertTrue(assertBad("onset\tduration\n1\n").getMessage().contains("line 2: 1 cells, the header has 2"));
        assertTrue(assertBad("onset\ttrial_type\n1\tx\n").getMessage().contains("no 'duration' column"));
        assertTrue(assertBad("").getMessage().contains("empty"));
        assertTrue(assertBad("onset\tonset\tduration\n").getMessage().contains("column 'onset' appears twice"));
        byte[] bad = "onset\tduration\tvalue\n1\t2\tx\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> EventsTsv.parse(bad, dir.resolve("latin1_events.tsv"), null));
        assertTrue(e.getMessage().contains("line 2 column 3: not UTF-8"), e.getMessage());
        assertEquals("onset\tduration\tvalue\n1\t2\t".length(), e.byteOffset());
    }

    @Test
    void invalidSessionRowsAreErrorsWithTheirLine() {
        String header = "onset\tduration\ttrial_type\tvalue\trating\tresponse_time\n";
        assertTrue(assertBad(header + "1\tn/a\tprobe\tcalm\t150\t1\n").getMessage()
                .contains("line 2: probe 'calm': rating 150.0 is outside 0-100"));
        assertTrue(assertBad(header + "1\tn/a\teyes\tHALF\tn/a\tn/a\n").getMessage()
                .contains("line 2 column 4: value 'HALF' is not one of [OPEN, CLOSED]"));
        assertTrue(assertBad(header + "1\tn/a\tdose\tLOW\tn/a\tn/a\n").getMessage()
                .contains("line 2: a dose row needs a 'dose_mg_per_kg' column"));
        assertTrue(assertBad(header + "0\t10\tphase\tBASELINE\tn/a\tn/a\n5\t10\tphase\tINFUSION\tn/a\tn/a\n")
                .getMessage().contains("phase rows on lines [2, 3]"));
    }

    @Test
    void phaseOutsideTheContextProtocolIsAnError() {
        String tsv = "onset\tduration\ttrial_type\tvalue\n0\t5\tphase\tMUSIC\n";
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> EventsTsv.parse(
                tsv.getBytes(StandardCharsets.UTF_8), dir.resolve("p_events.tsv"), SessionTimeline.EMPTY));
        assertTrue(e.getMessage().contains("line 2 column 4: phase 'MUSIC' is not in protocol default"), e.getMessage());
    }

    @Test
    void textCellsEscapeTabsNewlinesBackslashesAndTheMissingMarker() {
        for (String s : new String[] {"a\tb", "a\nb\r", "C:\\x\\t", "n/a", "N/A", "", "\\"}) {
            assertEquals(s, EventsTsv.unescape(EventsTsv.text(s)), s);
            assertFalse(EventsTsv.text(s).contains("\t") || EventsTsv.text(s).contains("\n"), s);
        }
        assertEquals("n\\/a", EventsTsv.text("n/a"));
    }

    @Test
    void columnsJsonDescribesEveryColumnWithUnitsWhereTheyApply() throws IOException {
        Path file = dir.resolve("c_events.json");
        EventsTsv.writeColumns(file);
        Map<String, Object> columns = EegJson.read(file);
        assertEquals(EventsTsv.COLUMNS, List.copyOf(columns.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) columns.get("response_time");
        assertEquals("s", response.get("Units"));
        @SuppressWarnings("unchecked")
        Map<String, Object> trialType = (Map<String, Object>) columns.get("trial_type");
        assertEquals(List.of("phase", "dose", "eyes", "probe", "event_report", "annotation"),
                List.copyOf(((Map<?, ?>) trialType.get("Levels")).keySet()));
    }

    private RecordingFormatException assertBad(String text) {
        Path file = dir.resolve("bad_events.tsv");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return assertThrows(RecordingFormatException.class, () -> EventsTsv.read(file, null));
    }
}
