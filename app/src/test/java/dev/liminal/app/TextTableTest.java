package dev.liminal.app;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTableTest {
    @Test
    void padsColumnsRightAlignsMarkedOnesAndTrimsLineEnds() {
        StringWriter text = new StringWriter();
        new TextTable(">#", "label", ">rate_hz", "note").row(0, "EEG Fpz-Cz", "100", "").row(12, "A\tB\nC", "0.25", "x")
                .print(new PrintWriter(text, true));
        assertEquals(String.join("\n",
                "   #  label       rate_hz  note",
                "   0  EEG Fpz-Cz      100",
                "  12  A B C          0.25  x", ""), text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row(1));
        assertEquals("row has 1 cells, table has 2 columns [a, b]", e.getMessage());
    }
}
