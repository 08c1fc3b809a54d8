package dev.liminal.acquisition.simulation;

import dev.liminal.core.TenTwenty;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedEegTest {
    private static final double RATE_HZ = 500;

    @ParameterizedTest
    @EnumSource(Montage.class)
    void everyMontageHasUniqueTenTwentyLabels(Montage montage) {
        for (String label : montage.labels()) {
            assertTrue(TenTwenty.isElectrode(label), label + " in " + montage);
            ScalpSite.of(label); // every label has a region the signal model knows
        }
        assertEquals(montage.channelCount(), new HashSet<>(montage.labels()).size(), montage + " repeats a label");
    }

    @Test
    void generatorLabelsFollowTheChannelCount() {
        for (int n : new int[] {19, 32, 64}) {
            SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, SimulationSettings.DEFAULT.withChannelCount(n));
            assertEquals(n, eeg.channelCount());
            assertEquals(Montage.forChannelCount(n).labels(), eeg.labels());
        }
        assertEquals(List.of("Fp1", "AF3", "F7"), new SimulatedEeg(SimulatedSession.DEFAULT,
                SimulationSettings.DEFAULT).labels().subList(0, 3));
    }

    @Test
    void rejectsChannelCountsWithoutAStandardMontage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulationSettings.DEFAULT.withChannelCount(33));
        assertTrue(e.getMessage().contains("33 channels") && e.getMessage().contains("32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulationSettings.DEFAULT.withSampleRateHz(50));
        assertThrows(IllegalArgumentException.class, () -> SimulationSettings.DEFAULT.withSpeed(0));
    }

    @Test
    void sameSeedGivesIdenticalSamplesWhateverTheBlockSizes() {
        SimulationSettings settings = SimulationSettings.DEFAULT.withSpeed(50).withSeed(7);
        int frames = 20 * (int) RATE_HZ; // 20 s of stream, 1000 s of script: includes an infusion start
        double[][] whole = new SimulatedEeg(SimulatedSession.DEFAULT, settings).next(frames);
        SimulatedEeg pieces = new SimulatedEeg(SimulatedSession.DEFAULT, settings);
        double[][] assembled = new double[whole.length][frames];
        int[] sizes = {1, 37, 500, 3, 1024};
        int done = 0;
        for (int i = 0; done < frames; i++) {
            int n = Math.min(sizes[i % sizes.length], frames - done);
            if (i % 2 == 0) {
                double[][] block = new double[whole.length][n + 5]; // longer rows than needed are allowed
                pieces.next(block, n);
                for (int c = 0; c < whole.length; c++) System.arraycopy(block[c], 0, assembled[c], done, n);
            } else {
                pieces.next(assembled, done, n); // straight into place
            }
            done += n;
        }
        for (int c = 0; c < whole.length; c++) assertArrayEquals(whole[c], assembled[c], "channel " + c);
        double[][] other = new SimulatedEeg(SimulatedSession.DEFAULT, settings.withSeed(8)).next(frames);
        assertFalse(java.util.Arrays.equals(whole[0], other[0]), "another seed gives other samples");
    }

    @Test
    void amplitudesAreTensOfMicrovolts() {
        SimulationSettings quiet = SimulationSettings.DEFAULT.withArtifacts(false, false);
        double[][] x = new SimulatedEeg(SimulatedSession.DEFAULT, quiet).next(30 * (int) RATE_HZ);
        for (int c = 0; c < x.length; c++) {
            double sum = 0;
            double mean = 0;
            for (double v : x[c]) mean += v / x[c].length;
            for (double v : x[c]) sum += (v - mean) * (v - mean);
            double rms = Math.sqrt(sum / x[c].length);
            // resting scalp EEG: a few to a few tens of uV RMS
            assertTrue(rms > 5 && rms < 50, "channel " + c + " RMS " + rms + " uV");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {100, 128, 250, 1000, 2048})
    void worksAtOtherRates(double rateHz) {
        SimulationSettings settings = SimulationSettings.DEFAULT.withChannelCount(8).withSampleRateHz(rateHz);
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, settings);
        double[][] x = eeg.next((int) (20 * rateHz));
        for (int c = 0; c < x.length; c++) {
            double sum = 0;
            for (double v : x[c]) {
                assertTrue(Double.isFinite(v), "channel " + c + " at " + rateHz + " Hz");
                sum += v * v;
            }
            double rms = Math.sqrt(sum / x[c].length);
            assertTrue(rms > 5 && rms < 100, "channel " + c + " at " + rateHz + " Hz: RMS " + rms + " uV");
        }
    }

    @Test
    void blinksAppearAtFrontopolarSitesAndNotOccipital() {
        SimulationSettings without = SimulationSettings.DEFAULT.withArtifacts(false, false).withSeed(3);
        SimulationSettings with = without.withArtifacts(true, false);
        int frames = 60 * (int) RATE_HZ;
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, with);
        double[][] a = eeg.next(frames);
        double[][] b = new SimulatedEeg(SimulatedSession.DEFAULT, without).next(frames);
        List<String> labels = eeg.labels();
        for (String label : List.of("Fp1", "Fp2")) {
            int c = labels.indexOf(label);
            double max = 0;
            int blinks = 0;
            boolean inBlink = false;
            for (int i = 0; i < frames; i++) {
                double d = a[c][i] - b[c][i];
                max = Math.max(max, d);
                // a blink peaks at 100-200 uV; count rises through half the smallest peak
                if (!inBlink && d > SimulatedEeg.BLINK_MIN_MICROVOLTS / 2) blinks++;
                inBlink = d > SimulatedEeg.BLINK_MIN_MICROVOLTS / 2;
            }
            assertTrue(max >= SimulatedEeg.BLINK_MIN_MICROVOLTS * 0.99 && max <= SimulatedEeg.BLINK_MAX_MICROVOLTS,
                    label + " blink peak " + max + " uV");
            // mean interval 5.5 s (5 s plus 0.5 s refractory, 0.4 s blink): about 10 in 60 s
            assertTrue(blinks >= 5 && blinks <= 20, label + ": " + blinks + " blinks in 60 s");
        }
        for (String label : List.of("O1", "O2", "Oz", "Pz", "Cz")) {
            int c = labels.indexOf(label);
            assertArrayEquals(b[c], a[c], label + " must not see blinks");
        }
    }

    @Test
    void muscleBurstsAreBroadbandAboveTwentyHertzAtTemporalSites() {
        SimulationSettings without = SimulationSettings.DEFAULT.withArtifacts(false, false).withSeed(5);
        SimulationSettings with = without.withArtifacts(false, true);
        int frames = 120 * (int) RATE_HZ;
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, with);
        double[][] a = eeg.next(frames);
        double[][] b = new SimulatedEeg(SimulatedSession.DEFAULT, without).next(frames);
        double[][] emg = new double[a.length][frames];
        for (int c = 0; c < a.length; c++) for (int i = 0; i < frames; i++) emg[c][i] = a[c][i] - b[c][i];
        PowerSpectrum psd = new WelchEstimator(WelchParameters.defaults(RATE_HZ)).estimate(emg);
        List<String> labels = eeg.labels();
        double temporal = 0;
        for (String label : List.of("T7", "T8")) {
            int c = labels.indexOf(label);
            double above = 0;
            double total = 0;
            for (int k = 0; k < psd.binCount(); k++) {
                total += psd.density(c, k);
                if (psd.frequencyHz(k) >= 20) above += psd.density(c, k);
            }
            assertTrue(total > 0, label + " has no EMG in 120 s");
            // a second-order high-pass at 20 Hz leaves a few percent below it
            assertTrue(above / total > 0.9, label + ": " + above / total + " of the EMG power is above 20 Hz");
            temporal += total;
        }
        int pz = labels.indexOf("Pz");
        double parietal = 0;
        for (int k = 0; k < psd.binCount(); k++) parietal += psd.density(pz, k);
        // weights 1.0 temporal vs 0.05 parietal: power ratio 400
        assertTrue(parietal * 100 < temporal / 2, "Pz EMG " + parietal + " vs temporal " + temporal / 2);
    }

    @Test
    void scriptClockRunsAtTheSpeed() {
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, SimulationSettings.DEFAULT.withSpeed(50));
        assertEquals(1.0, eeg.timeSeconds(500));
        assertEquals(50.0, eeg.scriptSeconds(500));
        assertEquals(0.0, eeg.effect());
        // script 2700 s, the end of the infusion, is stream second 54
        double[][] block = new double[eeg.channelCount()][500];
        while (eeg.position() < 54 * 500) eeg.next(block, 500);
        assertEquals(SimulatedSession.DEFAULT.concentrationNgPerMl(2700), eeg.concentrationNgPerMl(), 1.0);
        assertTrue(eeg.effect() > 0.8, "effect " + eeg.effect());
    }

    @Test
    void rejectsBlocksOfTheWrongShape() {
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, SimulationSettings.DEFAULT.withChannelCount(19));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eeg.next(new double[18][10], 10));
        assertTrue(e.getMessage().contains("18 rows for 19 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> eeg.next(new double[19][5], 10));
        assertTrue(e.getMessage().contains("Fp1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> eeg.next(new double[19][15], 6, 10));
        assertTrue(e.getMessage().contains("offset 6 + 10"), e.getMessage());
        assertEquals(0, eeg.position(), "a rejected call generates nothing");
    }
}
