package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code convert} driven through the test scaffold format. */
class ConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsKeepingStreamsAnnotationsAndSessionAndPrintsOneLine() throws IOException {
        Path in = ScaffoldFiles.session(tmp);
        Path out = tmp.resolve("copy.lscaf");
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("liminal: warning: " + in + ": clock reset at 1.5 s\n", r.err(),
                "the source's warning, and no progress bar without a console");
        assertEquals(1, r.out().lines().count(), r.describe());
        assertTrue(r.out().matches("converted " + java.util.regex.Pattern.quote(in + " (LSCAF+S) to " + out)
                + " \\(LSCAF\\): 3 channels, 24 samples, 12 annotations in \\d+\\.\\d\\d s\\R"), r.out());
        ObjectNode before = infoJson(in);
        ObjectNode after = infoJson(out);
        for (ObjectNode j : List.of(before, after)) {
            j.remove(List.of("file", "format", "warnings", "properties"));
        }
        assertEquals(before, after);
        assertEquals(List.of(), leftovers(), "no temporary file is left behind");
    }

    @Test
    void replacesAnExistingOutput() throws IOException {
        Path in = ScaffoldFiles.session(tmp);
        Path out = tmp.resolve("copy.lscaf");
        Files.writeString(out, "old content");
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(Files.readString(out).startsWith(ScaffoldTextFormat.MAGIC));
    }

    @Test
    void refusesAnUnknownOutputExtensionNamingTheWritableOnes() throws IOException {
        Path in = ScaffoldFiles.session(tmp);
        Path out = tmp.resolve("out.foo");
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: " + out + ": cannot write '.foo' files (writable: "), r.describe());
        assertTrue(r.err().contains(".lscaf"), r.describe());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesToOverwriteTheInput() throws IOException {
        Path in = ScaffoldFiles.session(tmp);
        byte[] original = Files.readAllBytes(in);
        CliRun r = CliRun.of("convert", in.toString(), tmp.resolve(".").resolve(in.getFileName()).toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().contains("is the input file; refusing to overwrite it"), r.describe());
        assertArrayEquals(original, Files.readAllBytes(in));
    }

    @Test
    void writerFailureLeavesNeitherOutputNorTemporaryFileAndNamesTheOutput() throws IOException {
        Path in = tmp.resolve("in.lscaf");
        Files.writeString(in, ScaffoldTextFormat.MAGIC + "\nstream ok|EEG|10|float32||Cz:uV\n"
                + "stream odd|" + ScaffoldTextFormat.UNWRITABLE_TYPE + "|10|float32||X:uV\ndata 0|0|1\ndata 1|0|2\n",
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.lscaf");
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(List.of("liminal: " + out.toAbsolutePath().normalize() + ": cannot represent stream 'odd' of type "
                + ScaffoldTextFormat.UNWRITABLE_TYPE), r.errLines());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void rejectsANonPositiveRecordDuration() throws IOException {
        Path in = ScaffoldFiles.session(tmp);
        CliRun r = CliRun.of("convert", "--record-seconds", "0", in.toString(), tmp.resolve("o.lscaf").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("liminal: --record-seconds: data record duration 0.0 s"), r.describe());
    }

    @Test
    void missingInputIsBadInputNamingIt() {
        Path in = tmp.resolve("absent.lscaf");
        CliRun r = CliRun.of("convert", in.toString(), tmp.resolve("o.lscaf").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(List.of("liminal: " + in + ": no such file"), r.errLines());
    }

    private ObjectNode infoJson(Path file) throws IOException {
        CliRun r = CliRun.of("info", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode j = new ObjectMapper().readTree(r.out());
        return (ObjectNode) j;
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".part")).toList();
        }
    }
}
