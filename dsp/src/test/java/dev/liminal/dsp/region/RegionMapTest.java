package dev.liminal.dsp.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.liminal.dsp.spectral.BandPowerTimeline;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.Baseline;
import dev.liminal.dsp.spectral.ShiftMeasure;
import dev.liminal.dsp.spectral.TimelineParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionMapTest {
    /** Channel names of the BrainVision fixture (MNE's test recording), in file order. */
    private static final List<String> BRAINVISION = List.of("FP1", "FP2", "F3", "F4", "C3", "C4", "P3", "P4", "O1", "O2",
            "F7", "F8", "P7", "P8", "Fz", "FCz", "Cz", "CPz", "Pz", "POz", "FC1", "FC2", "CP1", "CP2", "FC5", "FC6",
            "CP5", "CP6", "HL", "HR", "Vb", "ReRef");

    @Test
    void groupsTheBrainVisionFixtureLabelsByLobeAndLeavesNonElectrodesOut() {
        RegionMap map = RegionMap.fromTenTwenty(BRAINVISION);
        assertEquals(List.of("frontal", "central", "parietal", "occipital", "temporal"), map.names());
        assertArrayEquals(new int[] {0, 1, 2, 3, 10, 11, 14}, map.get(0).channels(), "FP1 FP2 F3 F4 F7 F8 Fz");
        assertArrayEquals(new int[] {4, 5, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 27}, map.get(1).channels(),
                "C3 C4 FCz Cz CPz FC1 FC2 CP1 CP2 FC5 FC6 CP5 CP6");
        assertArrayEquals(new int[] {6, 7, 18, 19}, map.get(2).channels(), "P3 P4 Pz POz");
        assertArrayEquals(new int[] {8, 9}, map.get(3).channels(), "O1 O2");
        assertArrayEquals(new int[] {12, 13}, map.get(4).channels(), "P7 P8, the 10-10 names of T5 T6");
    }

    @Test
    void readsEdfStyleLabelsWithTypePrefixAndReferenceSuffixButNotBipolarPairs() {
        RegionMap map = RegionMap.fromTenTwenty(List.of("EEG Fp1-REF", "EEG O2-LE", "EEG Fpz-Cz", "EOG horizontal", "C3-A2"));
        assertEquals(List.of("frontal", "central", "occipital"), map.names());
        assertArrayEquals(new int[] {0}, map.get(0).channels());
        assertArrayEquals(new int[] {4}, map.get(1).channels());
        assertArrayEquals(new int[] {1}, map.get(2).channels());
    }

    @Test
    void rejectsLabelsWithNoRegionQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegionMap.fromTenTwenty(List.of("sine 8 Hz", "noise")));
        assertEquals("no channel of [sine 8 Hz, noise] is a 10-20 electrode with a region; expected labels such as"
                + " Fp1, Cz, O2 or user groups NAME:A,B", e.getMessage());
    }

    @Test
    void parsesUserGroupsInTheirOrderAndAChannelMayBeInSeveral() {
        RegionMap map = RegionMap.parse("left: F3, C3 ,P3;right:P4,F4;mid:Cz,C3", List.of("F3", "F4", "C3", "Cz", "P3", "P4"));
        assertEquals(List.of("left", "right", "mid"), map.names());
        assertArrayEquals(new int[] {0, 2, 4}, map.get(0).channels());
        assertArrayEquals(new int[] {1, 5}, map.get(1).channels());
        assertArrayEquals(new int[] {2, 3}, map.get(2).channels());
    }

    @Test
    void rejectsBadGroupsNamingWhatIsWrong() {
        List<String> labels = List.of("F3", "F4");
        assertEquals("region left: no channel named 'f3', 'X'; expected labels from [F3, F4]",
                assertThrows(IllegalArgumentException.class, () -> RegionMap.parse("left:f3,X,F4", labels)).getMessage());
        assertEquals("region group 'left' in 'left' is not NAME:A,B (channel labels separated by commas)",
                assertThrows(IllegalArgumentException.class, () -> RegionMap.parse("left", labels)).getMessage());
        assertEquals("region group ':F3': region name must not be blank: ''",
                assertThrows(IllegalArgumentException.class, () -> RegionMap.parse(":F3", labels)).getMessage());
        assertEquals("region name 'a' appears twice",
                assertThrows(IllegalArgumentException.class, () -> RegionMap.parse("a:F3;a:F4", labels)).getMessage());
        assertEquals("region a lists channel 'F3' twice",
                assertThrows(IllegalArgumentException.class, () -> RegionMap.parse("a:F3,F3", labels)).getMessage());
    }

    @Test
    void regionPowerIsTheMeanOfItsChannelsAndAllFourShiftsAreTakenOnThatMean() {
        // Two frontal channels: the region powers are 2, 4 in the baseline (mean 3, population
        // sd 1) and then 8 uV^2. A third channel outside every region does not enter.
        BandSet bands = BandSet.parse("alpha:8-13");
        TimelineParameters p = TimelineParameters.ofSeconds(100, 1, 1);
        double[][] absolute = {{1, 3, 4, 4}, {3, 5, 12, 12}, {100, 100, 100, 100}};
        BandPowerTimeline timeline = new BandPowerTimeline(p, bands, 0.0, 4, absolute);
        RegionMap map = RegionMap.fromTenTwenty(List.of("F3", "F4", "EOG"));
        BandPowerTimeline regions = map.average(timeline);
        assertEquals(1, regions.channelCount());
        assertArrayEquals(new double[] {2, 4, 8, 8}, regions.absolute()[0], 0.0);
        Baseline baseline = Baseline.of(regions, 0.0, 2.0);
        assertEquals(2, baseline.frameCount());
        assertEquals(3.0, baseline.mean(0, 0), 0.0);
        assertEquals(1.0, baseline.sd(0, 0), 0.0);
        double power = regions.absolute(0, 3, 0);
        assertEquals(10 * Math.log10(8.0 / 3), baseline.shift(0, 0, power, ShiftMeasure.DECIBEL), 1e-12);
        assertEquals(100.0 * 5 / 3, baseline.shift(0, 0, power, ShiftMeasure.PERCENT), 1e-12);
        assertEquals(8.0 / 3, baseline.shift(0, 0, power, ShiftMeasure.RATIO), 1e-12);
        assertEquals(5.0, baseline.shift(0, 0, power, ShiftMeasure.Z_SCORE), 1e-12);
    }

    @Test
    void averagingIntoCallerRowsChecksShapes() {
        RegionMap map = RegionMap.parse("a:x,y", List.of("x", "y", "z"));
        double[][] out = new double[1][2];
        map.average(new double[][] {{1, 2}, {3, 6}, {9, 9}}, out);
        assertArrayEquals(new double[] {2, 4}, out[0], 0.0);
        assertEquals("region averages need 3 channel rows, got 2", assertThrows(IllegalArgumentException.class,
                () -> map.average(new double[2][2], out)).getMessage());
    }
}
