package dev.liminal.dsp.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class QualityAssessorTest {
    private static final double FS_HZ = 250.0;
    private static final int N = 500;

    private static double[] sine(double amplitudeUv, double hz, double offsetUv) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = offsetUv + amplitudeUv * Math.sin(2 * Math.PI * hz * i / FS_HZ);
        return x;
    }

    @Test
    void flagsAmplitudeByPeakDeviationFromMeanNotByOffset() {
        QualityAssessor q = new QualityAssessor();
        FrameQuality f = q.assess(new double[][] {sine(160, 10, 0), sine(140, 10, 0), sine(140, 10, 5000)});
        assertEquals(QualityFlags.of(QualityFlag.AMPLITUDE), f.channel(0));
        assertEquals(QualityFlags.NONE, f.channel(1));
        assertEquals(QualityFlags.NONE, f.channel(2), "a 5 mV DC offset with a 140 uV sine is not an amplitude artefact");
    }

    @Test
    void singleSpikeAboveThresholdIsFlagged() {
        double[] x = sine(20, 10, 0);
        x[123] += 200;
        assertTrue(new QualityAssessor().assess(new double[][] {x}).channel(0).contains(QualityFlag.AMPLITUDE));
    }

    @Test
    void flagsFlatLineBelowHalfMicrovoltPeakToPeak() {
        Random rnd = new Random(5L);
        double[] flat = new double[N];
        double[] quiet = new double[N];
        for (int i = 0; i < N; i++) {
            flat[i] = 12.0 + 0.2 * (rnd.nextDouble() - 0.5); // 0.2 uV peak-to-peak at most
            quiet[i] = 12.0 + 0.3 * Math.sin(i * 0.3);       // 0.6 uV peak-to-peak
        }
        FrameQuality f = new QualityAssessor().assess(new double[][] {flat, quiet});
        assertEquals(QualityFlags.of(QualityFlag.FLAT), f.channel(0));
        assertEquals(QualityFlags.NONE, f.channel(1));
    }

    @Test
    void flagsNonFiniteOnlyAndBlanksItsBandPowers() {
        double[] nan = sine(500, 10, 0);
        nan[77] = Double.NaN;
        double[] inf = sine(10, 10, 0);
        inf[N - 1] = Double.NEGATIVE_INFINITY;
        FrameQuality f = new QualityAssessor().assess(new double[][] {nan, inf, sine(10, 10, 0)});
        assertEquals(QualityFlags.of(QualityFlag.NON_FINITE), f.channel(0), "amplitude not judged on a NaN window");
        assertEquals(QualityFlags.of(QualityFlag.NON_FINITE), f.channel(1));
        assertTrue(f.isUsable(2));
        assertFalse(f.isUsable(0));
        double[][] bandPowers = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        f.blankUnusable(bandPowers);
        for (int c = 0; c < 2; c++) for (double v : bandPowers[c]) assertTrue(Double.isNaN(v));
        assertArrayEquals(new double[] {7, 8, 9}, bandPowers[2], 0.0);
    }

    @Test
    void allocationFreeFormMatchesRecordFormOverAnOffsetWindow() {
        double[][] recording = {sine(200, 3, 0), sine(0.1, 3, 0), sine(30, 3, 0)};
        recording[2][450] = Double.NaN;
        int[] bits = new int[3];
        QualityAssessor q = new QualityAssessor();
        q.assess(recording, 100, 250, bits);
        double[][] window = new double[3][];
        for (int c = 0; c < 3; c++) window[c] = java.util.Arrays.copyOfRange(recording[c], 100, 350);
        assertEquals(q.assess(window), FrameQuality.ofBits(bits));
        assertEquals(QualityFlag.AMPLITUDE.bit(), bits[0]);
        assertEquals(QualityFlag.FLAT.bit(), bits[1]);
        assertEquals(0, bits[2], "the NaN at 450 lies outside [100, 350)");
    }

    @Test
    void thresholdsAreConfigurableAndValidated() {
        QualityAssessor strict = new QualityAssessor(new QualityThresholds(50, 0.5, 0.05));
        assertTrue(strict.assess(new double[][] {sine(60, 10, 0)}).channel(0).contains(QualityFlag.AMPLITUDE));
        var e = assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(-1, 0.5, 0.05));
        assertTrue(e.getMessage().contains("-1.0 uV"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(150, 0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new QualityThresholds(150, 0.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new QualityAssessor().assess(new double[1][10], 5, 6, new int[1]));
    }

    @Test
    void flagsAreABitmaskSet() {
        QualityFlags f = QualityFlags.of(QualityFlag.FLAT, QualityFlag.EMG);
        assertEquals(EnumSet.of(QualityFlag.FLAT, QualityFlag.EMG), f.toSet());
        assertTrue(f.with(QualityFlag.AMPLITUDE).contains(QualityFlag.AMPLITUDE));
        assertFalse(f.contains(QualityFlag.AMPLITUDE));
        assertThrows(IllegalArgumentException.class, () -> new QualityFlags(1 << 10));
    }

    @Test
    void bitmaskAssessAllocatesNothingAfterWarmUp() {
        double[][] x = {sine(200, 3, 0), sine(0.1, 3, 0), sine(30, 3, 0)};
        int[] bits = new int[3];
        QualityAssessor q = new QualityAssessor();
        for (int k = 0; k < 2000; k++) q.assess(x, 0, N, bits);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 2000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < calls; k++) q.assess(x, 0, N, bits);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < calls, allocated + " bytes allocated over " + calls + " windows");
    }
}
