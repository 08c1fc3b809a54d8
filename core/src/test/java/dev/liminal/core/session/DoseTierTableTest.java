package dev.liminal.core.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoseTierTableTest {

    private static String tierName(double mgPerKg) {
        return DoseTierTable.DEFAULT.tierOf(mgPerKg).map(DoseTier::name).orElse("none");
    }

    @Test
    void lowerBoundIsInclusiveAndUpperBoundExclusive() {
        assertEquals("LOW", tierName(0.25));
        assertEquals("LOW", tierName(0.4999999));
        assertEquals("MODERATE", tierName(0.5));
        assertEquals("MODERATE", tierName(0.75));
        assertEquals("HIGH", tierName(1.0));
    }

    @Test
    void topTierIncludesItsUpperBound() {
        assertEquals("HIGH", tierName(2.0));
        assertEquals("none", tierName(Math.nextUp(2.0)));
    }

    @Test
    void doseOutsideEveryTierHasNoTier() {
        assertEquals("none", tierName(0.1));
        assertEquals("none", tierName(0.0));
        assertEquals("none", tierName(Double.NaN));
        assertEquals("none", tierName(5.0));
    }

    @Test
    void gapBetweenTiersHasNoTier() {
        DoseTierTable table = new DoseTierTable(List.of(new DoseTier("A", 0.1, 0.2), new DoseTier("B", 0.3, 0.4)));
        assertEquals(Optional.empty(), table.tierOf(0.25));
        assertEquals("A", table.tierOf(0.2 - 1e-9).orElseThrow().name());
        // 0.2 is A's upper bound, excluded because A is not the top tier
        assertEquals(Optional.empty(), table.tierOf(0.2));
        assertEquals("B", table.tierOf(0.4).orElseThrow().name());
    }

    @Test
    void tiersAreStoredSortedByLowerBound() {
        DoseTierTable table = new DoseTierTable(List.of(new DoseTier("HI", 1, 2), new DoseTier("LO", 0, 1)));
        assertEquals(List.of("LO", "HI"), table.tiers().stream().map(DoseTier::name).toList());
    }

    @Test
    void rejectsOverlappingTiersQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DoseTierTable(List.of(
                new DoseTier("LOW", 0.25, 0.6), new DoseTier("MODERATE", 0.5, 1.0))));
        assertTrue(e.getMessage().contains("LOW (0.25-0.6 mg/kg)"), e.getMessage());
    }

    @Test
    void rejectsRepeatedTierNamesEvenWhenNotAdjacent() {
        assertThrows(IllegalArgumentException.class, () -> new DoseTierTable(List.of(
                new DoseTier("X", 0, 1), new DoseTier("Y", 1, 2), new DoseTier("X", 2, 3))));
    }

    @Test
    void tierRejectsInvertedOrInfiniteRange() {
        assertThrows(IllegalArgumentException.class, () -> new DoseTier("A", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DoseTier("A", -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DoseTier("A", 0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new DoseTier(" ", 0, 1));
    }

    @Test
    void classifiesDoseByItsMgPerKg() {
        Dose d = Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 2400, 600);
        assertEquals("MODERATE", DoseTierTable.DEFAULT.tierOf(d).orElseThrow().name());
    }
}
