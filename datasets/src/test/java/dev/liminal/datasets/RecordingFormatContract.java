package dev.liminal.datasets;

import dev.liminal.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link RecordingFormat} keeps (ARCHITECTURE.md "Extension points"): one
 * subclass per implementation supplies the format and a valid sample file written by other
 * software. Shipped in the datasets test-jar so formats in other modules can reuse it.
 */
public abstract class RecordingFormatContract {

    /** The format under test. */
    protected abstract RecordingFormat format();

    /** A valid recording of this format, written by other software. */
    protected abstract Path sampleFile();

    /**
     * Whether sample times never decrease. True for formats whose times follow from a rate;
     * formats that store the sender's timestamps override this where jitter can reorder them.
     */
    protected boolean timestampsNeverDecrease() {
        return true;
    }

    /** Samples per read in the chunked-read check; small enough to cross record/chunk borders. */
    private static final int ODD_CHUNK = 997;

    @TempDir
    protected Path tmp;

    @Test
    void isRegisteredWithTheServiceLoader() {
        assertTrue(RecordingFormats.all().stream().anyMatch(f -> f.getClass() == format().getClass()),
                format().getClass() + " missing from META-INF/services");
        assertEquals(format().getClass(), RecordingFormats.byId(format().id()).orElseThrow().getClass());
    }

    @Test
    void probeAcceptsTheSampleAndRejectsGarbageWithoutThrowing() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(sampleFile()), RecordingFormats.PROBE_BYTES);
        assertTrue(format().probe(sampleFile(), head));
        byte[] garbage = new byte[RecordingFormats.PROBE_BYTES];
        new Random(1).nextBytes(garbage);
        assertFalse(format().probe(tmp.resolve("x.bin"), garbage));
        assertFalse(format().probe(tmp.resolve("x.bin"), new byte[0]));
    }

    @Test
    void infoIsConsistentWithTheStreams() throws IOException {
        try (RecordingReader r = format().open(sampleFile())) {
            RecordingInfo info = r.info();
            assertEquals(format().id(), info.formatId());
            for (RecordedStream s : info.streams()) {
                if (!s.info().isIrregular() && s.sampleCount() > 0) {
                    long covered = s.segments().stream().mapToLong(Segment::sampleCount).sum();
                    assertEquals(s.sampleCount(), covered, "segments of stream " + s.index() + " cover every sample");
                }
            }
            assertTrue(info.durationSeconds() >= 0, "duration " + info.durationSeconds());
        }
    }

    @Test
    void chunkedReadsEqualOneWholeRead() throws IOException {
        try (RecordingReader r = format().open(sampleFile())) {
            for (RecordedStream s : r.info().streams()) {
                if (!s.info().format().isNumeric() || s.sampleCount() == 0) continue;
                int n = (int) Math.min(s.sampleCount(), 50_000);
                int ch = s.info().channelCount();
                double[][] whole = new double[ch][n];
                r.readSamples(s.index(), 0, n, whole, 0);
                double[][] parts = new double[ch][n];
                for (int off = 0; off < n; off += ODD_CHUNK) {
                    r.readSamples(s.index(), off, Math.min(ODD_CHUNK, n - off), parts, off);
                }
                for (int c = 0; c < ch; c++) assertArrayEquals(whole[c], parts[c], "stream " + s.index() + " channel " + c);
                double[] t = new double[n];
                r.readTimestamps(s.index(), 0, n, t, 0);
                for (int k = 0; k < n; k++) {
                    assertTrue(Double.isFinite(t[k]), "timestamp of stream " + s.index() + " sample " + k + ": " + t[k]);
                    if (k > 0 && timestampsNeverDecrease()) {
                        assertTrue(t[k] >= t[k - 1], "timestamps of stream " + s.index() + " decrease at sample " + k);
                    }
                }
            }
        }
    }

    @Test
    void spansOutsideAStreamAreRejectedQuotingTheSpan() throws IOException {
        try (RecordingReader r = format().open(sampleFile())) {
            for (RecordedStream s : r.info().streams()) {
                if (!s.info().format().isNumeric()) continue;
                double[][] dst = new double[s.info().channelCount()][2];
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> r.readSamples(s.index(), s.sampleCount() - 1, 2, dst, 0));
                assertTrue(e.getMessage().contains(String.valueOf(s.sampleCount())), e.getMessage());
                return;
            }
        }
    }

    @Test
    void truncatedCopiesOpenOrFailWithAFormatExceptionOnly() throws IOException {
        byte[] all = Files.readAllBytes(sampleFile());
        Path cut = tmp.resolve(sampleFile().getFileName().toString());
        for (double fraction : new double[] {0.0, 0.01, 0.1, 0.5, 0.9, 0.999}) {
            Files.write(cut, Arrays.copyOf(all, (int) (all.length * fraction)));
            openAndReadEverything(cut, "truncated to " + fraction);
        }
    }

    @Test
    void randomBytesFailWithAFormatExceptionOnly() throws IOException {
        Random rnd = new Random(42);
        byte[] head = Files.readAllBytes(sampleFile());
        Path bad = tmp.resolve(sampleFile().getFileName().toString());
        for (int i = 0; i < 20; i++) {
            byte[] b = Arrays.copyOf(head, Math.min(head.length, 4096));
            for (int k = 0; k < 16; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
            Files.write(bad, b);
            openAndReadEverything(bad, "corrupted copy " + i);
        }
    }

    @Test
    void writtenCopiesReadBackWithTheSameShape() throws IOException {
        if (!format().canWrite()) return;
        Path out = tmp.resolve("copy." + format().extensions().get(0));
        try (RecordingReader src = format().open(sampleFile())) {
            format().write(src, out, WriteOptions.DEFAULT, ProgressListener.NONE);
            try (RecordingReader back = format().open(out)) {
                assertEquals(src.info().channels().size(),
                        back.info().channels().size(), "channel count");
            }
        }
    }

    /** Opens {@code file} and reads every stream; only {@link RecordingFormatException} may escape. */
    protected void openAndReadEverything(Path file, String what) {
        try (RecordingReader r = format().open(file)) {
            for (RecordedStream s : r.info().streams()) {
                long n = Math.min(s.sampleCount(), 1_000_000);
                if (s.info().format().isNumeric()) {
                    double[][] dst = new double[s.info().channelCount()][(int) n];
                    r.readSamples(s.index(), 0, (int) n, dst, 0);
                } else {
                    r.readStrings(s.index(), 0, (int) n);
                }
            }
        } catch (RecordingFormatException expected) {
            String msg = expected.getMessage();
            assertTrue(msg.contains(file.getFileName().toString()), what + ": message names the file: " + msg);
            assertFalse(msg.contains("\n"), what + ": message is one line: " + msg);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            fail(what + ": " + e.getClass().getName() + " instead of RecordingFormatException", e);
        }
    }
}
