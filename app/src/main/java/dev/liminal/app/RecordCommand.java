package dev.liminal.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code liminal record --stream NAME [--stream NAME ...] --out FILE.xdf [--seconds S]}: records
 * LSL streams into an XDF file as LabRecorder does. Runs until {@code --seconds} have passed,
 * every stream has ended, or Ctrl-C (a shutdown hook stops the recording cleanly with footers).
 * Confined to the main thread, plus that hook.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record LSL streams into an XDF file, as LabRecorder does.",
                "Streams are found by name (all must answer within --resolve-seconds).",
                "Sender timestamps are kept with ClockOffset chunks every 5 s; the file is",
                "flushed at least every second, so a killed process leaves a readable file",
                "with everything up to the last flush. Ctrl-C stops cleanly and writes the",
                "stream footers. A stream whose sender vanishes is reported on stderr; what",
                "it sent is kept and the other streams keep recording."},
        footer = {"", "At the end prints one line (wrapped here):",
                "  recorded FILE in S s: 'NAME' N samples, G gaps[, ...];",
                "    recorder overruns O (F frames lost)",
                "(gaps = reconnections of the stream; '(lost)' marks a stream whose sender vanished)."})
final class RecordCommand implements Callable<Integer> {
    /** Longest resolve or recovery wait accepted. */
    static final double MAX_RESOLVE_SECONDS = 600;
    /** How often the main thread checks whether to stop. */
    static final long POLL_MILLIS = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    LslCliOptions lsl;

    @Option(names = "--stream", paramLabel = "NAME", required = true,
            description = "Name of an LSL stream to record; repeat for more streams.")
    List<String> streams;

    @Option(names = "--out", paramLabel = "FILE.xdf", required = true, description = "The XDF file to write (replaced if it exists).")
    Path out;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Stop after this many seconds (default: until Ctrl-C or every stream ends).")
    Double seconds;

    @Option(names = "--resolve-seconds", paramLabel = "S", defaultValue = "5",
            description = "How long to wait for the streams to answer (default ${DEFAULT-VALUE}).")
    double resolveSeconds;

    @Option(names = "--recovery-seconds", paramLabel = "S", defaultValue = "10",
            description = "How long a vanished stream may take to come back before it is reported lost "
                    + "(default ${DEFAULT-VALUE}).")
    double recoverySeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds != null && (!(seconds > 0) || seconds.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--seconds " + seconds + " is not a positive number");
        }
        if (!(resolveSeconds > 0) || resolveSeconds > MAX_RESOLVE_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--resolve-seconds " + resolveSeconds
                    + " is not in (0, " + MAX_RESOLVE_SECONDS + "]");
        }
        if (!(recoverySeconds > 0) || recoverySeconds > MAX_RESOLVE_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--recovery-seconds " + recoverySeconds
                    + " is not in (0, " + MAX_RESOLVE_SECONDS + "]");
        }
        String name = String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        if (!name.endsWith(".xdf")) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " must end in .xdf");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : streams) {
            if (s.isBlank()) throw new ParameterException(spec.commandLine(), "--stream '" + s + "' names no stream");
            if (!seen.add(s)) throw new ParameterException(spec.commandLine(), "--stream '" + s + "' is given twice");
            if (s.contains("'") && s.contains("\"")) {
                throw new ParameterException(spec.commandLine(), "--stream " + s + " contains both quote characters");
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LslRecording recording = LslRecording.start(streams, out, lsl.config(),
                Duration.ofNanos((long) (resolveSeconds * 1e9)), Duration.ofNanos((long) (recoverySeconds * 1e9)), stderr);
        Thread hook = new Thread(() -> {
            try {
                String summary = recording.finish();
                stdout.println(summary);
                stdout.flush();
            } catch (IOException e) {
                synchronized (stderr) {
                    stderr.println("liminal: " + FailureReporter.oneLine(e.getMessage()));
                    stderr.flush();
                }
            }
        }, "liminal-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stdout.println("recording " + String.join(", ", streams.stream().map(s -> "'" + s + "'").toList()) + " into "
                + out + (seconds == null ? " (Ctrl-C to stop)" : " for " + NumberText.plain(seconds) + " s"));
        stdout.flush();
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() - deadline < 0 && !recording.allStreamsEnded() && !recording.recorderEnded()) {
            Thread.sleep(POLL_MILLIS);
        }
        boolean allLost = recording.allStreamsEnded();
        String summary;
        try {
            summary = recording.finish();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook finishes the recording
            }
        }
        stdout.println(summary);
        stdout.flush();
        if (allLost) throw new IOException("every stream vanished; " + out + " holds what was received");
        return ExitCodes.OK;
    }
}
