package dev.liminal.app;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CliLoggingTest {
    private static final System.Logger LOG = System.getLogger(CliLoggingTest.class.getName());

    @Test
    void printsEachWarningOnceOnOneLineWithTheShownFileName() {
        StringWriter text = new StringWriter();
        try (CliLogging logging = new CliLogging(new PrintWriter(text), false)) {
            logging.showAs(Path.of("/tmp/.out.edf.x1.part.edf"), Path.of("out.edf"));
            LOG.log(System.Logger.Level.WARNING, "{0}: record {1}\nis short", "/tmp/.out.edf.x1.part.edf", 7);
            logging.warning("out.edf: record 7 is short");
            LOG.log(System.Logger.Level.INFO, "not shown without --debug");
            LOG.log(System.Logger.Level.ERROR, "broken");
        }
        assertEquals("liminal: warning: out.edf: record 7 is short\nliminal: error: broken\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void restoresTheRootHandlersOnClose() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        int before = root.getHandlers().length;
        try (CliLogging logging = new CliLogging(new PrintWriter(new StringWriter()), true)) {
            assertEquals(1, root.getHandlers().length);
        }
        assertEquals(before, root.getHandlers().length);
    }
}
