package dev.liminal.app;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code liminal convert IN OUT [--record-seconds S]}: rewrites a recording in the format named
 * by OUT's extension, keeping annotations and session metadata. The output is written to a
 * hidden temporary file beside OUT, read back, and only then moved into place, so a failure or
 * an interrupt never leaves a partial OUT. Confined to the main thread.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a recording to the format of OUT's extension.",
                "Keeps channels, annotations and session metadata. OUT is written beside",
                "its final name and moved into place only when complete; the input is",
                "never overwritten. A progress bar shows on stderr at a terminal."},
        footer = {"", "On success prints one line: input and output with their format variants,",
                "then channels, samples (summed over channels), annotations and seconds taken."})
final class ConvertCommand implements Callable<Integer> {
    /** Default EDF/BDF data record duration, seconds (the EDF+ spec recommends records of 1 s or less). */
    static final String DEFAULT_RECORD_SECONDS = "1";

    @Spec
    CommandSpec spec;

    @ParentCommand
    Liminal parent;

    @Parameters(index = "0", paramLabel = "IN", description = "The recording to read (any supported format).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write; its extension picks the format.")
    Path output;

    @Option(names = "--record-seconds", paramLabel = "S", defaultValue = DEFAULT_RECORD_SECONDS,
            description = "EDF/BDF data record duration in seconds (default: ${DEFAULT-VALUE}); ignored for XDF.")
    double recordSeconds;

    @Override
    public Integer call() throws IOException {
        WriteOptions options = writeOptions();
        requireWritableOutput();
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such file");
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new ParameterException(spec.commandLine(), "output " + output + " is the input file; refusing to overwrite it");
        }
        Path target = output.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory for the output");
        }

        long startNanos = System.nanoTime();
        RecordingInfo written;
        String readVariant;
        try (RecordingReader reader = RecordingFiles.open(input)) {
            RecordingInfo source = reader.info();
            readVariant = source.formatVariant();
            for (String warning : source.warnings()) parent.logging().warning(input + ": " + warning);
            if (source.channels().isEmpty() && source.annotations().isEmpty() && source.session().isEmpty()) {
                throw new RecordingFormatException(input, RecordingFormatException.NO_OFFSET,
                        "holds no channels, annotations or session metadata; nothing to convert");
            }
            written = writeThenMove(reader, target, options, parent.logging(), output);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;

        RecordingSummary s = RecordingSummary.of(written);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "converted %s (%s) to %s (%s): %d channels, %d samples, %d annotations in %.2f s",
                input, readVariant, output, written.formatVariant(), s.channelCount(), s.sampleCount(),
                s.annotationCount(), seconds));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Writes to a temporary file in the target's directory, reads it back, and moves it to the
     * target; deletes the temporary file on any failure and if the JVM is stopped meanwhile.
     * Log messages name {@code shownTarget} instead of the temporary file.
     *
     * @return what the written file holds, as read back
     */
    private static RecordingInfo writeThenMove(RecordingReader reader, Path target,
                                               WriteOptions options, CliLogging logging, Path shownTarget)
            throws IOException {
        Path tmp = createTemporary(target);
        logging.showAs(tmp, shownTarget);
        Thread cleanup = new Thread(() -> deleteIfPresent(tmp), "liminal-convert-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean moved = false;
        try {
            RecordingInfo written;
            try (ConsoleProgress progress = ConsoleProgress.forTask("convert")) {
                Recordings.write(reader, tmp, options, progress);
            } catch (RecordingFormatException e) {
                throw renamed(e, tmp, target);
            }
            try (RecordingReader check = Recordings.open(tmp)) {
                written = check.info();
            } catch (RecordingFormatException e) {
                throw renamed(e, tmp, target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return written;
        } finally {
            if (!moved) deleteIfPresent(tmp);
            removeHook(cleanup);
        }
    }

    /** A new empty file beside the target, hidden, with the target's extension (format detection needs it). */
    private static Path createTemporary(Path target) throws IOException {
        String ext = RecordingFormats.extension(target);
        return dev.liminal.datasets.PartFile.createBeside(target, ext.isEmpty() ? "part" : "part." + ext);
    }

    /** A writer's complaint about the temporary file, re-addressed to the file the user named. */
    private static RecordingFormatException renamed(RecordingFormatException e, Path tmp, Path target) {
        if (e.file() == null || !e.file().equals(tmp)) return e;
        String prefix = tmp + ": " + (e.byteOffset() >= 0 ? "byte " + e.byteOffset() + ": " : "");
        String message = e.getMessage();
        String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new RecordingFormatException(target, e.byteOffset(), problem, e);
    }

    private WriteOptions writeOptions() {
        try {
            return new WriteOptions(recordSeconds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--record-seconds: " + e.getMessage());
        }
    }

    /** Fails as a usage error, naming the writable extensions, when no format writes OUT's extension. */
    private void requireWritableOutput() {
        try {
            RecordingFormats.forWriting(output);
        } catch (RecordingFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void deleteIfPresent(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            System.getLogger(ConvertCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the temporary file " + tmp, e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (or ran) and deletes the temporary file.
            return;
        }
    }
}
