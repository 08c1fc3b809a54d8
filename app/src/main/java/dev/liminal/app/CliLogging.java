package dev.liminal.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
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
 * {@link #showAs}). One instance per run; records may come from any thread.
 */
final class CliLogging implements AutoCloseable {
    private static final String ROOT = "";

    private final Logger root = Logger.getLogger(ROOT);
    private final Handler[] replaced;
    private final Level previousLevel;
    private final Handler handler;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    /** Sends log records to {@code err} until {@link #close()} restores the previous handlers. */
    CliLogging(PrintWriter err, boolean debug) {
        replaced = root.getHandlers();
        previousLevel = root.getLevel();
        Formatter messages = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) return;
                String text = FailureReporter.oneLine(messages.formatMessage(r));
                for (Map.Entry<String, String> a : aliases.entrySet()) text = text.replace(a.getKey(), a.getValue());
                synchronized (err) {
                    err.println("liminal: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + text);
                    if (debug && r.getThrown() != null) r.getThrown().printStackTrace(err);
                    err.flush();
                }
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
