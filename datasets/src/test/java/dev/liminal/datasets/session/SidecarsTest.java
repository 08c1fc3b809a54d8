package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarsTest {
    @TempDir
    Path dir;

    @Test
    void bidsNamesSwapTheEegSuffix() {
        SidecarPaths p = Sidecars.of(dir.resolve("sub-01_ses-1_task-ketamine_eeg.edf"));
        assertEquals(dir.resolve("sub-01_ses-1_task-ketamine_events.tsv"), p.events());
        assertEquals(dir.resolve("sub-01_ses-1_task-ketamine_events.json"), p.eventColumns());
        assertEquals(dir.resolve("sub-01_ses-1_task-ketamine_eeg.json"), p.eegJson());
        assertEquals(dir.resolve("sub-01_ses-1_task-ketamine_session.json"), p.session());
        assertEquals("ketamine", Sidecars.taskName(dir.resolve("sub-01_ses-1_task-ketamine_run-2_eeg.bdf")));
    }

    @Test
    void otherNamesAppendTheSuffixesToTheBaseName() {
        SidecarPaths p = Sidecars.of(dir.resolve("night 1.recording.bdf"));
        assertEquals(dir.resolve("night 1.recording_events.tsv"), p.events());
        assertEquals(dir.resolve("night 1.recording_eeg.json"), p.eegJson());
        assertEquals(dir.resolve("night 1.recording_session.json"), p.session());
        assertEquals(dir.resolve("foo_eeg_session.json"), Sidecars.of(dir.resolve("foo_eeg.edf")).session(),
                "an _eeg suffix without BIDS entities is part of the base name");
        assertEquals(dir.resolve("noext_session.json"), Sidecars.of(dir.resolve("noext")).session());
        assertEquals("n/a", Sidecars.taskName(dir.resolve("night1.bdf")));
    }

    @Test
    void writesAllThreeAndReadsTheSessionBack() throws IOException {
        Path recording = dir.resolve("sub-03_task-ketamine_eeg.edf");
        List<Annotation> plain = List.of(new Annotation(3, "note"));
        RecordingInfo info = RecordingSamples.eeg(plain, SessionSamples.rich()).info();
        SidecarPaths p = Sidecars.write(recording, info);
        assertTrue(Files.isRegularFile(p.events()) && Files.isRegularFile(p.eegJson()) && Files.isRegularFile(p.session())
                && Files.isRegularFile(p.eventColumns()));
        assertEquals("ketamine", EegJson.read(p.eegJson()).get("TaskName"));
        SidecarContent c = Sidecars.read(recording).orElseThrow();
        assertTrue(c.hasSession());
        assertEquals(SessionSamples.rich(), c.session());
        assertEquals(plain, c.annotations());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void noSidecarsReadsAsEmpty() throws IOException {
        assertEquals(Optional.empty(), Sidecars.read(dir.resolve("lonely.edf")));
    }

    @Test
    void eventsTableAloneStillGivesTheTimedSession() throws IOException {
        Path recording = dir.resolve("only.edf");
        SidecarPaths p = Sidecars.write(recording, RecordingSamples.eeg(List.of(), SessionSamples.simple()).info());
        Files.delete(p.session());
        SidecarContent c = Sidecars.read(recording).orElseThrow();
        assertTrue(c.hasSession());
        assertEquals(SessionSamples.simple().phases(), c.session().phases());
        assertEquals(SessionSamples.simple().probes(), c.session().probes());
    }

    @Test
    void sessionJsonWinsOverADisagreeingEventsTable() throws IOException {
        Path recording = dir.resolve("mixed.edf");
        SidecarPaths p = Sidecars.write(recording, RecordingSamples.eeg(List.of(), SessionSamples.simple()).info());
        Files.writeString(p.events(), Files.readString(p.events()).replace("out of body now", "falling"));
        SidecarContent c = Sidecars.read(recording).orElseThrow();
        assertEquals(SessionSamples.simple(), c.session());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("mixed_events.tsv disagrees with mixed_session.json"),
                c.warnings().get(0));
    }

    @Test
    void eventsTableWithoutSessionRowsHasNoSession() throws IOException {
        Path recording = dir.resolve("plain.edf");
        Files.writeString(Sidecars.of(recording).events(), "onset\tduration\ttrial_type\n1\tn/a\tstimulus\n");
        SidecarContent c = Sidecars.read(recording).orElseThrow();
        assertFalse(c.hasSession());
        assertEquals(SessionTimeline.EMPTY, c.session());
        assertEquals(List.of(new Annotation(1, "stimulus")), c.annotations());
    }
}
