package dev.liminal.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {
    @Test
    void convertsEverySpellingOfVoltageToMicrovolts() {
        assertEquals(1e6, Units.microvoltFactor("V").orElseThrow());
        assertEquals(1e3, Units.microvoltFactor("mV").orElseThrow());
        assertEquals(1.0, Units.microvoltFactor("uV").orElseThrow());
        assertEquals(1.0, Units.microvoltFactor("\u00B5V").orElseThrow(), "micro sign");
        assertEquals(1.0, Units.microvoltFactor("\u03BCV").orElseThrow(), "greek mu");
        assertEquals(1.0, Units.microvoltFactor(" uV ").orElseThrow(), "padded EDF field");
        assertEquals(1e-3, Units.microvoltFactor("nV").orElseThrow());
    }

    @Test
    void keepsNonVoltageUnitsAsGiven() {
        for (String u : new String[] {"", "DegC", "%", "bpm", "\u00B5S", "BS", "ARU", "S", "C", "Boolean"}) {
            assertFalse(Units.isVoltage(u), u);
            assertEquals(u.trim(), Units.inMemoryUnit(u));
        }
        assertEquals("uV", Units.inMemoryUnit("mV"));
    }

    @Test
    void recognisesTenTwentyElectrodesButNotOtherLabels() {
        for (String l : new String[] {"Cz", "FP1", "Fpz", "CPz", "PO10", "T3", "AF7", "M1", "A2", "FCz", "O2"}) {
            assertTrue(TenTwenty.isElectrode(l), l);
        }
        for (String l : new String[] {"Status", "EXG Channel 0", "SaO2", "HR", "ReRef", "Vb", "Fpz-Cz"}) {
            assertFalse(TenTwenty.isElectrode(l), l);
        }
    }

    @Test
    void guessesChannelTypesFromEdfLabels() {
        assertEquals(ChannelType.EEG, ChannelType.guess("EEG Fpz-Cz", "uV"));
        assertEquals(ChannelType.EOG, ChannelType.guess("EOG horizontal", "uV"));
        assertEquals(ChannelType.EMG, ChannelType.guess("EMG submental", "uV"));
        assertEquals(ChannelType.RESP, ChannelType.guess("Resp oro-nasal", ""));
        assertEquals(ChannelType.TEMP, ChannelType.guess("Temp rectal", "DegC"));
        assertEquals(ChannelType.SPO2, ChannelType.guess("SaO2", "%"));
        assertEquals(ChannelType.TRIGGER, ChannelType.guess("Status", "Boolean"));
        assertEquals(ChannelType.EEG, ChannelType.guess("Cz", "\u00B5V"));
        assertEquals(ChannelType.MISC, ChannelType.guess("squarewave", "uV"));
    }
}
