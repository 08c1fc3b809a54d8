package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.SessionAnnotations;
import dev.liminal.datasets.session.SessionAssertions;
import dev.liminal.datasets.session.SessionSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session travels with real recordings through the real formats: EDF fixtures with a session
 * attached as sidecars, written by {@link Recordings#write} to XDF (exact: the session JSON in
 * the marker stream's header description, and markers), to EDF+ and BDF+ (TALs, times to the
 * 100 ns EDF writers keep), and on from those files again.
 */
class SessionThroughFormatsTest {
    /** EDF+ writers keep onsets and durations to 7 decimals: half of 100 ns, plus double rounding. */
    private static final double EDF_TIME_TOLERANCE_SECONDS = 1e-7;
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    /** A copy of a fixture with the rich session attached as sidecars. */
    private Path fixtureWithSession(String fixture, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(FIXTURES.resolve(fixture), copy, StandardCopyOption.REPLACE_EXISTING);
        Recordings.attachSession(copy, SessionSamples.rich());
        return copy;
    }

    private static List<Annotation> plainAnnotations(Path file) throws IOException {
        try (RecordingReader r = Recordings.open(file)) {
            return r.info().annotations();
        }
    }

    private static void convert(Path from, Path to) throws IOException {
        try (RecordingReader source = Recordings.open(from)) {
            assertEquals(List.of(), source.info().warnings(), "source " + from.getFileName());
            Recordings.write(source, to, ProgressListener.NONE);
        }
    }

    @Test
    void edfToXdfKeepsTheSessionExactly() throws IOException {
        Path edf = fixtureWithSession("edf/test_generator.edf", "sub-01_ses-1_task-ketamine_eeg.edf");
        Path xdf = dir.resolve("converted.xdf");
        convert(edf, xdf);
        try (RecordingReader raw = RecordingFormats.open(xdf)) {
            assertEquals(SessionSamples.rich(), raw.info().session(), "stored natively in the marker stream desc");
            assertTrue(raw.info().annotations().stream().anyMatch(a -> a.text().startsWith("PHASE BASELINE end=")));
        }
        try (RecordingReader back = Recordings.open(xdf)) {
            assertEquals(SessionSamples.rich(), back.info().session());
            assertEquals(List.of(), back.info().warnings(), "markers and header description agree");
            assertEquals(List.of("Recording starts", "Recording ends"),
                    back.info().annotations().stream().map(Annotation::text).toList());
        }
    }

    @Test
    void edfToEdfPlusKeepsTheSessionToTheEdfTimeResolution() throws IOException {
        Path edf = fixtureWithSession("edf/test_generator.edf", "source.edf");
        Path out = dir.resolve("converted.edf");
        convert(edf, out);
        try (RecordingReader raw = RecordingFormats.open(out)) {
            assertEquals(SessionTimeline.EMPTY, raw.info().session(), "EDF+ holds the session as annotations only");
            for (Annotation a : raw.info().annotations()) {
                for (byte b : a.text().getBytes(StandardCharsets.UTF_8)) assertTrue(b != 0 && b != 20 && b != 21);
            }
        }
        try (RecordingReader back = Recordings.open(out)) {
            assertEquals(List.of(), back.info().warnings());
            SessionAssertions.assertSameUpToTimes(SessionSamples.rich(), back.info().session(), EDF_TIME_TOLERANCE_SECONDS);
            assertEquals(plainAnnotations(edf), back.info().annotations());
        }
    }

    @Test
    void plainEdfBecomesEdfPlusWithTheSessionAndTheSameSamples() throws IOException {
        Path edf = fixtureWithSession("edf/short_psg.edf", "psg.edf");
        Path out = dir.resolve("psg-with-session.edf");
        convert(edf, out);
        try (RecordingReader source = Recordings.open(edf); RecordingReader back = Recordings.open(out)) {
            SessionAssertions.assertSameUpToTimes(SessionSamples.rich(), back.info().session(), EDF_TIME_TOLERANCE_SECONDS);
            assertEquals(source.info().channels().size(), back.info().channels().size());
            int n = 3000;
            double[][] a = new double[source.info().streams().get(0).info().channelCount()][n];
            double[][] b = new double[a.length][n];
            source.readSamples(0, 0, n, a, 0);
            back.readSamples(0, 0, n, b, 0);
            for (int c = 0; c < a.length; c++) assertArrayEquals(a[c], b[c], "channel " + c);
        }
    }

