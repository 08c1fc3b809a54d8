package dev.liminal.benchmarks.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticEegTest {
    private static final BenchDataSpec SPEC = new BenchDataSpec(64, 250, 8, 42L);

    @Test
    void equalSeedsGiveEqualSamplesWhateverTheBlockSize() {
        double[][] whole = new double[64][1000];
        new SyntheticEeg(SPEC).next(whole, 1000);

        SyntheticEeg pieces = new SyntheticEeg(SPEC);
        double[][] first = new double[64][300];
        double[][] rest = new double[64][700];
        pieces.next(first, 300);
        pieces.next(rest, 700);
        assertEquals(1000, pieces.position());
        for (int c = 0; c < 64; c++) {
            for (int k = 0; k < 300; k++) assertEquals(whole[c][k], first[c][k], 0.0, "channel " + c + " sample " + k);
            for (int k = 0; k < 700; k++) assertEquals(whole[c][300 + k], rest[c][k], 0.0, "channel " + c + " sample " + (300 + k));
        }
    }

    @Test
    void otherSeedsGiveOtherSamples() {
        double[][] a = new double[1][10];
        double[][] b = new double[1][10];
        new SyntheticEeg(new BenchDataSpec(1, 250, 1, 1L)).next(a, 10);
        new SyntheticEeg(new BenchDataSpec(1, 250, 1, 2L)).next(b, 10);
        assertNotEquals(a[0][5], b[0][5]);
    }

    @Test
    void amplitudeIsEegLikeAndNeverConstant() {
        double[][] x = new double[64][2000];
        new SyntheticEeg(SPEC).next(x, 2000);
        for (int c = 0; c < 64; c++) {
            double mean = 0;
            for (double v : x[c]) mean += v / x[c].length;
            double var = 0;
            for (double v : x[c]) var += (v - mean) * (v - mean) / x[c].length;
            double sd = Math.sqrt(var);
            // background components give sqrt(14^2 + 6^2 + 2.5^2) = 15.4 uV; alpha adds up to ~12 uV rms
            assertTrue(sd > 8 && sd < 40, "channel " + c + " standard deviation " + sd + " uV");
            for (int k = 1; k < x[c].length; k++) assertNotEquals(x[c][k - 1], x[c][k]);
        }
    }

    @Test
    void alphaIsStrongerOverOccipitalThanFrontalElectrodes() {
        BenchDataSpec spec = new BenchDataSpec(64, 250, 40, 7L);
        List<String> labels = SyntheticEeg.labels(64);
        int fp1 = labels.indexOf("Fp1");
        int o1 = labels.indexOf("O1");
        double[][] x = new double[64][spec.sampleCount()];
        new SyntheticEeg(spec).next(x, spec.sampleCount());
        assertTrue(bandPower(x[o1], 250, 9.5, 10.5) > 3 * bandPower(x[fp1], 250, 9.5, 10.5),
                "alpha power O1 " + bandPower(x[o1], 250, 9.5, 10.5) + " vs Fp1 " + bandPower(x[fp1], 250, 9.5, 10.5));
    }

    @Test
    void labelsFollowTheSixtyFourChannelCapThenNumber() {
        List<String> labels = SyntheticEeg.labels(66);
        assertEquals("Fp1", labels.get(0));
        assertEquals("O2", labels.get(63));
        assertEquals("E065", labels.get(64));
        assertEquals(64, labels.subList(0, 64).stream().distinct().count());
    }

    @Test
    void rejectsADestinationOfTheWrongShape() {
        SyntheticEeg eeg = new SyntheticEeg(new BenchDataSpec(2, 100, 1, 1L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eeg.next(new double[3][10], 10));
        assertTrue(e.getMessage().contains("3 rows for 2 channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> eeg.next(new double[2][5], 10));
    }

    @Test
    void specRejectsFractionalRatesAndEmptyRecordings() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new BenchDataSpec(4, 487.5, 10, 1));
        assertTrue(rate.getMessage().contains("487.5 Hz"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BenchDataSpec(4, 250, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchDataSpec(0, 250, 10, 1));
        assertArrayEquals(new int[] {64, 1000, 3600}, new int[] {BenchDataSpec.ONE_HOUR_64_CHANNELS.channelCount(),
                BenchDataSpec.ONE_HOUR_64_CHANNELS.samplesPerSecond(), BenchDataSpec.ONE_HOUR_64_CHANNELS.durationSeconds()});
    }

    /** Power between lowHz and highHz by a naive DFT over the whole signal (uV^2, unnormalised). */
    private static double bandPower(double[] x, double rateHz, double lowHz, double highHz) {
        int n = x.length;
        double power = 0;
        for (int bin = (int) Math.ceil(lowHz * n / rateHz); bin <= (int) Math.floor(highHz * n / rateHz); bin++) {
            double re = 0;
            double im = 0;
            for (int k = 0; k < n; k++) {
                double phase = 2 * Math.PI * bin * k / n;
                re += x[k] * Math.cos(phase);
                im -= x[k] * Math.sin(phase);
            }
            power += re * re + im * im;
        }
        return power;
    }
}
