package dev.liminal.datasets;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new, empty, hidden file beside a target, for writing a file completely before moving it
 * into place. Unlike {@link Files#createTempFile}, which makes the file readable by its owner
 * only, the file gets the permissions any new file gets (the process's umask), so the finished
 * recording is as readable as if it had been written in place.
 *
 * <p>Thread-safety: stateless; names are random and creation is exclusive.
 */
public final class PartFile {
    /** Attempts before giving up on finding an unused name (collisions need a hostile directory). */
    private static final int ATTEMPTS = 100;

    private PartFile() {
    }

    /**
     * Creates {@code .<target name>.<random>.<suffix>} in {@code target}'s directory.
     *
     * @param suffix e.g. {@code "part"} or {@code "tmp"}
     * @throws IOException if the directory cannot take a new file
     */
    public static Path createBeside(Path target, String suffix) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int i = 0; i < ATTEMPTS; i++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path candidate = dir.resolve("." + target.getFileName() + "." + random + "." + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another writer chose the same name; try another
            }
        }
        throw new IOException("could not create a new file beside " + target + " after " + ATTEMPTS + " attempts");
    }
}
