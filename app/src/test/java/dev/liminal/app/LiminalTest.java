package dev.liminal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiminalTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEverySubcommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("info"), r.describe());
        assertTrue(r.out().contains("convert"), r.describe());
        assertTrue(r.out().contains("--debug"), r.describe());
        assertEquals("", r.err());
    }

    @Test
    void noArgumentsPrintsUsageAndSucceeds() {
        CliRun r = CliRun.of();
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("Usage: liminal"), r.describe());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CliRun r = CliRun.of("info", "--bogus", "x.edf");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: Unknown option: '--bogus'"), r.describe());
        assertTrue(r.err().contains("liminal info --help"), r.describe());
    }

    @Test
    void missingParameterIsAUsageError() {
        CliRun r = CliRun.of("convert", "only-one.edf");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
    }

    @Test
    void missingFileGivesOneLineNamingIt() {
        Path missing = tmp.resolve("nowhere.edf");
        CliRun r = CliRun.of("info", missing.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals("liminal: " + missing + ": no such file", r.err().strip(), r.describe());
        assertEquals("", r.out());
    }

    @Test
    void directoryIsBadInputNamingIt() {
        CliRun r = CliRun.of("info", tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals("liminal: " + tmp + ": is a directory, not a recording file", r.err().strip(), r.describe());
    }

    @Test
    void garbageFileIsBadInputWithoutStackTrace() throws IOException {
        Path garbage = tmp.resolve("garbage.bin");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        CliRun r = CliRun.of("info", garbage.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: " + garbage + ": "), r.describe());
        assertFalse(r.err().contains("\tat "), r.describe());
    }

    @Test
    void malformedFileNamesFileAndByteOffset() throws IOException {
        Path bad = tmp.resolve("bad.lscaf");
        String head = ScaffoldTextFormat.MAGIC + "\nstart 2024-01-01T00:00:00Z\n";
        Files.writeString(bad, head + "dose lots\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("info", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: " + bad + ": byte " + head.length() + ": bad 'dose' line"), r.describe());
    }

    @Test
    void debugBeforeOrAfterTheSubcommandAddsTheStackTrace() throws IOException {
        Path bad = tmp.resolve("bad.lscaf");
        Files.writeString(bad, ScaffoldTextFormat.MAGIC + "\nwhatever\n", StandardCharsets.UTF_8);
        for (String[] args : new String[][] {{"--debug", "info", bad.toString()}, {"info", bad.toString(), "--debug"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
            assertTrue(r.errLines().get(0).startsWith("liminal: " + bad + ": byte "), r.describe());
            assertTrue(r.err().contains("RecordingFormatException"), r.describe());
            assertTrue(r.err().contains("\tat "), r.describe());
        }
    }

    @Test
    void debugAfterEndOfOptionsIsAFileName() {
        assertTrue(Liminal.debugRequested("--debug", "info", "x"));
        assertFalse(Liminal.debugRequested("info", "--", "--debug"));
        assertFalse(Liminal.debugRequested("info", "x"));
    }
}
