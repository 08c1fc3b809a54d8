package dev.liminal.acquisition.simulation;

import dev.liminal.acquisition.simulation.ScalpSite.Region;
import dev.liminal.acquisition.simulation.ScalpSite.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalpSiteTest {
    @Test
    void readsRegionAndSideFromTheLabel() {
        assertEquals(new ScalpSite("PO3", Region.OCCIPITAL, Side.LEFT), ScalpSite.of("PO3"));
        assertEquals(new ScalpSite("Fpz", Region.FRONTOPOLAR, Side.MIDLINE), ScalpSite.of("Fpz"));
        assertEquals(new ScalpSite("T8", Region.TEMPORAL, Side.RIGHT), ScalpSite.of("T8"));
        assertEquals(new ScalpSite("FT10", Region.FRONTOCENTRAL, Side.RIGHT), ScalpSite.of("FT10"));
        assertEquals(new ScalpSite("CPz", Region.CENTRAL, Side.MIDLINE), ScalpSite.of("CPz"));
        assertEquals(Region.TEMPORAL, ScalpSite.of("T3").region());
        assertTrue(ScalpSite.of("F7").isLateralFrontal());
        assertFalse(ScalpSite.of("F3").isLateralFrontal());
    }

    @Test
    void rejectsLabelsOutsideTheTenTwentySystem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScalpSite.of("EXG1"));
        assertTrue(e.getMessage().contains("EXG1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalpSite.of("Fp"));
    }
}
