package dev.liminal.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar as users run it: a separate JVM, real exit codes, real stdout/stderr. */
class LiminalJarIT {
    /** The runnable jar the package phase builds (failsafe runs after it). */
    static final Path JAR = Path.of("target", "liminal.jar");
    /** Generous bound for one short command, JVM start included, on a loaded 2-core machine. */
    static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one run. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void jarExists() {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    }

    static Run run(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        Run r = run(tmp, List.of(), "--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("  info "), r.describe());
        assertTrue(r.out().contains("  convert "), r.describe());
    }

    @Test
    void garbageInputExitsOneWithOneLineAndNoStackTrace() throws Exception {
        Path garbage = tmp.resolve("garbage.edf");
        byte[] bytes = new byte[3000];
        new Random(11).nextBytes(bytes);
        Files.write(garbage, bytes);
        Run r = run(tmp, List.of(), "info", garbage.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: " + garbage + ": "), r.describe());
        assertEquals("", r.out());
    }

    @Test
    void infoAndConvertWorkOnARealFile() throws Exception {
        Path edf = CliRun.fixture("edf/short_psg.edf").toAbsolutePath();
        Run info = run(tmp, List.of(), "info", edf.toString());
        assertEquals(0, info.exitCode(), info.describe());
        assertTrue(info.out().contains("Start:       1989-04-24T16:13:00Z"), info.describe());
        Run convert = run(tmp, List.of(), "convert", edf.toString(), tmp.resolve("psg.bdf").toString());
        assertEquals(0, convert.exitCode(), convert.describe());
        assertEquals("", convert.err(), "no progress bar and no warning without a terminal");
        assertTrue(convert.out().contains("7 channels, 91200 samples, 0 annotations"), convert.describe());
    }

    @Test
    void convertDrawsAProgressBarOnlyAtATerminal() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script), "util-linux 'script' (to give the JVM a terminal) is missing");
        Path edf = CliRun.fixture("edf/test_generator.edf").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -jar " + JAR.toAbsolutePath() + " convert " + edf + " " + tmp.resolve("t.xdf");
        Path log = tmp.resolve("terminal.txt");
        Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null").redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "convert under script finished");
        String screen = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), screen);
        assertTrue(screen.contains("convert 100%"), "a finished bar:\n" + screen);
        assertTrue(screen.contains("converted " + edf), screen);

        Run piped = run(tmp, List.of(), "convert", edf.toString(), tmp.resolve("u.xdf").toString());
        assertEquals(0, piped.exitCode(), piped.describe());
        assertEquals("", piped.err(), "no bar without a terminal");
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        Run r = run(tmp, List.of(), "info");
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
    }

    @Test
    void headlessSubcommandsLoadNoViewerOrDesktopClasses() throws Exception {
        Path edf = CliRun.fixture("edf/short_psg.edf").toAbsolutePath();
        for (String[] args : new String[][] {{"--help"}, {"info", edf.toString()}, {"info", "--json", edf.toString()},
                {"convert", edf.toString(), tmp.resolve("y.xdf").toString()},
                {"psd", edf.toString(), "--channels", "EEG Fpz-Cz", "--out", tmp.resolve("psd.csv").toString()},
                {"bandpower", edf.toString(), "--channels", "EEG Fpz-Cz", "--out", tmp.resolve("bp.csv").toString()}}) {
            Run r = run(tmp, List.of("-verbose:class"), args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + ":\n" + r.err());
            assertTrue(r.out().contains("dev.liminal.app.Liminal"), "class loading is logged:\n" + r.describe());
            for (String line : r.out().lines().toList()) {
                assertFalse(line.contains("dev.liminal.viewer") || line.contains(" java.awt.")
                        || line.contains(" javax.swing.") || line.contains("com.formdev."), line);
            }
        }
    }
}
