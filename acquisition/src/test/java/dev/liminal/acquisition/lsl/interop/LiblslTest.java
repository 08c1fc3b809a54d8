package dev.liminal.acquisition.lsl.interop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Liblsl#locate} on fake install trees: every accepted form of {@code LIMINAL_LIBLSL}. */
class LiblslTest {
    @TempDir
    Path prefix;
    private Path library;

    @BeforeEach
    void fakeInstall() throws IOException {
        Files.createDirectories(prefix.resolve("include"));
        Files.writeString(prefix.resolve("include/lsl_c.h"), "/* fake */");
        Files.createDirectories(prefix.resolve("lib"));
        library = prefix.resolve("lib/liblsl.so.1.17.7");
        Files.writeString(library, "fake");
        Files.createDirectories(prefix.resolve("examples/bin"));
    }

    @Test
    void findsVersionedLibraryUnderPrefix() throws IOException {
        Optional<Liblsl> found = Liblsl.locate(prefix);
        assertEquals(Optional.of(new Liblsl(prefix.resolve("include"), library)), found);
    }

    @Test
    void prefersUnversionedLibraryName() throws IOException {
        Path plain = Files.createSymbolicLink(prefix.resolve("lib/liblsl.so"), library.getFileName());
        assertEquals(plain, Liblsl.locate(prefix).orElseThrow().library());
    }

    @Test
    void acceptsTheLibraryFileItself() throws IOException {
        Liblsl found = Liblsl.locate(library).orElseThrow();
        assertEquals(prefix.resolve("include"), found.includeDirectory());
        assertEquals(prefix.resolve("lib"), found.libraryDirectory());
    }

    @Test
    void climbsFromTheExampleProgramsDirectory() throws IOException {
        assertEquals(library, Liblsl.locate(prefix.resolve("examples/bin")).orElseThrow().library());
    }

    @Test
    void findsNothingWithoutHeader() throws IOException {
        Files.delete(prefix.resolve("include/lsl_c.h"));
        assertTrue(Liblsl.locate(prefix).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Liblsl.locate(library));
    }

    @Test
    void rejectsAMissingPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Liblsl.locate(prefix.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
