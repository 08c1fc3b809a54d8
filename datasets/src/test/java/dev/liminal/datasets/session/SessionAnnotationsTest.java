package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionTimeline;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionAnnotationsTest {
    private static final long SHUFFLE_SEED = 7;

    @Test
    void richSessionRoundTripsExactly() {
        SessionTimeline rich = SessionSamples.rich();
        DecodedSession back = SessionAnnotations.decode(SessionAnnotations.encode(rich));
        assertEquals(List.of(), back.warnings());
        assertEquals(List.of(), back.annotations());
        assertTrue(back.present());
        assertEquals(rich, back.session());
    }

    @Test
    void roundTripIgnoresAnnotationOrderAndKeepsPlainOnesInOrder() {
        List<Annotation> plain = List.of(new Annotation(5, "Stimulus/S  1"), new Annotation(5, 2.5, "eyes closed?", "Cz"),
                new Annotation(-1, Double.NaN, "EYES CLOSED", "Fp1"), new Annotation(99, "Unknown marker"));
        List<Annotation> all = new ArrayList<>(SessionAnnotations.encode(SessionSamples.rich()));
        all.addAll(plain);
        Collections.shuffle(all, new Random(SHUFFLE_SEED));
        DecodedSession back = SessionAnnotations.decode(all);
        assertEquals(SessionSamples.rich(), back.session());
        List<Annotation> expectedOrder = all.stream().filter(plain::contains).toList();
        assertEquals(expectedOrder, back.annotations());
        assertEquals(List.of(), back.warnings());
    }

    @Test
    void textsReadAsDocumented() {
        List<String> texts = SessionAnnotations.encode(SessionSamples.simple()).stream().map(Annotation::text).toList();
        assertEquals("SESSION {\"liminal_session\":1,\"instruments\":{\"CADSS\":\"34\"}}", texts.get(0));
        assertEquals(List.of("PHASE BASELINE end=600", "EYES CLOSED", "PHASE INFUSION end=3000",
                "DOSE 0.5 mg/kg IV RACEMIC_KETAMINE total=35 mg weight=70 kg infusion=2400 s tier=MODERATE",
                "PROBE dissociation rating=40 latency=3.2 s", "PROBE anxiety unanswered", "EVENT out of body now"),
                texts.subList(1, texts.size()));
    }

    @Test
    void intervalsCarryDurationsAndPointsNone() {
        List<Annotation> a = SessionAnnotations.encode(SessionSamples.simple());
        Annotation baseline = a.stream().filter(x -> x.text().equals("PHASE BASELINE end=600")).findFirst().orElseThrow();
        assertEquals(0.0, baseline.onsetSeconds());
        assertEquals(600.0, baseline.durationSeconds());
        Annotation dose = a.stream().filter(x -> x.text().startsWith("DOSE")).findFirst().orElseThrow();
        assertEquals(600.0, dose.onsetSeconds());
        assertEquals(2400.0, dose.durationSeconds());
        Annotation eyes = a.stream().filter(x -> x.text().startsWith("EYES")).findFirst().orElseThrow();
        assertFalse(eyes.hasDuration());
        assertEquals(0.0, a.get(0).onsetSeconds(), "the header sits at the earliest item");
        List<Annotation> rich = SessionAnnotations.encode(SessionSamples.rich());
        assertEquals(-12.5, rich.get(0).onsetSeconds(), "items before the recording come first");
        assertTrue(rich.stream().filter(x -> x.text().startsWith(SessionAnnotations.HEADER))
                .allMatch(x -> x.onsetSeconds() == 0), "but the header is never before 0");
    }

    @Test
    void everyTextIsOneLineOfUtf8WithoutTalSeparators() {
        for (Annotation a : SessionAnnotations.encode(SessionSamples.rich())) {
            byte[] utf8 = a.text().getBytes(StandardCharsets.UTF_8);
            for (byte b : utf8) {
                assertTrue(b != 0 && b != 20 && b != 21 && b != '\n' && b != '\r', () -> "byte " + b + " in " + a.text());
            }
            assertEquals(a.text(), new String(utf8, StandardCharsets.UTF_8));
        }
    }

    @Test
    void emptySessionEncodesToNothingButACustomProtocolAloneIsKept() {
        assertEquals(List.of(), SessionAnnotations.encode(SessionTimeline.EMPTY));
        SessionTimeline onlyProtocol = new SessionTimeline(new ProtocolDefinition("p", List.of("A")), List.of(),
                List.of(), SessionSamples.rich().tierTable(), List.of(), List.of(), List.of(), java.util.Map.of());
        List<Annotation> encoded = SessionAnnotations.encode(onlyProtocol);
        assertTrue(encoded.stream().allMatch(a -> a.text().startsWith(SessionAnnotations.HEADER)), encoded.toString());
        assertEquals(onlyProtocol, SessionAnnotations.decode(encoded).session());
    }

    @Test
    void withoutHeaderNothingIsDecoded() {
        List<Annotation> foreign = List.of(new Annotation(1, "EYES CLOSED"), new Annotation(2, "PHASE BASELINE"),
                new Annotation(3, "EVENT 7"));
        DecodedSession d = SessionAnnotations.decode(foreign);
        assertFalse(d.present());
        assertEquals(SessionTimeline.EMPTY, d.session());
        assertEquals(foreign, d.annotations());
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void corruptItemsStayPlainAnnotationsWithAWarningEach() {
        List<Annotation> in = new ArrayList<>(SessionAnnotations.encode(SessionSamples.simple()));
        List<Annotation> corrupt = List.of(
                new Annotation(10, "DOSE abc mg/kg IV RACEMIC_KETAMINE total=35 mg weight=70 kg infusion=0 s"),
                new Annotation(11, "DOSE 0.5 mg/kg IV RACEMIC_KETAMINE total=99 mg weight=70 kg infusion=0 s"),
                new Annotation(12, "DOSE 0.5 mg/kg IX RACEMIC_KETAMINE total=35 mg weight=70 kg infusion=0 s"),
                new Annotation(13, 5, "PHASE MUSIC", ""),
                new Annotation(300, 10, "PHASE EMERGENCE", ""),
                new Annotation(14, "PROBE calm rating=150 latency=1 s"),
                new Annotation(15, "PROBE calm rating=50"),
                new Annotation(16, "EYES HALF"),
                new Annotation(17, "SESSION {\"liminal_session\":1}"),
                new Annotation(18, "SESSION not json"));
        in.addAll(corrupt);
        DecodedSession d = SessionAnnotations.decode(in);
        assertEquals(SessionSamples.simple(), d.session());
        assertEquals(corrupt, d.annotations());
        assertEquals(corrupt.size(), d.warnings().size(), d.warnings().toString());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("overlaps phase BASELINE")), d.warnings().toString());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("rating 150.0")), d.warnings().toString());
    }

    @Test
    void brokenHeaderMeansNoSessionAndOneWarning() {
        List<Annotation> in = List.of(new Annotation(0, "SESSION {\"liminal_session\":2}"), new Annotation(1, "EYES OPEN"));
        DecodedSession d = SessionAnnotations.decode(in);
        assertFalse(d.present());
        assertEquals(in, d.annotations());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("not supported"), d.warnings().get(0));
    }

    @Test
    void doseTierIsDerivedFromTheTableAndAMismatchIsOnlyAWarning() {
        List<Annotation> in = new ArrayList<>(SessionAnnotations.encode(SessionSamples.simple()));
        in.replaceAll(a -> a.text().startsWith("DOSE") ? new Annotation(a.onsetSeconds(), a.durationSeconds(),
                a.text().replace("tier=MODERATE", "tier=HIGH"), "") : a);
        DecodedSession d = SessionAnnotations.decode(in);
        assertEquals(SessionSamples.simple(), d.session());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("tier HIGH"), d.warnings().get(0));
    }

    @Test
    void doseOutsideEveryTierHasNoTierText() {
        SessionTimeline s = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(),
                List.of(Dose.of(0.1, 70, Route.ORAL, Formulation.ESKETAMINE, 0, 5)), SessionSamples.simple().tierTable(),
                List.of(), List.of(), List.of(), java.util.Map.of());
        List<Annotation> a = SessionAnnotations.encode(s);
        assertEquals("DOSE 0.1 mg/kg ORAL ESKETAMINE total=7 mg weight=70 kg infusion=0 s", a.get(1).text());
        assertEquals(s, SessionAnnotations.decode(a).session());
    }

    @Test
    void escapesRoundTripAndLeaveStrayBackslashesAlone() {
        for (String s : new String[] {"", "plain", "a\\b", "\\u0041", "\u0000\u0014\u0015\u007f\n", "tail\\",
                "\\\\u0014", "🙂 ü"}) {
            assertEquals(s, SessionAnnotations.unescape(SessionAnnotations.escape(s)));
        }
        assertEquals("C:\\x", SessionAnnotations.unescape("C:\\x"));
        assertEquals("\u0014", SessionAnnotations.unescape("\\u0014"));
    }

    private static SessionTimeline withLongInstruments() {
        SessionTimeline rich = SessionSamples.rich();
        java.util.Map<String, String> instruments = new java.util.HashMap<>(rich.instruments());
        instruments.put("11D-ASC items", "item %d: ü ".repeat(40).formatted(java.util.stream.IntStream.range(0, 40)
                .boxed().toArray()) + "🙂 ");
        return new SessionTimeline(rich.protocol(), rich.phases(), rich.doses(), rich.tierTable(), rich.eyeStates(),
                rich.probes(), rich.events(), instruments);
    }

    @Test
    void longHeaderIsSplitIntoNumberedPartsThatRoundTripInAnyOrder() {
        SessionTimeline s = withLongInstruments();
        List<Annotation> encoded = SessionAnnotations.encode(s);
        List<Annotation> parts = encoded.stream().filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).toList();
        assertTrue(parts.size() > 3, "parts: " + parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String t = parts.get(i).text();
            assertTrue(t.startsWith("SESSION " + (i + 1) + "/" + parts.size() + " "), t);
            assertTrue(t.getBytes(StandardCharsets.UTF_8).length <= SessionAnnotations.MAX_HEADER_BYTES, t);
            assertFalse(Character.isWhitespace(t.charAt(t.length() - 1)), "no trailing blank: '" + t + "'");
            assertEquals(parts.get(0).onsetSeconds(), parts.get(i).onsetSeconds());
        }
        List<Annotation> shuffled = new ArrayList<>(encoded);
        Collections.shuffle(shuffled, new Random(SHUFFLE_SEED));
        DecodedSession d = SessionAnnotations.decode(shuffled);
        assertEquals(List.of(), d.warnings());
        assertEquals(s, d.session());
    }

    @Test
    void missingHeaderPartMeansNoSessionAndAWarningPerPart() {
        List<Annotation> encoded = new ArrayList<>(SessionAnnotations.encode(withLongInstruments()));
        encoded.removeIf(a -> a.text().startsWith("SESSION 2/"));
        long parts = encoded.stream().filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count();
        DecodedSession d = SessionAnnotations.decode(encoded);
        assertFalse(d.present());
        assertEquals(encoded, d.annotations());
        assertEquals(parts, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("without all the others"), d.warnings().get(0));
    }

    @Test
    void differingRepeatOfAHeaderPartIsKeptAsAnAnnotation() {
        List<Annotation> encoded = new ArrayList<>(SessionAnnotations.encode(withLongInstruments()));
        Annotation part1 = encoded.stream().filter(a -> a.text().startsWith("SESSION 1/")).findFirst().orElseThrow();
        String prefix = part1.text().substring(0, part1.text().indexOf(' ', "SESSION ".length()) + 1);
        Annotation first = new Annotation(part1.onsetSeconds(), prefix + "{\"other\":1}");
        encoded.add(first);
        DecodedSession d = SessionAnnotations.decode(encoded);
        assertEquals(withLongInstruments(), d.session());
        assertEquals(List.of(first), d.annotations());
        assertEquals(1, d.warnings().size());
    }

    @Test
    void trailingBlanksAndEmptyTextsSurviveReadersThatTrim() {
        SessionTimeline s = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(), List.of(),
                SessionSamples.simple().tierTable(), List.of(), List.of(),
                List.of(new dev.liminal.core.session.EventReport(1, "falling "), new dev.liminal.core.session.EventReport(2, "")),
                java.util.Map.of());
        List<Annotation> trimmed = SessionAnnotations.encode(s).stream()
                .map(a -> new Annotation(a.onsetSeconds(), a.durationSeconds(), a.text().strip(), a.channel())).toList();
        assertEquals(List.of("EVENT falling\\u0020", "EVENT"), trimmed.subList(1, 3).stream().map(Annotation::text).toList());
        assertEquals(s, SessionAnnotations.decode(trimmed).session());
    }

    @Test
    void formatsWithoutDurationsLoseNothing() {
        // XDF markers keep text and onset only
        List<Annotation> markers = SessionAnnotations.encode(SessionSamples.rich()).stream()
                .map(a -> new Annotation(a.onsetSeconds(), a.text())).toList();
        DecodedSession d = SessionAnnotations.decode(markers);
        assertEquals(List.of(), d.warnings());
        assertEquals(SessionSamples.rich(), d.session());
    }

    /** EDF+ writers keep onsets and durations to 7 decimals (100 ns). */
    private static final double EDF_RESOLUTION_SECONDS = 1e-7;

    private static double edfRounded(double seconds) {
        return Double.isNaN(seconds) ? seconds : new java.math.BigDecimal(seconds)
                .setScale(7, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    @Test
    void timesRoundedByAnEdfWriterKeepTheStructureWithoutWarnings() {
        // phases that touch at times needing more than 7 decimals (sample clock of 256 Hz)
        SessionTimeline s = new SessionTimeline(ProtocolDefinition.DEFAULT, List.of(
                new dev.liminal.core.session.SessionPhase("BASELINE", 77 / 256.0, 154 / 256.0),
                new dev.liminal.core.session.SessionPhase("INFUSION", 154 / 256.0, 0.1 + 0.2 + 1),
                new dev.liminal.core.session.SessionPhase("EMERGENCE", 0.1 + 0.2 + 1, 0.1 + 0.2 + 1),
                new dev.liminal.core.session.SessionPhase("RECOVERY", 0.1 + 0.2 + 1, Double.POSITIVE_INFINITY)),
                List.of(), SessionSamples.simple().tierTable(), List.of(), SessionSamples.rich().probes(),
                SessionSamples.rich().events(), java.util.Map.of());
        List<Annotation> rounded = SessionAnnotations.encode(s).stream().map(a -> new Annotation(
                edfRounded(a.onsetSeconds()), edfRounded(a.durationSeconds()), a.text(), a.channel())).toList();
        DecodedSession d = SessionAnnotations.decode(rounded);
        assertEquals(List.of(), d.warnings());
        SessionAssertions.assertSameUpToTimes(s, d.session(), EDF_RESOLUTION_SECONDS);
        SessionAssertions.assertSameUpToTimes(SessionSamples.rich(),
                SessionAnnotations.decode(SessionAnnotations.encode(SessionSamples.rich()).stream().map(a -> new Annotation(
                        edfRounded(a.onsetSeconds()), edfRounded(a.durationSeconds()), a.text(), a.channel())).toList())
                        .session(), EDF_RESOLUTION_SECONDS);
    }

    @Test
    void realOverlapsBeyondTheToleranceAreStillReported() {
        List<Annotation> in = new ArrayList<>(SessionAnnotations.encode(SessionSamples.simple()));
        in.add(new Annotation(600 - 2 * SessionAnnotations.PHASE_TOUCH_TOLERANCE_SECONDS, "PHASE EMERGENCE end=700"));
        DecodedSession d = SessionAnnotations.decode(in);
        assertEquals(1, d.warnings().size(), d.warnings().toString());
        assertTrue(d.warnings().get(0).contains("overlaps phase BASELINE"), d.warnings().get(0));
    }

    @Test
    void sessionAnnotationsStoredTwiceCountOnce() {
        List<Annotation> once = SessionAnnotations.encode(SessionSamples.rich());
        List<Annotation> twice = new ArrayList<>(once);
        for (Annotation a : once) {
            twice.add(new Annotation(a.onsetSeconds() + SessionAnnotations.PHASE_TOUCH_TOLERANCE_SECONDS / 2, a.text()));
        }
        twice.add(new Annotation(5, "plain"));
        twice.add(new Annotation(5, "plain"));
        DecodedSession d = SessionAnnotations.decode(twice);
        assertEquals(List.of(), d.warnings());
        assertEquals(SessionSamples.rich(), d.session());
        assertEquals(List.of(new Annotation(5, "plain"), new Annotation(5, "plain")), d.annotations());
    }

    @Test
    void withoutHeaderRepeatedSessionLookingTextsAreAllKept() {
        List<Annotation> foreign = List.of(new Annotation(1, "EYES CLOSED"), new Annotation(1, "EYES CLOSED"));
        assertEquals(foreign, SessionAnnotations.decode(foreign).annotations());
    }
}
