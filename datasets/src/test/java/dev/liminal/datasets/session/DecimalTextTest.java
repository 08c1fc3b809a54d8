package dev.liminal.datasets.session;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecimalTextTest {
    private static final long SEED = 20261121L;
    private static final int TRIALS = 4_000;

    @Test
    void writesShortPlainDecimals() {
        assertEquals("2400", DecimalText.format(2400.0));
        assertEquals("0.5", DecimalText.format(0.5));
        assertEquals("0.0001", DecimalText.format(1e-4));
        assertEquals("0.30000000000000004", DecimalText.format(0.1 + 0.2));
        assertEquals("-12.5", DecimalText.format(-12.5));
        assertEquals("0", DecimalText.format(0.0));
        assertEquals("-0", DecimalText.format(-0.0));
        assertEquals("100000000000000000000", DecimalText.format(1e20));
    }

    @Test
    void parsesBackEveryDoubleBitForBit() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < TRIALS; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) continue;
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(DecimalText.parse(DecimalText.format(v))),
                    () -> "value " + v);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DecimalText.parse("-0")));
        assertEquals(Double.MIN_VALUE, DecimalText.parse(DecimalText.format(Double.MIN_VALUE)));
        assertEquals(Double.MAX_VALUE, DecimalText.parse(DecimalText.format(Double.MAX_VALUE)));
    }

    @Test
    void rejectsWhatIsNotAFiniteDecimal() {
        for (String bad : new String[] {"", "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "1e", ".", "-",
                "1.2.3", " 1", "1 ", "1e999", "１"}) {
            assertThrows(NumberFormatException.class, () -> DecimalText.parse(bad), bad);
        }
        assertEquals(1.5e-3, DecimalText.parse("1.5E-3"));
        assertEquals(2.0, DecimalText.parse("+2."));
        assertEquals(0.25, DecimalText.parse(".25"));
    }

    @Test
    void refusesToWriteNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> DecimalText.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void exactSpanGivesTheEndBackForNonNegativeIntervals() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < TRIALS; i++) {
            double scale = Math.pow(10, random.nextInt(-3, 7));
            double a = random.nextDouble() * scale;
            double b = a + random.nextDouble() * Math.pow(10, random.nextInt(-9, 7));
            double d = DecimalText.exactSpan(a, b);
            assertEquals(b, a + d, () -> "start " + a + " end " + b);
        }
        assertEquals(0.0, DecimalText.exactSpan(5, 5));
        assertEquals(0.3, 0.1 + DecimalText.exactSpan(0.1, 0.3));
    }

    @Test
    void spanTextGivesTheEndBackForAnyIntervalIncludingNegativeStarts() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < TRIALS; i++) {
            double a = (random.nextDouble() - 0.7) * Math.pow(10, random.nextInt(-3, 6));
            double b = a + random.nextDouble() * Math.pow(10, random.nextInt(-9, 6));
            String d = DecimalText.spanText(a, b);
            assertEquals(b, DecimalText.end(DecimalText.format(a), d), () -> "start " + a + " end " + b + " duration " + d);
        }
        // no double d has -12.5 + d == 0.1 + 0.2; the decimal sum still lands on it
        double end = 0.1 + 0.2;
        assertEquals(end, DecimalText.end("-12.5", DecimalText.spanText(-12.5, end)));
        assertEquals("600", DecimalText.spanText(0, 600));
    }

    @Test
    void refusesExponentsThatWouldMakeExactSumsExpensive() {
        assertThrows(NumberFormatException.class, () -> DecimalText.end("1", "1e-999999999"));
        assertThrows(NumberFormatException.class, () -> DecimalText.parse("1".repeat(500)));
    }
}
