package dev.liminal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liminal.core.TenTwenty.Region;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TenTwenty#region(String)} over every label of the usual 19, 32 and 64 channel montages. */
class TenTwentyTest {
    private static final Region F = Region.FRONTAL;
    private static final Region C = Region.CENTRAL;
    private static final Region P = Region.PARIETAL;
    private static final Region O = Region.OCCIPITAL;
    private static final Region T = Region.TEMPORAL;

    private static Map<String, Region> table(Object... labelRegion) {
        Map<String, Region> m = new LinkedHashMap<>();
        for (int i = 0; i < labelRegion.length; i += 2) m.put((String) labelRegion[i], (Region) labelRegion[i + 1]);
        return m;
    }

    private static void assertRegions(Map<String, Region> expected) {
        expected.forEach((label, region) -> assertEquals(Optional.of(region), TenTwenty.region(label), label));
    }

    @Test
    void mapsEveryElectrodeOfTheClassic19ChannelTenTwentyMontage() {
        assertRegions(table("Fp1", F, "Fp2", F, "F7", F, "F3", F, "Fz", F, "F4", F, "F8", F,
                "T3", T, "C3", C, "Cz", C, "C4", C, "T4", T,
                "T5", T, "P3", P, "Pz", P, "P4", P, "T6", T, "O1", O, "O2", O));
    }

    @Test
    void mapsEveryElectrodeOfThe32ChannelTenTenMontage() {
        // BrainProducts actiCAP 32 standard layout.
        assertRegions(table("Fp1", F, "Fp2", F, "F7", F, "F3", F, "Fz", F, "F4", F, "F8", F,
                "FC5", C, "FC1", C, "FC2", C, "FC6", C, "T7", T, "C3", C, "Cz", C, "C4", C, "T8", T,
                "TP9", T, "CP5", C, "CP1", C, "CP2", C, "CP6", C, "TP10", T,
                "P7", T, "P3", P, "Pz", P, "P4", P, "P8", T, "PO9", P, "O1", O, "Oz", O, "O2", O, "PO10", P));
    }

    @Test
    void mapsEveryElectrodeOfThe64ChannelTenTenMontage() {
        // BioSemi 64 layout, in its channel order.
        assertRegions(table("Fp1", F, "AF7", F, "AF3", F, "F1", F, "F3", F, "F5", F, "F7", F,
                "FT7", T, "FC5", C, "FC3", C, "FC1", C, "C1", C, "C3", C, "C5", C, "T7", T, "TP7", T,
                "CP5", C, "CP3", C, "CP1", C, "P1", P, "P3", P, "P5", P, "P7", T, "P9", T, "PO7", P, "PO3", P,
                "O1", O, "Iz", O, "Oz", O, "POz", P, "Pz", P, "CPz", C, "Fpz", F, "Fp2", F, "AF8", F, "AF4", F,
                "AFz", F, "Fz", F, "F2", F, "F4", F, "F6", F, "F8", F, "FT8", T, "FC6", C, "FC4", C, "FC2", C,
                "FCz", C, "Cz", C, "C2", C, "C4", C, "C6", C, "T8", T, "TP8", T, "CP6", C, "CP4", C, "CP2", C,
                "P2", P, "P4", P, "P6", P, "P8", T, "P10", T, "PO8", P, "PO4", P, "O2", O));
    }

    @Test
    void mapsTenFiveIntermediatesAndIgnoresCaseAndSpaces() {
        assertRegions(table("AFF1h", F, "FFC3h", F, "FCC4h", C, "CCP5h", C, "CPP2h", P, "PPO1", P, "POO9h", P,
                "OI1h", O, "FTT9h", T, "TTP7h", T, "TPP8h", T, " fp1 ", F, "CZ", C, "oz", O));
    }

    @Test
    void referenceSitesAndOtherLabelsHaveNoRegion() {
        for (String label : new String[] {"A1", "A2", "M1", "M2", "Nz", "NFp1", "Status", "EOG", "Fpz-Cz", "HL", "ReRef"}) {
            assertEquals(Optional.empty(), TenTwenty.region(label), label);
        }
    }
}
