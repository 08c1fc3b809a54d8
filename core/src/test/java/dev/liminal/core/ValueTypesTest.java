package dev.liminal.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTypesTest {
    @Test
    void annotationRejectsNonFiniteOnsetAndNegativeDurationQuotingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Annotation(Double.NaN, 1, "x", ""));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Annotation(0, -2, "x", ""));
        assertTrue(e.getMessage().contains("-2.0"), e.getMessage());
        assertFalse(new Annotation(-1.5, "before start").hasDuration());
        assertTrue(new Annotation(0, 30, "Sleep stage W", null).hasDuration());
    }

    @Test
    void streamInfoCopiesItsListsAndRejectsNegativeRates() {
        List<ChannelInfo> channels = new ArrayList<>(List.of(new ChannelInfo("Cz", ChannelType.EEG, "uV")));
        Map<String, String> props = new HashMap<>(Map.of("hostname", "lab"));
        StreamInfo s = new StreamInfo("EEG", "EEG", "", channels, 250, SampleFormat.FLOAT32, props);
        channels.clear();
        props.clear();
        assertEquals(1, s.channelCount());
        assertEquals("lab", s.property("hostname"));
        assertFalse(s.isIrregular());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamInfo("bad", "EEG", "", List.of(), -1, SampleFormat.FLOAT32, Map.of()));
        assertTrue(e.getMessage().contains("-1.0 Hz"), e.getMessage());
    }

    @Test
    void sampleFormatsParseLslNamesAndQuoteUnknownOnes() {
        for (SampleFormat f : SampleFormat.values()) assertEquals(f, SampleFormat.fromLslName(f.lslName()));
        assertEquals(SampleFormat.INT16, SampleFormat.fromLslName(" Int16 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleFormat.fromLslName("int128"));
        assertTrue(e.getMessage().contains("'int128'"), e.getMessage());
        assertEquals(-1, SampleFormat.STRING.bytesPerValue());
        assertEquals(2, SampleFormat.INT16.bytesPerValue());
    }
}
