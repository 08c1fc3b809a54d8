package dev.liminal.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFileTest {
    @TempDir
    Path dir;

    @Test
    void createsDistinctHiddenEmptyFilesBesideTheTargetWithTheUsualPermissions() throws Exception {
        Path target = dir.resolve("session.edf");
        Path a = PartFile.createBeside(target, "part");
        Path b = PartFile.createBeside(target, "part");
        assertNotEquals(a, b);
        assertEquals(dir, a.getParent());
        assertTrue(a.getFileName().toString().startsWith(".session.edf.") && a.toString().endsWith(".part"), a.toString());
        assertEquals(0, Files.size(a));
        // Same permissions as any file this process creates (umask), not createTempFile's owner-only.
        Path plain = Files.createFile(dir.resolve("plain"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(a));
    }
}
