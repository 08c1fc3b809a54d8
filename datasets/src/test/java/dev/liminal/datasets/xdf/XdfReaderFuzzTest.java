package dev.liminal.datasets.xdf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for the XDF reader: any bytes, written to a file, must open and read completely
 * or fail with a {@link RecordingFormatException}; any other exception (or error) is a finding.
 * Seeds are in {@code XdfReaderFuzzTestInputs/<method>/} (minimal.xdf, empty_streams.xdf and a
 * truncated minimal.xdf). Under plain {@code mvn test} Jazzer runs the seeds (regression mode);
 * with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class XdfReaderFuzzTest {
    /** Samples read per call; reads are bounded by the file size in any case. */
    private static final int BLOCK = 1024;
    private static Path scratch;

    @FuzzTest(maxDuration = "10s")
    void readsAnyBytesFailingOnlyWithRecordingFormatException(byte[] data) throws IOException {
        Path file = scratchFile();
        Files.write(file, data);
        readEverything(file, XdfReadOptions.DEFAULT);
        readEverything(file, XdfReadOptions.DEFAULT.withDejitter(true).withBreakThreshold(0.01, 0));
    }

    private static void readEverything(Path file, XdfReadOptions options) throws IOException {
        try (RecordingReader r = XdfFormat.open(file, options)) {
            for (RecordedStream s : r.info().streams()) {
                int channels = s.info().channelCount();
                double[] t = new double[BLOCK];
                double[][] v = s.info().format().isNumeric() ? new double[channels][BLOCK] : null;
                for (long first = 0; first < s.sampleCount(); first += BLOCK) {
                    int n = (int) Math.min(BLOCK, s.sampleCount() - first);
                    r.readTimestamps(s.index(), first, n, t, 0);
                    if (v != null) r.readSamples(s.index(), first, n, v, 0);
                    else r.readStrings(s.index(), first, n);
                }
            }
        } catch (RecordingFormatException expected) {
            // malformed input, reported as it should be
        }
    }

    private static synchronized Path scratchFile() throws IOException {
        if (scratch == null) scratch = Files.createTempFile("liminal-xdf-fuzz", ".xdf");
        return scratch;
    }

    @AfterAll
    static void removeScratch() throws IOException {
        if (scratch != null) Files.deleteIfExists(scratch);
    }
}
