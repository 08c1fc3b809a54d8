package dev.liminal.datasets.xdf;

import dev.liminal.core.ProgressListener;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.RecordingSamples;
import dev.liminal.datasets.WriteOptions;
import dev.liminal.datasets.session.SessionJson;
import dev.liminal.datasets.session.SessionSamples;
import dev.liminal.datasets.xml.SafeXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XdfSessionDescriptionTest {
    @TempDir
    Path dir;

    @Test
    void descriptionIsWellFormedXmlWhoseTextIsTheSessionJson() throws Exception {
        SessionTimeline s = SessionSamples.rich();
        String xml = "<desc>" + XdfSessionDescription.descXml(s) + "</desc>";
        String text = SafeXml.child(SafeXml.parse(xml, null, 0).getDocumentElement(), XdfSessionDescription.ELEMENT)
                .getTextContent();
        assertEquals(s, SessionJson.parse(text.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void charactersXmlCannotHoldBecomeJsonEscapes() throws Exception {
        SessionTimeline s = new SessionTimeline(SessionTimeline.EMPTY.protocol(), List.of(), List.of(),
                SessionTimeline.EMPTY.tierTable(), List.of(), List.of(),
                List.of(new EventReport(1, "a<b & c>d \uFFFE \uD800 lone, \uD83D\uDE42 paired")), java.util.Map.of());
        String xml = "<desc>" + XdfSessionDescription.descXml(s) + "</desc>";
        String text = SafeXml.child(SafeXml.parse(xml, null, 0).getDocumentElement(), XdfSessionDescription.ELEMENT)
                .getTextContent();
        assertTrue(text.contains("\\uFFFE") && text.contains("\\uD800"), text);
        assertTrue(text.chars().noneMatch(c -> c == 0xFFFE), text);
        assertEquals(s, SessionJson.parse(text.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void xmlTextEscapesMarkupAndCharactersOutsideXml() {
        assertEquals("\"a&lt;b&amp;c&gt;\\uFFFE\\uD800x\uD83D\uDE42\n\"",
                XdfSessionDescription.xmlText("\"a<b&c>\uFFFE\uD800x\uD83D\uDE42\n\""));
    }

    @Test
    void unreadableDescriptionIsAWarningAndTheFileStillOpens() throws IOException {
        Path file = dir.resolve("bad-desc.xdf");
        try (XdfWriter w = new XdfWriter(file)) {
            w.addStream(XdfWriterTest.stream("Markers", dev.liminal.core.SampleFormat.STRING, 1, 0, ""),
                    "<liminal_session>{\"schema\":\"liminal-session\",\"schemaVersion\":7}</liminal_session>");
        }
        try (RecordingReader r = RecordingFormats.open(file)) {
            RecordingInfo info = r.info();
            assertEquals(SessionTimeline.EMPTY, info.session());
            assertTrue(info.warnings().stream().anyMatch(w -> w.contains("session description ignored")
                    && w.contains("schemaVersion 7 is not supported")), info.warnings().toString());
        }
    }

    @Test
    void writerPutsTheSessionIntoTheMarkerStreamHeader() throws IOException {
        Path file = dir.resolve("session.xdf");
        new XdfFormat().write(RecordingSamples.eeg(List.of(), SessionSamples.simple()), file, WriteOptions.DEFAULT,
                ProgressListener.NONE);
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(SessionSamples.simple(), r.info().session());
            String desc = r.info().streams().stream().filter(s -> s.info().name().equals(XdfFormat.MARKER_STREAM))
                    .findFirst().orElseThrow().info().property(XdfFormat.DESC_XML);
            assertTrue(desc.contains("<liminal_session>{"), desc);
        }
        assertTrue(Files.size(file) > 0);
    }
}
