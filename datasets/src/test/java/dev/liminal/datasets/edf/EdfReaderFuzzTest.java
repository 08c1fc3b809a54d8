package dev.liminal.datasets.edf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzz target for the EDF/BDF reader: any bytes must either read or fail with a
 * {@link RecordingFormatException}, quickly. Inputs that start with an EDF or BDF version field
 * are used as whole files (the seeds in {@code EdfReaderFuzzTestInputs} are small valid files);
 * any other input is read as patches (offset, length, bytes) applied to a valid EDF+ or BDF
 * template, so the fuzzer spends its time on headers and TALs that almost parse.
 *
 * <p>Without {@code JAZZER_FUZZ} set, JUnit runs only the seeds (regression mode, part of
 * {@code mvn test}).
 */
class EdfReaderFuzzTest {
    /** One input must be handled within this time (it is at most a few kilobytes). */
    static final long MAX_NANOS_PER_INPUT = 5_000_000_000L;
    /** Samples read per call when reading everything. */
    static final int CHUNK = 1024;

    private static final byte[] EDF_TEMPLATE = SyntheticEdf.edf().reserved("EDF+C").recordSeconds("0.5")
            .patient("P1 F 01-JAN-1990 Jane_Doe").signal("EEG Cz", "uV", "-100", "100", "-2048", "2047", 4)
            .signal("Resp", "", "0", "1", "0", "1", 1).annotations(16)
            .record(new int[] {1, -2, 3, -4}, new int[] {1}, "+0\u0014\u0014\u0000+0.1\u00150.2\u0014a\u0014\u0000")
            .record(new int[] {5, 6, 7, 8}, new int[] {0}, "+0.5\u0014\u0014\u0000")
            .bytes();
    private static final byte[] BDF_TEMPLATE = SyntheticEdf.bdf().reserved("BDF+D")
            .signal("A1", "uV", "-262144", "262144", "-8388608", "8388607", 2)
            .signal("Status", "Boolean", "-8388608", "8388607", "-8388608", "8388607", 2).annotations(6)
            .record(new int[] {-1, 1}, new int[] {255, 254}, "+0\u0014\u0014\u0000")
            .record(new int[] {-3, 3}, new int[] {255, 255}, "+3\u0014\u0014\u0000")
            .bytes();

    @FuzzTest(maxDuration = "10s")
    void readerEitherReadsOrRejectsAnyInput(byte[] input) throws IOException {
        byte[] file = EdfDialect.ofHead(input) != null ? input : patched(input);
        boolean bdf = EdfDialect.ofHead(file) == EdfDialect.BDF;
        Path temp = Files.createTempFile("liminal-fuzz-", bdf ? ".bdf" : ".edf");
        long start = System.nanoTime();
        try {
            Files.write(temp, file);
            EdfFamilyFormat format = bdf ? new BdfFormat() : new EdfFormat();
            try (RecordingReader r = format.open(temp)) {
                readEverything(r);
            } catch (RecordingFormatException expected) {
                // Rejecting damaged input with a located message is the contract.
                if (expected.getMessage().contains("\n")) throw new AssertionError("message spans lines: " + expected);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        long took = System.nanoTime() - start;
        if (took > MAX_NANOS_PER_INPUT) {
            throw new AssertionError("a " + file.length + "-byte input took " + took / 1e9 + " s");
        }
    }

    private static void readEverything(RecordingReader r) throws IOException {
        r.info().annotations().forEach(a -> a.text().length());
        for (RecordedStream s : r.info().streams()) {
            int channels = s.info().channelCount();
            double[][] buf = new double[channels][CHUNK];
            double[] times = new double[CHUNK];
            for (long first = 0; first < s.sampleCount(); first += CHUNK) {
                int n = (int) Math.min(CHUNK, s.sampleCount() - first);
                r.readSamples(s.index(), first, n, buf, 0);
                r.readTimestamps(s.index(), first, n, times, 0);
            }
        }
    }

    /** The template chosen by the first byte, with patches (2-byte offset, 1-byte length, bytes) applied. */
    private static byte[] patched(byte[] input) {
        if (input.length == 0) return EDF_TEMPLATE.clone();
        byte[] out = ((input[0] & 1) == 0 ? EDF_TEMPLATE : BDF_TEMPLATE).clone();
        int p = 1;
        while (p + 3 <= input.length) {
            int offset = ((input[p] & 0xFF) << 8 | (input[p + 1] & 0xFF));
            int length = input[p + 2] & 0xFF;
            p += 3;
            if (offset == 0xFFFF) {
                // Truncate to `length` percent of the template.
                out = Arrays.copyOf(out, out.length * Math.min(100, length) / 100);
                continue;
            }
            int n = Math.min(length, input.length - p);
            if (offset + n > out.length) out = Arrays.copyOf(out, offset + n);
            System.arraycopy(input, p, out, offset, n);
            p += n;
        }
        return out;
    }
}
