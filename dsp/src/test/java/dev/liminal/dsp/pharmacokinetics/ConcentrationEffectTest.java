package dev.liminal.dsp.pharmacokinetics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcentrationEffectTest {
    private final ConcentrationEffect ramp = ConcentrationEffect.BOWDLE_1998;

    @Test
    void isLinearBetween50And200NgPerMlAndClampedOutside() {
        assertEquals(0.0, ramp.fraction(0));
        assertEquals(0.0, ramp.fraction(50));
        assertEquals(0.5, ramp.fraction(125), 1e-15);
        assertEquals(0.9, ramp.fraction(185), 1e-15);
        assertEquals(1.0, ramp.fraction(200));
        assertEquals(1.0, ramp.fraction(1000));
        assertEquals(Double.NaN, ramp.fraction(Double.NaN));
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new ConcentrationEffect(100, 100));
        assertThrows(IllegalArgumentException.class, () -> new ConcentrationEffect(-1, 100));
    }
}
