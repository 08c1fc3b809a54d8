package dev.liminal.acquisition.lsl.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The liblsl peers: {@code src/test/c/lsl_peer_outlet.c} and {@code lsl_peer_inlet.c}, compiled
 * with gcc against the located {@link Liblsl} into {@code target/liblsl-peers/} once per JVM, and
 * run as child processes with the loopback configuration. {@link #outlet} and {@link #inlet} adapt
 * them to the {@link OutletPeer} / {@link InletPeer} contract. Compilation is synchronized; the
 * peers are confined to the calling test thread.
 */
public final class LiblslPeers {
    static final Path SOURCES = Path.of("src/test/c");
    static final Path TARGET = Path.of("target/liblsl-peers");
    /** Compiling one peer takes about a second; this bounds a hung compiler. */
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(120);
    /** How long the outlet peer waits for its consumer before giving up (its --wait-consumer). */
    static final Duration CONSUMER_WAIT = Duration.ofSeconds(30);
    /** Longest time the outlet peer stays alive after its last push (its --linger). */
    static final Duration LINGER = Duration.ofSeconds(30);
    /** Time for a peer to start and print its first line (liblsl sets up its sockets). */
    private static final Duration STARTUP = Duration.ofSeconds(15);
    /** Margin on top of a peer's own timeouts before the harness kills it. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(15);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static Liblsl compiledFor;
    private static Binaries binaries;

    /** Paths of the compiled peers. */
    record Binaries(Path outlet, Path inlet) {}

    private LiblslPeers() {}

    /** The compiled peers for {@code liblsl}, compiling them on first use; fails with gcc's output. */
    static synchronized Binaries compile(Liblsl liblsl) throws IOException, InterruptedException {
        if (binaries != null && liblsl.equals(compiledFor)) return binaries;
        Files.createDirectories(TARGET);
        Path outlet = compileOne(liblsl, "lsl_peer_outlet");
        Path inlet = compileOne(liblsl, "lsl_peer_inlet");
        compiledFor = liblsl;
        binaries = new Binaries(outlet, inlet);
        return binaries;
    }

    private static Path compileOne(Liblsl liblsl, String program) throws IOException, InterruptedException {
        Path binary = TARGET.resolve(program).toAbsolutePath();
        Path log = TARGET.resolve(program + ".compile.log");
        List<String> command = List.of("gcc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O2", "-Wall",
                "-I" + liblsl.includeDirectory(), "-o", binary.toString(), SOURCES.resolve(program + ".c").toString(),
                liblsl.library().toAbsolutePath().toString(), "-lm", "-Wl,-rpath," + liblsl.libraryDirectory());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return fail(Liblsl.ENVIRONMENT_VARIABLE + " is set but gcc cannot be started to build " + program + ": " + e.getMessage());
        }
        if (!p.waitFor(COMPILE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return fail("gcc did not finish " + program + " within " + COMPILE_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            return fail("compiling " + program + " failed (" + String.join(" ", command) + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return binary;
    }

    /** liblsl's C API publishing the stream, in a child process. */
    public static OutletPeer outlet(Liblsl liblsl) {
        return outlet(liblsl, List.of());
    }

    /**
     * As {@link #outlet(Liblsl)}, the peer started through {@code launcher} (a command prefix such
     * as {@code strace -f -o FILE}; empty for none).
     */
    public static OutletPeer outlet(Liblsl liblsl, List<String> launcher) {
        return new OutletPeer() {
            @Override
            public String name() {
                return "liblsl";
            }

            @Override
            public Running start(StreamSpec spec, LoopbackLslConfig config, Path workDirectory)
                    throws IOException, InterruptedException {
                Binaries b = compile(liblsl);
                List<String> command = new ArrayList<>(launcher);
                command.addAll(List.of(b.outlet().toString(),
                        "--name", spec.name(), "--format", spec.format(),
                        "--channels", Integer.toString(spec.channelCount()), "--rate", number(spec.rateHz()),
                        "--count", Integer.toString(spec.sampleCount()), "--chunk", Integer.toString(spec.chunkSamples()),
                        "--timestamps", spec.deducedTimestamps() ? "deduced" : "explicit",
                        "--source-id", spec.name() + "-source",
                        "--wait-consumer", Long.toString(CONSUMER_WAIT.toSeconds()),
                        "--linger", Long.toString(LINGER.toSeconds())));
                PeerProcess process = PeerProcess.start("outlet-" + spec.name() + "-" + RUNS.incrementAndGet(),
                        command, config, workDirectory);
                try {
                    process.awaitLine("OUTLET created", STARTUP);
                } catch (AssertionError | InterruptedException e) {
                    process.close();
                    throw e;
                }
                return new Running() {
                    @Override
                    public Run finish(Duration timeout) throws InterruptedException {
                        process.awaitLine("OUTLET pushed", timeout);
                        process.closeInput();
                        PeerReport r = process.awaitExit("OUTLET", EXIT_MARGIN);
                        if (process.exitValue() != 0) throw new AssertionError("outlet peer failed:\n" + process.describe());
                        return new Run(r.value("created", "uid"), r.value("created", "session_id"),
                                r.doubleValue("pushed", "t0"), r.longValue("pushed", "samples"));
                    }

                    @Override
                    public void close() throws InterruptedException {
                        process.close();
                    }
                };
            }
        };
    }

    /** liblsl's C API resolving and pulling the stream, in a child process. */
    public static InletPeer inlet(Liblsl liblsl) {
        return inlet(liblsl, List.of());
    }

    /** As {@link #inlet(Liblsl)}, the peer started through {@code launcher} (see {@link #outlet(Liblsl, List)}). */
    public static InletPeer inlet(Liblsl liblsl, List<String> launcher) {
        return new InletPeer() {
            @Override
            public String name() {
                return "liblsl";
            }

            @Override
            public Run receive(StreamSpec spec, Settings settings, LoopbackLslConfig config, Path workDirectory,
                               Duration timeout) throws IOException, InterruptedException {
                PeerReport r = runInlet(liblsl, launcher, spec, settings, config, workDirectory, timeout, spec.channelCount());
                if (!r.has("received")) throw new AssertionError("inlet peer received nothing:\n" + r.text());
                return new Run(r.value("resolved", "uid"), r.value("resolved", "session_id"),
                        (int) r.longValue("resolved", "version"),
                        labeledChannels(r),
                        r.longValue("received", "samples"), r.longValue("received", "value_errors"),
                        r.has("mismatch") ? "sample " + r.value("mismatch", "sample") + " channel " + r.value("mismatch", "channel")
                                + ": expected " + r.value("mismatch", "expected") + ", got " + r.value("mismatch", "actual") : "",
                        r.doubleValue("received", "first_ts"), r.doubleValue("received", "max_linear_dev_s"),
                        r.longValue("received", "nonlinear"), r.doubleValue("time_correction", "value"));
            }
        };
    }

    /**
     * Runs the inlet peer on {@code spec}, telling it to expect {@code expectedChannels} channels
     * (a different number makes it report a mismatch), and returns its whole report.
     */
    static PeerReport runInlet(Liblsl liblsl, List<String> launcher, StreamSpec spec, InletPeer.Settings settings,
                               LoopbackLslConfig config, Path workDirectory, Duration timeout, int expectedChannels)
            throws IOException, InterruptedException {
        Binaries b = compile(liblsl);
        List<String> flags = new ArrayList<>();
        if (settings.clockSync()) flags.add("clocksync");
        if (settings.dejitter()) flags.add("dejitter");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(b.inlet().toString(), "--pred", spec.predicate(), "--format", spec.format(),
                "--channels", Integer.toString(expectedChannels), "--rate", number(spec.rateHz()),
                "--count", Integer.toString(spec.sampleCount()),
                "--flags", flags.isEmpty() ? "none" : String.join(",", flags),
                "--pull", settings.pullChunks() ? "chunk" : "sample",
                "--resolve-timeout", Long.toString(timeout.toSeconds()), "--timeout", Long.toString(timeout.toSeconds())));
        try (PeerProcess process = PeerProcess.start("inlet-" + spec.name() + "-" + RUNS.incrementAndGet(),
                command, config, workDirectory)) {
            return process.awaitExit("INLET", timeout.multipliedBy(2).plus(EXIT_MARGIN));
        }
    }

    /** Channels labelled C<c> in microvolts in the full info, or -1 when the full info was not read. */
    private static int labeledChannels(PeerReport r) {
        Optional<String> labels = r.optional("fullinfo", "labels");
        Optional<String> units = r.optional("fullinfo", "units");
        if (labels.isEmpty() || units.isEmpty()) return -1;
        return Math.min(Integer.parseInt(labels.get()), Integer.parseInt(units.get()));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
