package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampPostProcessorTest {
    private static final double RATE_HZ = 100;
    private static final double JITTER_SECONDS = 0.002;

    @Test
    void dejitterRemovesMostOfUniformJitterOnARegularStream() {
        TimestampPostProcessor p = new TimestampPostProcessor(false, true, false, RATE_HZ, 90);
        Random rnd = new Random(42);
        double sumRaw = 0;
        double sumSmooth = 0;
        int counted = 0;
        for (int i = 0; i < 5000; i++) {
            double truth = 500 + i / RATE_HZ;
            double raw = truth + (rnd.nextDouble() * 2 - 1) * JITTER_SECONDS;
            double out = p.process(raw, 0);
            if (i >= 1000) {
                sumRaw += (raw - truth) * (raw - truth);
                sumSmooth += (out - truth) * (out - truth);
                counted++;
            }
        }
        double rmsRaw = Math.sqrt(sumRaw / counted);
        double rmsSmooth = Math.sqrt(sumSmooth / counted);
        assertTrue(rmsSmooth < rmsRaw / 5, "rms " + rmsSmooth + " s after dejitter vs " + rmsRaw + " s raw");
    }

    @Test
    void clockSyncAddsTheCorrectionAndMonotonizeNeverGoesBack() {
        TimestampPostProcessor p = new TimestampPostProcessor(true, false, true, 0, 90);
        assertEquals(10.5, p.process(10.0, 0.5));
        assertEquals(10.5, p.process(9.0, 0.5), "a step back is held at the last value");
        assertEquals(12.5, p.process(12.0, 0.5));
    }
}
