package dev.liminal.datasets.brainvision;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.ReadWholeRecording;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Fuzzes the BrainVision reader with hostile header, marker and data files. An input holds the
 * three files one after the other, split at {@link #SEPARATOR}; a missing part means a missing
 * file. Anything but a {@link RecordingFormatException} (or a hang or memory blow-up, which
 * Jazzer reports) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds below as ordinary tests; the build runs it
 * once more with {@code JAZZER_FUZZ=1} for {@code liminal.fuzz.seconds} (see datasets/pom.xml).
 */
class BrainVisionReaderFuzzTest {
    /** Splits the fuzz input into .vhdr, .vmrk and .eeg parts. */
    static final byte[] SEPARATOR = "\n#####\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    /** Seeds: the real Vision Recorder files cut to a few samples, and small variants of each layout. */
    static Stream<Arguments> seeds() throws IOException {
        Path fixtures = Path.of("src/test/resources/fixtures/brainvision");
        String header = Files.readString(fixtures.resolve("test.vhdr"), StandardCharsets.UTF_8);
        header = header.substring(0, header.indexOf("[Comment]"));
        byte[] eeg = Arrays.copyOf(Files.readAllBytes(fixtures.resolve("test.eeg")), 8 * 32 * 2);
        String markers = Files.readString(fixtures.resolve("test.vmrk"), StandardCharsets.UTF_8);

        String small = "Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\nCodepage=ANSI\n"
                + "DataFile=f.eeg\nMarkerFile=f.vmrk\nDataFormat=BINARY\nDataOrientation=VECTORIZED\n"
                + "NumberOfChannels=2\nDataPoints=4\nSamplingInterval=4000\n[Binary Infos]\nBinaryFormat=INT_32\n"
                + "[Channel Infos]\nCh1=F\\1z,REF,0.1,mV\nCh2=GSR,,,\u00B5S\n";
        String smallMarkers = "Brain Vision Data Exchange Marker File, Version 1.0\n[Marker Infos]\n"
                + "Mk1=New Segment,,1,1,0,20240102030405000000\nMk2=Stimulus,S\\11,2,1,2\n"
                + "Mk3=New Segment,,3,1,0,20240102030415500000\n";
        ByteBuffer ints = ByteBuffer.allocate(2 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) ints.putInt(i * 1000 - 3000);
        String floats = small.replace("Codepage=ANSI", "Codepage=UTF-8").replace("VECTORIZED", "MULTIPLEXED")
                .replace("INT_32", "IEEE_FLOAT_32\nUseBigEndianOrder=YES");
        ByteBuffer f32 = ByteBuffer.allocate(2 * 4 * 4).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 8; i++) f32.putFloat(i * 0.5f - 1);

        String ascii = small.replace("DataFormat=BINARY", "DataFormat=ASCII").replace("VECTORIZED", "MULTIPLEXED")
                .replace("[Channel Infos]", "[ASCII Infos]\nDecimalSymbol=,\nSkipLines=1\nSkipColumns=1\n[Channel Infos]");
        String asciiData = "time Fz GSR\n0 1,5 -2\n4 2,5 -3\n8 3,5e2 4\n";

        return Stream.of(
                seed("real header, 8 samples", join(header.replace("test.", "f.").getBytes(StandardCharsets.UTF_8),
                        markers.getBytes(StandardCharsets.UTF_8), eeg)),
                seed("vectorized INT_32 in ANSI", join(small.getBytes(StandardCharsets.ISO_8859_1),
                        smallMarkers.getBytes(StandardCharsets.UTF_8), ints.array())),
                seed("big-endian float, odd size, no markers", join(floats.getBytes(StandardCharsets.UTF_8),
                        Arrays.copyOf(f32.array(), 31))),
                seed("ASCII with decimal comma", join(ascii.getBytes(StandardCharsets.ISO_8859_1),
                        smallMarkers.getBytes(StandardCharsets.UTF_8), asciiData.getBytes(StandardCharsets.US_ASCII))));
    }

    @MethodSource("seeds")
    // no line breaks in entries: Jazzer 0.22.1 writes them unescaped into the libFuzzer dictionary
    @DictionaryEntries({"[Common Infos]", "[Binary Infos]", "[Channel Infos]", "[Marker Infos]", "[ASCII Infos]",
        "[Comment]", "DataFile=f.eeg", "MarkerFile=f.vmrk", "NumberOfChannels=", "SamplingInterval=", "DataPoints=",
        "DataOrientation=VECTORIZED", "BinaryFormat=INT_32", "BinaryFormat=IEEE_FLOAT_32", "BinaryFormat=UINT_16",
        "UseBigEndianOrder=YES", "DataFormat=ASCII", "DecimalSymbol=,", "SkipLines=", "SkipColumns=", "Codepage=UTF-8", "Codepage=ANSI", "New Segment", "\\1", "#####"})
    @FuzzTest(maxDuration = "10s")
    void opensAndReadsAnyInputWithoutUnexpectedExceptions(byte[] input) throws IOException {
        byte[][] parts = split(input);
        Path vhdr = dir.resolve("f.vhdr");
        Files.write(vhdr, parts[0]);
        writeOrDelete(dir.resolve("f.vmrk"), parts[1]);
        writeOrDelete(dir.resolve("f.eeg"), parts[2]);
        BrainVisionFormat format = new BrainVisionFormat();
        format.probe(vhdr, Arrays.copyOf(parts[0], Math.min(parts[0].length, 256)));
        try (RecordingReader reader = format.open(vhdr)) {
            ReadWholeRecording.readAll(reader);
        } catch (RecordingFormatException expected) {
            // malformed input, reported as documented
        }
    }

    private static Arguments seed(String name, byte[] bytes) {
        return Arguments.of(Named.of(name, bytes));
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) out.writeBytes(SEPARATOR);
            out.writeBytes(parts[i]);
        }
        return out.toByteArray();
    }

    /** The input cut at the first two separators; absent parts are null. */
    private static byte[][] split(byte[] input) {
        byte[][] parts = new byte[3][];
        int from = 0;
        for (int p = 0; p < 2; p++) {
            int at = indexOf(input, SEPARATOR, from);
            if (at < 0) {
                parts[p] = Arrays.copyOfRange(input, from, input.length);
                return parts;
            }
            parts[p] = Arrays.copyOfRange(input, from, at);
            from = at + SEPARATOR.length;
        }
        parts[2] = Arrays.copyOfRange(input, from, input.length);
        return parts;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static void writeOrDelete(Path file, byte[] content) throws IOException {
        if (content == null) {
            Files.deleteIfExists(file);
        } else {
            Files.write(file, content);
        }
    }
}
