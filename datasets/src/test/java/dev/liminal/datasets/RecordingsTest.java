package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.SessionAnnotations;
import dev.liminal.datasets.session.SessionJson;
import dev.liminal.datasets.session.SessionSamples;
import dev.liminal.datasets.session.SidecarPaths;
import dev.liminal.datasets.session.Sidecars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingsTest {
    @TempDir
    Path dir;

    private static final List<Annotation> PLAIN = List.of(new Annotation(1, "recording started"),
            new Annotation(4, 1.5, "movement", "Fz"), new Annotation(19.5, "eyes closed?"));

    @Test
    void testFormatIsRegisteredOnlyForTests() {
        assertTrue(RecordingFormats.byId("liminal-test").isPresent());
    }

    @Test
    void writeEmbedsTheSessionAsAnnotationsAndOpenTakesItBack() throws IOException {
        Path file = dir.resolve("sub-01_ses-1_task-ketamine_eeg.ltr");
        try (RecordingReader source = RecordingSamples.eeg(PLAIN, SessionSamples.rich())) {
            Recordings.write(source, file, ProgressListener.NONE);
        }
        try (RecordingReader raw = RecordingFormats.open(file)) {
            assertEquals(SessionTimeline.EMPTY, raw.info().session(), "the test format itself knows no sessions");
            assertTrue(raw.info().annotations().stream().anyMatch(a -> a.text().startsWith(SessionAnnotations.HEADER)));
        }
        try (RecordingReader back = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), back.info().session());
            assertEquals(PLAIN, back.info().annotations());
            assertEquals(List.of(), back.info().warnings());
        }
    }

    @Test
    void samplesAndTimesPassThroughUnchanged() throws IOException {
        Path file = dir.resolve("copy.ltr");
        MemoryRecording source = RecordingSamples.eeg(PLAIN, SessionSamples.simple());
        Recordings.write(source, file, ProgressListener.NONE);
        assertFalse(source.isClosed(), "write leaves the caller's reader open");
        try (RecordingReader back = Recordings.open(file)) {
            int n = RecordingSamples.SAMPLES;
            double[][] expected = new double[4][n];
            double[][] got = new double[4][n];
            source.readSamples(0, 0, n, expected, 0);
            back.readSamples(0, 0, n, got, 0);
            for (int c = 0; c < 4; c++) assertArrayEquals(expected[c], got[c]);
            double[] t = new double[3];
            back.readTimestamps(0, 255, 3, t, 0);
            assertArrayEquals(new double[] {255 / 256.0, 1.0, 257 / 256.0}, t);
            assertEquals(source.info().streams(), back.info().streams());
        }
    }

    @Test
    void sessionEncodedInTheSourceAnnotationsIsNotDuplicated() throws IOException {
        List<Annotation> withEncoded = new ArrayList<>(PLAIN);
        withEncoded.addAll(SessionAnnotations.encode(SessionSamples.simple()));
        Path file = dir.resolve("again.ltr");
        Recordings.write(RecordingSamples.eeg(withEncoded, SessionTimeline.EMPTY), file, ProgressListener.NONE);
        try (RecordingReader raw = RecordingFormats.open(file)) {
            assertEquals(withEncoded.size(), raw.info().annotations().size());
        }
        try (RecordingReader back = Recordings.open(file)) {
            assertEquals(SessionSamples.simple(), back.info().session());
            assertEquals(PLAIN, back.info().annotations());
        }
    }

    @Test
    void attachSessionWritesSidecarsThatOpenPicksUp() throws IOException {
        Path file = dir.resolve("sub-02_task-rest_eeg.ltr");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionTimeline.EMPTY), file, ProgressListener.NONE);
        try (RecordingReader before = Recordings.open(file)) {
            assertEquals(SessionTimeline.EMPTY, before.info().session());
        }
        SidecarPaths paths = Recordings.attachSession(file, SessionSamples.rich());
        assertEquals(dir.resolve("sub-02_task-rest_session.json"), paths.session());
        assertTrue(Files.isRegularFile(paths.events()) && Files.isRegularFile(paths.eegJson()));
        try (RecordingReader after = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), after.info().session());
            assertEquals(PLAIN, after.info().annotations(), "annotations come from the file, not the events table");
            assertEquals(List.of(), after.info().warnings());
        }
    }

    @Test
    void sidecarWinsOverADifferentEmbeddedSessionWithAWarning() throws IOException {
        Path file = dir.resolve("both.ltr");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionSamples.simple()), file, ProgressListener.NONE);
        Recordings.attachSession(file, SessionSamples.rich());
        try (RecordingReader r = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), r.info().session());
            assertEquals(1, r.info().warnings().size(), r.info().warnings().toString());
            assertTrue(r.info().warnings().get(0).contains("using the sidecars"), r.info().warnings().get(0));
        }
    }

    @Test
    void agreeingEmbeddedAndSidecarSessionsGiveNoWarning() throws IOException {
        Path file = dir.resolve("agree.ltr");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionSamples.rich()), file, ProgressListener.NONE);
        Recordings.attachSession(file, SessionSamples.rich());
        try (RecordingReader r = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), r.info().session());
            assertEquals(List.of(), r.info().warnings());
        }
    }

    @Test
    void corruptSessionAnnotationIsKeptAndWarnedAbout() throws IOException {
        List<Annotation> annotations = new ArrayList<>(PLAIN);
        annotations.addAll(SessionAnnotations.encode(SessionSamples.simple()));
        Annotation corrupt = new Annotation(7, "PROBE calm rating=high latency=1 s");
        annotations.add(corrupt);
        Path file = dir.resolve("corrupt.ltr");
        new TestRecordingFormat().write(RecordingSamples.eeg(annotations, SessionTimeline.EMPTY), file,
                WriteOptions.DEFAULT, ProgressListener.NONE);
        try (RecordingReader r = Recordings.open(file)) {
            assertEquals(SessionSamples.simple(), r.info().session());
            assertTrue(r.info().annotations().contains(corrupt));
            assertEquals(1, r.info().warnings().size());
            assertTrue(r.info().warnings().get(0).contains("PROBE calm"), r.info().warnings().get(0));
        }
    }

    @Test
    void malformedSidecarIsAnErrorNamingItAndTheReaderIsClosed() throws IOException {
        Path file = dir.resolve("bad.ltr");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionTimeline.EMPTY), file, ProgressListener.NONE);
        Path sidecar = Sidecars.of(file).session();
        Files.writeString(sidecar, "{\"schema\":\"liminal-session\",\"schemaVersion\":1,\"phases\":[}");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
        assertTrue(e.getMessage().startsWith(sidecar.toString()), e.getMessage());
    }

    @Test
    void attachSessionReplacesAMalformedSidecar() throws IOException {
        Path file = dir.resolve("fix.ltr");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionTimeline.EMPTY), file, ProgressListener.NONE);
        Files.writeString(Sidecars.of(file).session(), "garbage");
        Recordings.attachSession(file, SessionSamples.simple());
        assertEquals(SessionSamples.simple(), SessionJson.read(Sidecars.of(file).session()));
        try (RecordingReader r = Recordings.open(file)) {
            assertEquals(SessionSamples.simple(), r.info().session());
        }
    }

    @Test
    void writingToAnUnknownExtensionNamesTheWritableOnes() {
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.write(
                RecordingSamples.eeg(PLAIN, SessionTimeline.EMPTY), dir.resolve("x.unknown"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("cannot write '.unknown' files") && e.getMessage().contains(".ltr"),
                e.getMessage());
    }

    @Test
    void forWritingPutsSessionAnnotationsBetweenPlainOnesByOnset() {
        RecordingInfo info = Recordings.forWriting(RecordingSamples.eeg(PLAIN, SessionSamples.simple()).info());
        List<Annotation> a = info.annotations();
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i - 1).onsetSeconds() <= a.get(i).onsetSeconds(), a.toString());
        }
        assertEquals(SessionSamples.simple(), info.session());
        assertEquals(PLAIN.size() + SessionAnnotations.encode(SessionSamples.simple()).size(), a.size());
    }

    @Test
    void formatWithNativeSessionRoundTripsAndItsSessionWinsOverDifferingAnnotations() throws IOException {
        Path file = dir.resolve("native.ltrs");
        Recordings.write(RecordingSamples.eeg(PLAIN, SessionSamples.rich()), file, ProgressListener.NONE);
        try (RecordingReader raw = RecordingFormats.open(file)) {
            assertEquals(SessionSamples.rich(), raw.info().session(), "stored natively");
        }
        try (RecordingReader r = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), r.info().session());
            assertEquals(PLAIN, r.info().annotations());
            assertEquals(List.of(), r.info().warnings());
        }
        // a native session that differs from the annotations (e.g. annotations edited elsewhere)
        List<Annotation> stale = new ArrayList<>(PLAIN);
        stale.addAll(SessionAnnotations.encode(SessionSamples.simple()));
        Path mixed = dir.resolve("mixed.ltrs");
        new TestRecordingFormat.WithSession().write(RecordingSamples.eeg(stale, SessionSamples.rich()), mixed,
                WriteOptions.DEFAULT, ProgressListener.NONE);
        try (RecordingReader r = Recordings.open(mixed)) {
            assertEquals(SessionSamples.rich(), r.info().session());
            assertEquals(PLAIN, r.info().annotations(), "session annotations are removed either way");
            assertEquals(1, r.info().warnings().size());
            assertTrue(r.info().warnings().get(0).contains("using the header"), r.info().warnings().get(0));
        }
    }

    @Test
    void withSessionReplacesTheSessionForWritingAndClosesTheReaderWithIt() throws IOException {
        MemoryRecording source = RecordingSamples.eeg(PLAIN, SessionSamples.simple());
        Path file = dir.resolve("edited.ltr");
        try (RecordingReader edited = Recordings.withSession(source, SessionSamples.rich())) {
            assertEquals(SessionSamples.rich(), edited.info().session());
            Recordings.write(edited, file, ProgressListener.NONE);
        }
        assertTrue(source.isClosed());
        try (RecordingReader back = Recordings.open(file)) {
            assertEquals(SessionSamples.rich(), back.info().session());
            assertEquals(PLAIN, back.info().annotations());
        }
    }
}
