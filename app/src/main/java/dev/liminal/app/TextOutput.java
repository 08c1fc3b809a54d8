package dev.liminal.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an analysis writes its text (CSV or JSON): the command's stdout, or a file written as
 * a hidden temporary file beside it and moved into place only when complete (as
 * {@code convert} does), so that a failure or an interrupt never leaves a partial file.
 * Stateless; the analyses call it only after every number is computed.
 */
final class TextOutput {
    /** Writes text to a writer; may fail with an I/O error. */
    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private TextOutput() {}

    /**
     * Writes {@code body} to {@code target}, or to {@code stdout} when {@code target} is null.
     *
     * @param stdout the command's stdout; flushed, not closed
     */
    static void write(Path target, PrintWriter stdout, Body body) throws IOException {
        if (target == null) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "no such directory for the output");
        }
        Path tmp = createTemporary(absolute);
        Thread cleanup = new Thread(() -> deleteIfPresent(tmp), "liminal-output-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean moved = false;
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                body.writeTo(w);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) deleteIfPresent(tmp);
            removeHook(cleanup);
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

    private static Path createTemporary(Path target) throws IOException {
        return dev.liminal.datasets.PartFile.createBeside(target, "part");
    }

    private static void deleteIfPresent(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            System.getLogger(TextOutput.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the temporary file " + tmp, e);
        }
    }
}
