package dev.liminal.app;

import dev.liminal.acquisition.pipeline.SessionSummary;
import dev.liminal.acquisition.pipeline.SummaryRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveShiftTableTest {
    @Test
    void summaryTableShowsSignedDecibelsWithDashesForMissingValues() {
        SessionSummary s = new SessionSummary("BASELINE", 10, List.of(
                new SummaryRow("INFUSION", "frontal", "alpha", -1.234, 5),
                new SummaryRow("INFUSION", "frontal", "gamma", 2.0, 5),
                new SummaryRow("INFUSION", "occipital", "alpha", Double.NaN, 0)));
        String table = LiveShiftTable.summary(s, "INFUSION", List.of("frontal", "occipital"), List.of("alpha", "gamma"));
        assertEquals("""
                mean shift against baseline in INFUSION, dB
                region      alpha   gamma
                frontal     -1.23   +2.00
                occipital       -       -
                """, table);
    }

    @Test
    void summaryWithoutBaselineOrPhaseSaysSo() {
        SessionSummary none = new SessionSummary("BASELINE", 0, List.of());
        assertEquals("no complete baseline: no shifts to summarise\n",
                LiveShiftTable.summary(none, "INFUSION", List.of("frontal"), List.of("alpha")));
        SessionSummary baselineOnly = new SessionSummary("BASELINE", 3,
                List.of(new SummaryRow("BASELINE", "frontal", "alpha", -0.1, 3)));
        assertEquals("no frames in phase INFUSION\n",
                LiveShiftTable.summary(baselineOnly, "INFUSION", List.of("frontal"), List.of("alpha")));
    }
}
