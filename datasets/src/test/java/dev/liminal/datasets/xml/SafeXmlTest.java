package dev.liminal.datasets.xml;

import dev.liminal.datasets.RecordingFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeXmlTest {
    static final Path FILE = Path.of("header.xdf");

    @TempDir
    Path dir;

    @Test
    void parsesOrdinaryXmlAndReadsChildren() throws RecordingFormatException {
        Element root = SafeXml.parse("<info><name> EEG </name><desc><a>1</a><b x=\"&lt;\"/></desc></info>"
                .getBytes(StandardCharsets.UTF_8), FILE, 10).getDocumentElement();
        assertEquals("EEG", SafeXml.childText(root, "name"));
        assertEquals("", SafeXml.childText(root, "missing"));
        Element desc = SafeXml.child(root, "desc");
        assertEquals(2, SafeXml.children(desc).size());
        assertFalse(SafeXml.isLeaf(desc));
        assertEquals("<desc><a>1</a><b x=\"&lt;\"/></desc>", SafeXml.serialize(desc));
    }

    @Test
    void refusesDoctypeEntityExpansionNamingFileAndOffset() {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";
        RecordingFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(RecordingFormatException.class, () -> SafeXml.parse(lol, FILE, 1234)));
        assertEquals(1234, e.byteOffset());
        assertTrue(e.getMessage().startsWith("header.xdf: byte 1234: XML rejected"), e.getMessage());
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "SECRET-42");
        String xxe = "<!DOCTYPE x [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]><x>&s;</x>";
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> SafeXml.parse(xxe, FILE, 0));
        assertFalse(e.getMessage().contains("SECRET-42"));
        String param = "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><x/>";
        assertThrows(RecordingFormatException.class, () -> SafeXml.parse(param, FILE, 0));
    }

    @Test
    void refusesMalformedAndTooDeeplyNestedXml() {
        assertThrows(RecordingFormatException.class, () -> SafeXml.parse("<a><b></a>", FILE, 0));
        assertThrows(RecordingFormatException.class, () -> SafeXml.parse("", FILE, 0));
        String deep = "<a>".repeat(SafeXml.MAX_ELEMENT_DEPTH + 1) + "</a>".repeat(SafeXml.MAX_ELEMENT_DEPTH + 1);
        assertThrows(RecordingFormatException.class, () -> SafeXml.parse(deep, FILE, 0));
    }

    @Test
    void escapesTextForXml() {
        assertEquals("a&lt;b&gt;&amp;&quot;&apos;c", SafeXml.escape("a<b>&\"'c\u0001"));
    }
}
