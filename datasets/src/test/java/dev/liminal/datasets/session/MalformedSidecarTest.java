package dev.liminal.datasets.session;

import dev.liminal.core.Annotation;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingFormatException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random damage to valid sidecars and annotations: every damaged input either parses or
 * gives a {@link RecordingFormatException} (sidecars) or warnings (annotations), never another
 * exception, and quickly.
 */
class MalformedSidecarTest {
    private static final long SEED = 0x5E5510L;
    private static final int MUTANTS = 800;
    /** Generous bound for one parse of a few kilobytes; a hang or blow-up would take far longer. */
    private static final long MAX_NANOS_PER_PARSE = 2_000_000_000L;
    private static final Path FILE = Path.of("mutant");

    @Test
    void damagedSessionJsonGivesOnlyRecordingFormatExceptions() {
        byte[] valid = SessionJson.toBytes(SessionSamples.rich());
        SplittableRandom random = new SplittableRandom(SEED);
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = mutate(valid, random);
            long t0 = System.nanoTime();
            try {
                SessionJson.parse(m, FILE);
            } catch (RecordingFormatException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("mutant"), e.getMessage());
                assertTrue(e.getMessage().indexOf('\n') < 0, () -> "one line: " + e.getMessage());
            }
            assertTrue(System.nanoTime() - t0 < MAX_NANOS_PER_PARSE);
        }
        assertTrue(rejected > MUTANTS / 2, "most mutants are invalid: " + rejected);
    }

    @Test
    void damagedEventsTableGivesOnlyRecordingFormatExceptions() {
        byte[] valid = EventsTsv.toTsv(List.of(new Annotation(3, "x")), SessionSamples.rich())
                .getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = mutate(valid, random);
            SessionTimeline context = random.nextBoolean() ? SessionSamples.rich() : null;
            try {
                EventsTsv.parse(m, FILE, context);
            } catch (RecordingFormatException e) {
                assertTrue(e.getMessage().startsWith("mutant"), e.getMessage());
                assertTrue(e.getMessage().indexOf('\n') < 0, () -> "one line: " + e.getMessage());
            }
        }
    }

    @Test
    void damagedAnnotationTextsNeverThrow() {
        List<Annotation> valid = SessionAnnotations.encode(SessionSamples.rich());
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int i = 0; i < MUTANTS / 3; i++) {
            List<Annotation> damaged = new ArrayList<>();
            for (Annotation a : valid) {
                if (random.nextInt(4) == 0) {
                    String text = new String(mutate(a.text().getBytes(StandardCharsets.UTF_8), random),
                            StandardCharsets.UTF_8);
                    double duration = random.nextInt(5) == 0 ? Double.NaN : a.durationSeconds();
                    damaged.add(new Annotation(a.onsetSeconds() + random.nextInt(3) - 1, duration, text, a.channel()));
                } else {
                    damaged.add(a);
                }
            }
            DecodedSession d = SessionAnnotations.decode(damaged);
            // every annotation is either decoded into exactly one item (or the header) or kept
            long header = damaged.stream().filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count()
                    - d.annotations().stream().filter(a -> a.text().startsWith(SessionAnnotations.HEADER)).count();
            assertEquals(damaged.size(), d.annotations().size() + count(d) + header, d.warnings().toString());
        }
    }

    private static int count(DecodedSession d) {
        SessionTimeline s = d.session();
        return s.phases().size() + s.doses().size() + s.eyeStates().size() + s.probes().size() + s.events().size();
    }

    /** One to four random edits: flip a byte, insert a structural byte, delete or duplicate a run, truncate. */
    private static byte[] mutate(byte[] in, SplittableRandom random) {
        byte[] b = in.clone();
        int edits = 1 + random.nextInt(4);
        final byte[] structural = "{}[],:\"\\\t\n-.eE0n/a".getBytes(StandardCharsets.US_ASCII);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = structural[random.nextInt(structural.length)];
                case 2 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at + len);
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }
}
