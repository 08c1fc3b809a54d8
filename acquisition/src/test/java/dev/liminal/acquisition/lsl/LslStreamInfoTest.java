package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LslStreamInfoTest {

    private static LslStreamInfo outletInfo() {
        return LslStreamInfo.create("EEG <&> \"x\"", "EEG", 3, 1000, ChannelFormat.FLOAT32, "src-1")
                .withChannelLabels(List.of("Fp1", "Fp2", "Cz"), "microvolts", "EEG")
                .forOutlet("c75beb99-b7b7-40b9-86d2-17e978964768", 1093.506521637, "default", "vm", 16572, 16573);
    }

    @Test
    void writesNumbersAsLiblslDoes() {
        String xml = outletInfo().toShortInfoXml();
        assertTrue(xml.startsWith("<?xml version=\"1.0\"?>\n<info>\n\t<name>EEG &lt;&amp;&gt; \"x\"</name>\n"), xml);
        assertTrue(xml.contains("<nominal_srate>1000.000000000000</nominal_srate>"), xml);
        assertTrue(xml.contains("<version>1.100000000000000</version>"), xml);
        assertTrue(xml.contains("<created_at>1093.506521637000</created_at>"), xml);
        assertTrue(xml.contains("<v4data_port>16572</v4data_port>"), xml);
        assertTrue(xml.contains("<v6service_port>0</v6service_port>"), xml);
        assertTrue(xml.contains("<desc />"), xml);
        assertEquals("0.000000000000000", LslStreamInfo.formatDouble(0));
    }

    @Test
    void fullInfoRoundTripsEveryField() throws Exception {
        LslStreamInfo info = outletInfo();
        LslStreamInfo back = LslStreamInfo.parse(info.toFullInfoXml(), "test");
        assertEquals(info.name(), back.name());
        assertEquals("EEG", back.type());
        assertEquals(3, back.channelCount());
        assertEquals(1000.0, back.nominalSrateHz());
        assertEquals(ChannelFormat.FLOAT32, back.channelFormat());
        assertEquals("src-1", back.sourceId());
        assertEquals(110, back.version());
        assertEquals(1093.506521637, back.createdAtSeconds());
        assertEquals(info.uid(), back.uid());
        assertEquals(16572, back.v4DataPort());
        assertEquals(16573, back.v4ServicePort());
        assertEquals(List.of("Fp1", "Fp2", "Cz"), back.channelLabels());
        assertTrue(LslStreamInfo.parse(info.toShortInfoXml(), "test").descXml().isEmpty());
    }

    @Test
    void rejectsDoctypeAndEntityExpansionInOneLine() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<info><name>&b;</name></info>";
        LslProtocolException e = assertThrows(LslProtocolException.class, () -> LslStreamInfo.parse(bomb, "127.0.0.1:16572"));
        assertTrue(e.getMessage().contains("127.0.0.1:16572"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><info><name>&x;</name></info>";
        assertThrows(LslProtocolException.class, () -> LslStreamInfo.parse(xxe, "peer"));
    }

    @Test
    void rejectsAbsurdChannelCountNamingStreamAndField() {
        String xml = outletInfo().toShortInfoXml().replace("<channel_count>3</channel_count>",
                "<channel_count>2000000000</channel_count>");
        LslProtocolException e = assertThrows(LslProtocolException.class, () -> LslStreamInfo.parse(xml, "peer"));
        assertTrue(e.getMessage().contains("channel_count 2000000000"), e.getMessage());
        assertTrue(e.getMessage().contains("stream 'EEG <&> \"x\"'"), e.getMessage());
    }

    @Test
    void rejectsEmptyNumericFieldAsLiblslWould() {
        String xml = outletInfo().toShortInfoXml().replace("<created_at>1093.506521637000</created_at>", "<created_at />");
        LslProtocolException e = assertThrows(LslProtocolException.class, () -> LslStreamInfo.parse(xml, "peer"));
        assertTrue(e.getMessage().contains("created_at '' is not a finite number"), e.getMessage());
    }

    @Test
    void rejectsOverlongNameAndUnknownFormat() {
        String longName = "n".repeat(LslStreamInfo.MAX_TEXT_CHARS + 1);
        assertThrows(IllegalArgumentException.class,
                () -> LslStreamInfo.create(longName, "", 1, 0, ChannelFormat.INT8, ""));
        String xml = outletInfo().toShortInfoXml().replace("float32", "float128");
        LslProtocolException e = assertThrows(LslProtocolException.class, () -> LslStreamInfo.parse(xml, "peer"));
        assertTrue(e.getMessage().contains("channel_format 'float128'"), e.getMessage());
    }

    @Test
    void channelFormatsCarryLiblslCodesAndSizes() {
        assertEquals(4, ChannelFormat.FLOAT32.valueSizeBytes());
        assertEquals(7, ChannelFormat.INT64.code());
        assertEquals(ChannelFormat.INT16, ChannelFormat.fromWireName("int16"));
        assertThrows(IllegalArgumentException.class, () -> ChannelFormat.fromWireName("undefined"));
    }
}
