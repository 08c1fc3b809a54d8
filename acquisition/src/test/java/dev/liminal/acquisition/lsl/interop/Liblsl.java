package dev.liminal.acquisition.lsl.interop;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where the liblsl the interop tests talk to is installed: its C header directory and its shared
 * library. Found through the environment variable {@value #ENVIRONMENT_VARIABLE}, which may name
 * <ul>
 *   <li>an install prefix (the directory holding {@code include/lsl_c.h} and {@code lib/liblsl.so}),
 *       for example {@code /work/liblsl};</li>
 *   <li>the shared library itself ({@code .../lib/liblsl.so}, {@code liblsl.so.2} or
 *       {@code liblsl.so.1.17.7}); the header is then looked for in {@code ../include};</li>
 *   <li>a directory below the prefix, such as the directory of liblsl's example programs
 *       ({@code <prefix>/examples/bin}); up to {@value #MAX_PARENT_LEVELS} parents are searched.</li>
 * </ul>
 * When the variable is unset the liblsl tests skip with a visible reason, also when
 * {@code LIMINAL_REQUIRE_INTEROP=1}: CI does not build liblsl. When it is set but names no usable
 * liblsl, the tests fail: a wrong setting must not pass as a skip. Immutable.
 *
 * @param includeDirectory directory holding {@code lsl_c.h}
 * @param library          the shared library file to link against
 */
public record Liblsl(Path includeDirectory, Path library) {
    /** Environment variable naming the liblsl install (prefix, .so or a directory below the prefix). */
    public static final String ENVIRONMENT_VARIABLE = "LIMINAL_LIBLSL";
    /** How far up from a named directory the prefix is searched ({@code examples/bin} is two). */
    static final int MAX_PARENT_LEVELS = 3;

    public Liblsl {
        if (!Files.isRegularFile(includeDirectory.resolve("lsl_c.h"))) {
            throw new IllegalArgumentException("no lsl_c.h in " + includeDirectory);
        }
        if (!Files.isRegularFile(library)) throw new IllegalArgumentException("no library file " + library);
    }

    /** The directory of the library, used as the peers' run-time search path. */
    public Path libraryDirectory() {
        return library.toAbsolutePath().getParent();
    }

    /**
     * The liblsl named by {@value #ENVIRONMENT_VARIABLE}; skips the calling test when the variable is
     * unset, fails it when the variable names no liblsl.
     */
    public static Liblsl require() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        Assumptions.assumeTrue(value != null && !value.isBlank(), "liblsl interop skipped: "
                + ENVIRONMENT_VARIABLE + " is not set (install prefix or liblsl.so of liblsl 1.16/1.17;"
                + " this is the one interop test that also skips when LIMINAL_REQUIRE_INTEROP=1)");
        try {
            return locate(Path.of(value.trim())).orElseThrow(() -> new IllegalArgumentException(
                    "found neither include/lsl_c.h nor lib/liblsl.so* at or above it"));
        } catch (IOException | IllegalArgumentException e) {
            return fail(ENVIRONMENT_VARIABLE + "=" + value + " names no usable liblsl: " + e.getMessage());
        }
    }

    /** The liblsl at {@code path} (prefix, library file or a directory below the prefix), if any. */
    public static Optional<Liblsl> locate(Path path) throws IOException {
        Path start = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(start)) {
            if (!start.getFileName().toString().startsWith("liblsl")) {
                throw new IllegalArgumentException(start + " is a file but not liblsl*.so*");
            }
            Path prefix = start.getParent().getParent();
            Path include = prefix == null ? null : prefix.resolve("include");
            if (include == null || !Files.isRegularFile(include.resolve("lsl_c.h"))) {
                throw new IllegalArgumentException("library " + start + " has no ../include/lsl_c.h");
            }
            return Optional.of(new Liblsl(include, start));
        }
        if (!Files.isDirectory(start)) throw new IllegalArgumentException(start + " does not exist");
        Path dir = start;
        for (int level = 0; level <= MAX_PARENT_LEVELS && dir != null; level++, dir = dir.getParent()) {
            Optional<Liblsl> found = atPrefix(dir);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static Optional<Liblsl> atPrefix(Path prefix) throws IOException {
        Path include = prefix.resolve("include");
        if (!Files.isRegularFile(include.resolve("lsl_c.h"))) return Optional.empty();
        for (String libDir : new String[] {"lib", "lib64", "lib/x86_64-linux-gnu"}) {
            Path dir = prefix.resolve(libDir);
            if (!Files.isDirectory(dir)) continue;
            Path plain = dir.resolve("liblsl.so");
            if (Files.exists(plain)) return Optional.of(new Liblsl(include, plain));
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> versioned = files
                        .filter(f -> f.getFileName().toString().startsWith("liblsl.so."))
                        .sorted().findFirst();
                if (versioned.isPresent()) return Optional.of(new Liblsl(include, versioned.get()));
            }
        }
        return Optional.empty();
    }
}
