package dev.liminal.app;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberTextTest {
    @Test
    void printsPlainDecimalsWithoutTrailingZeros() {
        assertEquals("100", NumberText.plain(100.0));
        assertEquals("0.25", NumberText.plain(0.25));
        assertEquals("487.5", NumberText.plain(487.5));
        assertEquals("0.8", NumberText.plain(0.8000000000000007));
        assertEquals("0", NumberText.plain(-0.0));
        assertEquals("-", NumberText.plain(Double.NaN));
        assertEquals("12000000", NumberText.plain(1.2e7));
    }

    @Test
    void printsIrregularForZeroRate() {
        assertEquals("irregular", NumberText.rate(0));
        assertEquals("0.5", NumberText.rate(0.5));
    }

    @Test
    void printsClockTimeWithFractionOnlyWhenPresent() {
        assertEquals("0:05:00", NumberText.clock(300));
        assertEquals("4:24:00", NumberText.clock(15840));
        assertEquals("0:00:00.25", NumberText.clock(0.25));
        assertEquals("0:01:00", NumberText.clock(59.9999999));
        assertEquals("-0:00:01", NumberText.clock(-1));
    }
}
