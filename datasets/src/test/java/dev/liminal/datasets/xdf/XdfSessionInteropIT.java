package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ProgressListener;
import dev.liminal.datasets.RecordingSamples;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;
import dev.liminal.datasets.session.SessionSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libxdf (SigViewer's reader) loads an XDF file whose marker stream carries a session in its
 * header description, and the markers it reports decode to the same session, exactly.
 */
class XdfSessionInteropIT {
    @TempDir
    Path dir;

    @Test
    void libxdfMarkersDecodeToTheSessionExactly() throws Exception {
        LibXdfChecker.assumeAvailable();
        Path file = dir.resolve("session.xdf");
        Recordings.write(RecordingSamples.eeg(List.of(new Annotation(2, "plain")), SessionSamples.rich()), file,
                ProgressListener.NONE);
        LibXdfChecker.Result r = LibXdfChecker.read(file, 0);
        assertTrue(r.streams.stream().anyMatch(s -> s.name.equals(XdfFormat.MARKER_STREAM)), r.raw);
        List<Annotation> events = new ArrayList<>();
        for (LibXdfChecker.Event e : r.events) events.add(new Annotation(e.time(), e.text()));
        DecodedSession d = SessionAnnotations.decode(events);
        assertEquals(List.of(), d.warnings());
        assertEquals(SessionSamples.rich(), d.session());
        assertEquals(List.of(new Annotation(2, "plain")), d.annotations());
    }
}
