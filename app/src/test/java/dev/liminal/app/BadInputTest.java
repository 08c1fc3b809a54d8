package dev.liminal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged real files through {@code info} and {@code convert}: one stderr line, exit 1. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path cut(String fixture, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(CliRun.fixture(fixture));
        Path file = tmp.resolve("cut-" + bytes + "-" + Path.of(fixture).getFileName());
        Files.write(file, Arrays.copyOf(all, bytes));
        return file;
    }

    @Test
    void edfCutInsideTheHeaderFailsWithFileAndByteOffset() throws IOException {
        Path file = cut("edf/short_psg.edf", 1000);
        CliRun r = CliRun.of("info", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().matches("liminal: " + java.util.regex.Pattern.quote(file.toString()) + ": byte \\d+: .+\\R"),
                r.describe());
        assertEquals("", r.out());
    }

    @Test
    void edfCutInsideTheDataIsReadWithATruncationWarning() throws IOException {
        Path file = cut("edf/short_psg.edf", 100_000);
        CliRun r = CliRun.of("info", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("Warnings:\n  - truncated"), r.out());
    }

    @Test
    void convertOfATruncatedEdfWarnsAndWritesWhatWasRead() throws IOException {
        Path file = cut("edf/short_psg.edf", 100_000);
        Path out = tmp.resolve("kept.bdf");
        CliRun r = CliRun.of("convert", file.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: warning: " + file + ": truncated"), r.describe());
        assertTrue(r.out().contains("7 channels, 45600 samples"), "5 of 10 records of 9120 samples: " + r.out());
    }

    @Test
    void convertRefusesASourceThatKeptNothing() throws IOException {
        Path file = cut("xdf/minimal.xdf", 40);
        Path out = tmp.resolve("out.edf");
        CliRun r = CliRun.of("convert", file.toString(), out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals("liminal: " + file + ": holds no channels, annotations or session metadata; nothing to convert",
                r.errLines().get(r.errLines().size() - 1), r.describe());
        assertFalse(Files.exists(out));
    }

    @Test
    void convertOfADamagedFileLeavesNoOutput() throws IOException {
        Path file = cut("edf/short_psg.edf", 1000);
        Path out = tmp.resolve("out.edf");
        CliRun r = CliRun.of("convert", file.toString(), out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: " + file + ": "), r.describe());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".part")).toList());
        }
    }

    @Test
    void convertRefusesAnUnknownExtensionNamingEdfBdfAndXdf() {
        CliRun r = CliRun.of("convert", CliRun.fixture("edf/short_psg.edf").toString(), tmp.resolve("x.csv").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().contains("cannot write '.csv' files (writable: "), r.describe());
        for (String ext : List.of(".edf", ".bdf", ".xdf")) assertTrue(r.err().contains(ext), r.describe());
    }
}
