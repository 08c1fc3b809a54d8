package dev.liminal.acquisition.lsl.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running C peer: its standard output is collected line by line by a daemon thread
 * ({@code liminal-peer-<name>}), its standard error goes to a log file under {@code target/}, its
 * standard input stays open until {@link #closeInput()} (the outlet peer lingers until then).
 * {@link #close()} kills a peer that is still running, so a failed test leaves no process behind.
 * Methods are called from one test thread; the collected lines are guarded by this object.
 */
public final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path errorLog;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private PeerProcess(String name, Process process, Path errorLog) {
        this.name = name;
        this.process = process;
        this.errorLog = errorLog;
        this.reader = new Thread(this::readOutput, "liminal-peer-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code command} with {@code LSLAPICFG} set to the loopback configuration. */
    public static PeerProcess start(String name, List<String> command, LoopbackLslConfig config, Path logDirectory)
            throws IOException {
        Files.createDirectories(logDirectory);
        Path errorLog = logDirectory.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(errorLog.toFile());
        pb.environment().put(LoopbackLslConfig.LIBLSL_ENVIRONMENT_VARIABLE, config.file().toString());
        return new PeerProcess(name, pb.start(), errorLog);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("(reading the peer's output failed: " + e.getMessage() + ")");
                notifyAll();
            }
        }
    }

    /**
     * Waits until the peer printed a line starting with {@code prefix} and returns it; fails with
     * everything the peer printed when the peer exits first or the timeout passes.
     */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).startsWith(prefix)) return lines.get(seen);
                }
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError(name + " printed no '" + prefix + "' within " + timeout + ":\n" + describe());
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** Closes the peer's standard input: the outlet peer stops lingering and exits. */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the input of " + name, e);
        }
    }

    /** Waits for the peer to exit and returns its report; fails (and kills it) after {@code timeout}. */
    public PeerReport awaitExit(String role, Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + timeout + ":\n" + describe());
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return report(role);
    }

    /** The exit status; only after {@link #awaitExit}. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The report from what the peer printed so far. */
    public synchronized PeerReport report(String role) {
        return new PeerReport(role, List.copyOf(lines));
    }

    /** Output, exit state and the tail of the error log, for failure messages. */
    public String describe() {
        String output;
        synchronized (this) {
            output = String.join("\n", lines);
        }
        String state = process.isAlive() ? "running" : "exit status " + process.exitValue();
        String errors;
        try {
            List<String> all = Files.readAllLines(errorLog, StandardCharsets.UTF_8);
            errors = String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            errors = "(no error log: " + e.getMessage() + ")";
        }
        return "--- " + name + " (" + state + ") stdout:\n" + output + "\n--- stderr tail (" + errorLog + "):\n" + errors;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(2));
    }
}