    @Test
    void bdfToBdfPlusKeepsTheSession() throws IOException {
        Path bdf = fixtureWithSession("bdf/test_generator.bdf", "source.bdf");
        Path out = dir.resolve("converted.bdf");
        convert(bdf, out);
        try (RecordingReader back = Recordings.open(out)) {
            assertEquals(List.of(), back.info().warnings());
            SessionAssertions.assertSameUpToTimes(SessionSamples.rich(), back.info().session(), EDF_TIME_TOLERANCE_SECONDS);
        }
    }

    @Test
    void chainEdfToXdfToXdfToEdfKeepsOneSession() throws IOException {
        Path edf = fixtureWithSession("edf/test_generator.edf", "chain.edf");
        Path xdf1 = dir.resolve("chain1.xdf");
        Path xdf2 = dir.resolve("chain2.xdf");
        Path edf2 = dir.resolve("chain3.edf");
        convert(edf, xdf1);
        convert(xdf1, xdf2);
        convert(xdf2, edf2);
        try (RecordingReader raw = RecordingFormats.open(xdf2)) {
            long descriptions = raw.info().streams().stream()
                    .filter(s -> s.info().property("desc_xml").contains("<liminal_session>")).count();
            assertEquals(1, descriptions, "one session description after XDF to XDF");
            long headers = raw.info().annotations().stream()
                    .filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count();
            assertEquals(SessionAnnotations.encode(SessionSamples.rich()).stream()
                    .filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count(), headers,
                    "session markers are not duplicated");
        }
        try (RecordingReader back = Recordings.open(xdf2)) {
            assertEquals(SessionSamples.rich(), back.info().session());
            assertEquals(List.of(), back.info().warnings());
        }
        try (RecordingReader back = Recordings.open(edf2)) {
            assertEquals(List.of(), back.info().warnings());
            SessionAssertions.assertSameUpToTimes(SessionSamples.rich(), back.info().session(), EDF_TIME_TOLERANCE_SECONDS);
        }
    }

    @Test
    void xdfHoldsASessionEvenWithoutAnyAnnotation() throws IOException {
        Path xdf = dir.resolve("only-session.xdf");
        // the format's own writer, not Recordings: nothing is encoded as annotations
        RecordingFormats.byId("xdf").orElseThrow().write(RecordingSamples.eeg(List.of(), SessionSamples.rich()), xdf,
                WriteOptions.DEFAULT, ProgressListener.NONE);
        try (RecordingReader raw = RecordingFormats.open(xdf)) {
            assertEquals(List.of(), raw.info().annotations());
            assertEquals(SessionSamples.rich(), raw.info().session());
        }
    }

    @Test
    void editedSessionOfAnXdfSourceReplacesTheOldOneInEdfPlusAndXdf() throws IOException {
        Path edf = fixtureWithSession("edf/test_generator.edf", "edit.edf");
        Path xdf = dir.resolve("edit.xdf");
        convert(edf, xdf);
        for (String target : new String[] {"edited.edf", "edited.xdf"}) {
            Path out = dir.resolve(target);
            try (RecordingReader source = Recordings.withSession(Recordings.open(xdf), SessionSamples.simple())) {
                Recordings.write(source, out, ProgressListener.NONE);
            }
            try (RecordingReader raw = RecordingFormats.open(out)) {
                assertEquals(1, raw.info().annotations().stream()
                        .filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count(), "one header in " + target);
            }
            try (RecordingReader back = Recordings.open(out)) {
                assertEquals(List.of(), back.info().warnings(), target);
                SessionAssertions.assertSameUpToTimes(SessionSamples.simple(), back.info().session(),
                        EDF_TIME_TOLERANCE_SECONDS);
                assertEquals(List.of("Recording starts", "Recording ends"),
                        back.info().annotations().stream().map(Annotation::text).toList(), target);
            }
        }
    }

    @Test
    void foreignMarkersThatLookLikeSessionTextSurviveConversion() throws IOException {
        Path xdf = dir.resolve("foreign.xdf");
        List<Annotation> foreign = List.of(new Annotation(1, "EYES CLOSED"), new Annotation(2, "EVENT 7"));
        RecordingFormats.byId("xdf").orElseThrow().write(RecordingSamples.eeg(foreign, SessionTimeline.EMPTY), xdf,
                WriteOptions.DEFAULT, ProgressListener.NONE);
        Path copy = dir.resolve("foreign-copy.xdf");
        convert(xdf, copy);
        try (RecordingReader back = Recordings.open(copy)) {
            assertEquals(SessionTimeline.EMPTY, back.info().session());
            assertEquals(List.of("EYES CLOSED", "EVENT 7"),
                    back.info().annotations().stream().map(Annotation::text).toList());
        }
    }
}
