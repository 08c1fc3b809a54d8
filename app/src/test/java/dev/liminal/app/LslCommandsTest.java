package dev.liminal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command-line checks of streams, record and replay that need no network. */
class LslCommandsTest {
    /** Help fits a classic terminal. */
    static final int HELP_COLUMNS = 80;

    @TempDir
    Path tmp;

    private static void assertUsage(CliRun r, String mentioned) {
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: "), r.describe());
        assertTrue(r.err().contains(mentioned), r.describe());
        assertEquals("", r.out(), r.describe());
    }

    @Test
    void everyLslCommandHasHelp() {
        for (String[] args : new String[][] {{"streams", "--help"}, {"record", "--help"}, {"replay", "--help"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.out().contains("--lsl-scope"), r.describe());
            assertTrue(r.out().contains("--lsl-config"), r.describe());
            for (String line : r.out().lines().toList()) {
                assertTrue(line.length() <= HELP_COLUMNS, args[0] + " help line of " + line.length() + " columns: " + line);
            }
        }
        assertTrue(CliRun.of("record", "--help").out().contains("--stream=NAME"));
        assertTrue(CliRun.of("replay", "--help").out().contains("--loop"));
        assertTrue(CliRun.of("streams", "--help").out().contains("--json"));
        String top = CliRun.of("--help").out();
        assertTrue(top.contains("  streams ") && top.contains("  record ") && top.contains("  replay "), top);
    }

    @Test
    void recordWithoutAStreamIsAUsageError() {
        assertUsage(CliRun.of("record", "--out", tmp.resolve("x.xdf").toString()), "--stream");
    }

    @Test
    void recordIntoANonXdfFileIsAUsageError() {
        assertUsage(CliRun.of("record", "--stream", "EEG", "--out", tmp.resolve("x.edf").toString()), ".xdf");
        assertFalse(Files.exists(tmp.resolve("x.edf")));
    }

    @Test
    void recordWithANonPositiveDurationIsAUsageError() {
        assertUsage(CliRun.of("record", "--stream", "EEG", "--out", tmp.resolve("x.xdf").toString(), "--seconds", "0"),
                "--seconds 0.0");
        assertUsage(CliRun.of("record", "--stream", "EEG", "--out", tmp.resolve("x.xdf").toString(),
                "--recovery-seconds", "-1"), "--recovery-seconds -1.0");
    }

    @Test
    void recordingTheSameStreamTwiceIsAUsageError() {
        assertUsage(CliRun.of("record", "--stream", "EEG", "--stream", "EEG", "--out", tmp.resolve("x.xdf").toString()),
                "--stream 'EEG' is given twice");
    }

    @Test
    void streamsWithABadWaitOrScopeIsAUsageError() {
        assertUsage(CliRun.of("streams", "--seconds", "-2"), "--seconds -2.0");
        assertUsage(CliRun.of("streams", "--lsl-scope", "planet"), "planet");
    }

    @Test
    void replayWithABadSpeedIsAUsageError() {
        assertUsage(CliRun.of("replay", CliRun.fixture("xdf/minimal.xdf").toString(), "--speed", "0"), "--speed 0.0");
        assertUsage(CliRun.of("replay"), "FILE");
    }

    @Test
    void replayOfAMissingFileExitsOneWithOneLine() {
        Path missing = tmp.resolve("nothing.xdf");
        CliRun r = CliRun.of("replay", missing.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertEquals("liminal: " + missing + ": no such file", r.err().strip());
    }

    @Test
    void unreadableLslConfigExitsOne() throws Exception {
        Path cfg = tmp.resolve("lsl_api.cfg");
        Files.writeString(cfg, "[ports]\nBasePort = 99999\n");
        CliRun r = CliRun.of("streams", "--lsl-config", cfg.toString(), "--seconds", "0.1");
        assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
    }
}
