package dev.liminal.datasets.openbci;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.ReadWholeRecording;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes the OpenBCI GUI text reader: the input is the file. Anything but a
 * {@link RecordingFormatException} (or a hang or memory blow-up, which Jazzer reports) is a
 * finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds below as ordinary tests; the build runs it
 * once more with {@code JAZZER_FUZZ=1} for {@code liminal.fuzz.seconds} (see datasets/pom.xml).
 */
class OpenBciReaderFuzzTest {

    @TempDir
    static Path dir;

    /** Seeds: the head of the real v6 recording, a v4 file, and a file with lost packets and a marker. */
    static Stream<Arguments> seeds() throws IOException {
        List<String> real = Files.readAllLines(Path.of(
                "src/test/resources/fixtures/openbci/OpenBCI_GUI-v6-blinks-jawClench-alpha.txt"), StandardCharsets.ISO_8859_1);
        String head = String.join("\r\n", real.subList(0, 5 + 12)) + "\r\n";
        String v4 = "%OpenBCI Raw EEG Data\n%Number of channels = 2\n%Sample Rate = 250.0 Hz\n"
                + "%First Column = SampleIndex\n%Last Column = Timestamp \n"
                + "0, 1.5, -2.5, 0.000, 0.000, 0.000, 15:38:14.406, 1700000000000\n"
                + "1, 3.5, -4.5, 0.100, 0.200, 0.300, 15:38:14.410, 1700000000004\n";
        String gaps = "%OpenBCI Raw EXG Data\n%Number of channels = 1\n%Sample Rate = 125 Hz\n"
                + "Sample Index, EXG Channel 0, Accel Channel 0, Timestamp, Marker Channel\n"
                + "254, 1.0, 0.1, 1700000000000, 0\n255, 2.0, 0.1, 1700000000008, 0\n3, 3.0, 0.1, 1700000000040, 5\n"
                + "4, 4.0, 0.2, 1700000000048, 0\n4, 5.0, 0.2, 1700000000056, 0\n";
        return Stream.of(seed("real v6 head", head), seed("v4 without titles", v4), seed("lost packets and a marker", gaps));
    }

    @MethodSource("seeds")
    // no line breaks in entries: Jazzer 0.22.1 writes them unescaped into the libFuzzer dictionary
    @DictionaryEntries({"%OpenBCI Raw EXG Data", "%OpenBCI Raw EEG Data", "%Number of channels = ",
        "%Sample Rate = ", " Hz", "%Board = OpenBCI_GUI$Board", "Sample Index", "EXG Channel ", "Accel Channel ",
        "Timestamp", "Marker Channel", ", "})
    @FuzzTest(maxDuration = "10s")
    void opensAndReadsAnyInputWithoutUnexpectedExceptions(byte[] input) throws IOException {
        Path file = dir.resolve("fuzz.txt");
        Files.write(file, input);
        OpenBciFormat format = new OpenBciFormat();
        format.probe(file, Arrays.copyOf(input, Math.min(input.length, 256)));
        try (RecordingReader reader = format.open(file)) {
            ReadWholeRecording.readAll(reader);
        } catch (RecordingFormatException expected) {
            // malformed input, reported as documented
        }
    }

    private static Arguments seed(String name, String text) {
        return Arguments.of(Named.of(name, text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
