package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandSetTest {
    @Test
    void defaultBandsAreDeltaThetaAlphaBetaGamma() {
        assertEquals("delta:1.0-4.0,theta:4.0-8.0,alpha:8.0-13.0,beta:13.0-30.0,gamma:30.0-45.0",
                BandSet.DEFAULT.format());
    }

    @Test
    void parsesNameLowHighListWithSpacesAndDecimals() {
        BandSet set = BandSet.parse(" alpha1 : 8-10.5 , alpha2:10.5-13,smr:12.5-15 ");
        assertEquals(List.of(new FrequencyBand("alpha1", 8, 10.5), new FrequencyBand("alpha2", 10.5, 13),
                new FrequencyBand("smr", 12.5, 15)), set.bands());
    }

    @Test
    void formatParsesBackToTheSameSet() {
        assertEquals(BandSet.DEFAULT, BandSet.parse(BandSet.DEFAULT.format()));
    }

    @Test
    void rejectsMalformedElementQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandSet.parse("alpha:8-13,beta=13-30"));
        assertEquals("band 'beta=13-30' in 'alpha:8-13,beta=13-30' is not name:low-high (Hz, e.g. alpha:8-13)", e.getMessage());
    }

    @Test
    void rejectsReversedEdgesQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandSet.parse("alpha:13-8"));
        assertEquals("band alpha 13.0-8.0 Hz: low edge must be below high edge", e.getMessage());
    }

    @Test
    void rejectsDuplicateNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandSet.parse("a:1-2,a:2-3"));
        assertEquals("band name 'a' appears twice in a:1.0-2.0,a:2.0-3.0", e.getMessage());
    }

    @Test
    void rejectsEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> BandSet.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> BandSet.parse("alpha:8-13,"));
    }

    @Test
    void bandBeyondNyquistIsRejectedQuotingBandNyquistAndRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandSet.DEFAULT.requireBelowNyquist(80.0));
        assertEquals("band gamma 30.0-45.0 Hz exceeds Nyquist 40.0 Hz for 80.0 Hz sampling", e.getMessage());
    }

    @Test
    void bandEndingExactlyAtNyquistIsAccepted() {
        BandSet.DEFAULT.requireBelowNyquist(90.0);
    }

    @Test
    void estimatorsRefuseBandsBeyondNyquist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPowerTimelineEstimator(TimelineParameters.offlineDefaults(80.0), BandSet.DEFAULT));
        assertEquals("band gamma 30.0-45.0 Hz exceeds Nyquist 40.0 Hz for 80.0 Hz sampling", e.getMessage());
    }
}
