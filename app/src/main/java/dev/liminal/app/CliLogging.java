package dev.liminal.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows what the libraries log through {@link System.Logger} (java.util.logging underneath) as
 * one line per record on the command's stderr: {@code liminal: warning: <message>}. Warnings
 * and errors are shown; with {@code --debug} also informational records and each record's
 * stack trace. Temporary file names can be shown as the file the user named (see
 * {@link #showAs}). A line already printed in this run is not printed again. One instance per
 * run; records may come from any thread.
 */
final class CliLogging implements AutoCloseable {
    private static final String ROOT = "";

    private final Logger root = Logger.getLogger(ROOT);
    private final Handler[] replaced;
    private final Level previousLevel;
    private final Handler handler;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Set<String> printed = new HashSet<>();
    private final PrintWriter err;

    /** Sends log records to {@code err} until {@link #close()} restores the previous handlers. */
    CliLogging(PrintWriter err, boolean debug) {
        this.err = err;
        replaced = root.getHandlers();
        previousLevel = root.getLevel();
        Formatter messages = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) return;
                String text = FailureReporter.oneLine(messages.formatMessage(r));
                for (Map.Entry<String, String> a : aliases.entrySet()) text = text.replace(a.getKey(), a.getValue());
                print(levelWord(r.getLevel()), text, debug ? r.getThrown() : null);
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        Level level = debug ? Level.INFO : Level.WARNING;
        handler.setLevel(level);
        for (Handler h : replaced) root.removeHandler(h);
        root.addHandler(handler);
        root.setLevel(level);
    }

    /**
     * Prints {@code liminal: warning: <text>} unless this run printed that line already (a
     * reader may both log a warning and list it in {@code RecordingInfo.warnings()}).
     */
    void warning(String text) {
        print("warning", FailureReporter.oneLine(text), null);
    }

    /** System.Logger's names for JUL levels: ERROR for SEVERE, WARNING, INFO; lower case. */
    private static String levelWord(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) return "error";
        if (level.intValue() >= Level.WARNING.intValue()) return "warning";
        return level.intValue() >= Level.INFO.intValue() ? "info" : level.getName().toLowerCase(Locale.ROOT);
    }

    private void print(String level, String text, Throwable thrown) {
        String line = "liminal: " + level + ": " + text;
        synchronized (printed) {
            if (!printed.add(line)) return;
            err.println(line);
            if (thrown != null) thrown.printStackTrace(err);
            err.flush();
        }
    }

    /**
     * Until {@link #close()}, log messages mentioning {@code internal} (a temporary file) show
     * {@code shown} instead.
     */
    void showAs(Path internal, Path shown) {
        aliases.put(internal.toString(), shown.toString());
    }

    /** Restores the handlers and level the root logger had before. */
    @Override
    public void close() {
        root.removeHandler(handler);
        for (Handler h : replaced) root.addHandler(h);
        root.setLevel(previousLevel);
    }
}
