package dev.liminal.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One in-process run of {@link Liminal#run(PrintStream, PrintStream, String...)} with stdout and
 * stderr captured. Immutable.
 */
record CliRun(int exitCode, String out, String err) {
    /** The fixtures shipped with the datasets module, reached from app's module directory. */
    static final Path FIXTURES = Path.of("..", "datasets", "src", "test", "resources", "fixtures");

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Liminal.run(o, e, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A fixture file by its path under the fixtures directory, e.g. {@code "edf/short_psg.edf"}. */
    static Path fixture(String relative) {
        return FIXTURES.resolve(relative);
    }

    /** The lines of stderr. */
    List<String> errLines() {
        return err.lines().toList();
    }

    /** A description for assertion messages. */
    String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
