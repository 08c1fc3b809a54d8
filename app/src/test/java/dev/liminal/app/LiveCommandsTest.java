package dev.liminal.app;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options of {@code simulate} and {@code demo}, checked before anything is published. */
class LiveCommandsTest {
    @Test
    void helpListsTheIssueOptions() {
        CliRun simulate = CliRun.of("simulate", "--help");
        assertEquals(0, simulate.exitCode(), simulate.describe());
        for (String option : new String[] {"--name", "--channels", "--rate", "--seconds", "--speed", "--dose-mg-per-kg",
                "--seed", "--wait-for-consumers", "--lsl-config", "--lsl-scope"}) {
            assertTrue(simulate.out().contains(option), option + "\n" + simulate.out());
        }
        CliRun demo = CliRun.of("demo", "--help");
        assertEquals(0, demo.exitCode(), demo.describe());
        for (String option : new String[] {"--seconds", "--speed", "--channels", "--rate", "--out", "--no-live-table",
                "timeline.csv", "summary.csv", "session.xdf"}) {
            assertTrue(demo.out().contains(option), option + "\n" + demo.out());
        }
        CliRun root = CliRun.of("--help");
        assertTrue(root.out().contains("demo") && root.out().contains("simulate"), root.out());
    }

    @Test
    void badOptionsAreUsageErrorsOnOneLineQuotingTheValue() {
        CliRun speed = CliRun.of("simulate", "--speed", "-2");
        assertEquals(ExitCodes.USAGE, speed.exitCode(), speed.describe());
        assertEquals(1, speed.errLines().size(), speed.describe());
        assertTrue(speed.err().contains("--speed -2.0"), speed.err());

        CliRun channels = CliRun.of("simulate", "--channels", "7");
        assertEquals(ExitCodes.USAGE, channels.exitCode(), channels.describe());
        assertTrue(channels.err().contains("7 channels"), channels.err());

        CliRun wait = CliRun.of("simulate", "--wait-for-consumers", "-1");
        assertEquals(ExitCodes.USAGE, wait.exitCode(), wait.describe());
        assertTrue(wait.err().contains("--wait-for-consumers -1.0"), wait.err());

        CliRun rate = CliRun.of("demo", "--rate", "50");
        assertEquals(ExitCodes.USAGE, rate.exitCode(), rate.describe());
        assertTrue(rate.err().contains("50.0 Hz"), rate.err());

        CliRun fast = CliRun.of("demo", "--speed", "200");
        assertEquals(ExitCodes.USAGE, fast.exitCode(), fast.describe());
        assertTrue(fast.err().contains("1.5 s baseline") && fast.err().contains("at most 150"), fast.err());
    }
}
