package dev.liminal.app;

import dev.liminal.datasets.RecordingFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns every failure of a subcommand into one line on stderr ({@code liminal: <what went
 * wrong>}) and an exit code (see {@link ExitCodes}); with {@code --debug} the stack trace
 * follows the line. Stateless apart from the debug flag; confined to the main thread.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String PREFIX = "liminal: ";

    private final boolean debug;

    FailureReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(PREFIX + oneLine(ex.getMessage()) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        if (debug) ex.printStackTrace(err);
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        Throwable cause = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        int code;
        String message;
        if (cause instanceof IOException) {
            code = ExitCodes.BAD_INPUT;
            message = describe((IOException) cause);
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage()))
                    + (debug ? "" : " (run with --debug for the stack trace)");
        }
        err.println(PREFIX + message);
        if (debug) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    /** One line for an I/O failure, naming the file where the exception knows it. */
    static String describe(IOException e) {
        if (e instanceof RecordingFormatException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof NoSuchFileException) {
            NoSuchFileException n = (NoSuchFileException) e;
            return n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
        }
        if (e instanceof AccessDeniedException) {
            return ((AccessDeniedException) e).getFile() + ": permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return ((NotDirectoryException) e).getFile() + ": not a directory";
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String where = f.getFile() == null ? "" : f.getFile() + ": ";
            String reason = f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
            return oneLine(where + reason);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** Collapses line breaks so that a message stays on one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
