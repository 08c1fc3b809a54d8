package dev.liminal.acquisition.monitor;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SourceClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingMonitorTest {
    static final double RATE_HZ = 100;
    /** Sums of 0.1 s steps over 20 s in doubles. */
    static final double TIME_TOLERANCE = 1e-9;
    /** A least-squares slope over 100 points of chunk-quantised lags. */
    static final double DRIFT_TOLERANCE_PPM = 1.0;

    /** A clock the test sets. */
    static final class ManualClock implements SourceClock {
        volatile double now;

        @Override
        public double nowSeconds() {
            return now;
        }

        @Override
        public void sleepUntil(double deadlineSeconds) {
            now = Math.max(now, deadlineSeconds);
        }
    }

    static StreamInfo stream(double rateHz) {
        return new StreamInfo("eeg", "EEG", "", List.of(new ChannelInfo("Cz", ChannelType.EEG, "uV")), rateHz,
                SampleFormat.FLOAT32, Map.of());
    }

    /**
     * Feeds {@code seconds} of chunks of 10 frames arriving every 0.1 s; the source's clock runs
     * at {@code 1 - slowPpm * 1e-6} of ours.
     */
    static long feed(TimingMonitor m, ManualClock clock, long firstFrame, double seconds, double slowPpm) {
        double[] t = new double[10];
        long frame = firstFrame;
        int chunks = (int) Math.round(seconds * 10);
        for (int i = 0; i < chunks; i++) {
            for (int k = 0; k < 10; k++, frame++) t[k] = frame / RATE_HZ * (1 - slowPpm * 1e-6);
            clock.now = frame / RATE_HZ;
            m.onFrames(t, 0, 10, clock.now);
        }
        return frame;
    }

    @Test
    void steadyStreamRunsAtItsNominalRateWithoutDriftOrJumps() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 0.05, clock);
        feed(m, clock, 0, 20, 0);
        TimingSnapshot s = m.snapshot();
        assertEquals(RATE_HZ, s.effectiveRateHz(), 1e-6);
        assertEquals(0, s.rateDeviation(), 1e-9);
        assertEquals(0, s.clockDriftPpm(), DRIFT_TOLERANCE_PPM);
        assertEquals(0, s.timestampJumps());
        assertEquals(2000, s.totalFrames());
        assertEquals(1 / RATE_HZ, s.dataAgeSeconds(), TIME_TOLERANCE, "newest frame is one period old at arrival");
        assertEquals(0, s.sinceArrivalSeconds(), TIME_TOLERANCE);
    }

    @Test
    void aSourceClockRunningSlowShowsAsPositiveDrift() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 0.05, clock);
        feed(m, clock, 0, 20, 200);
        assertEquals(200, m.snapshot().clockDriftPpm(), DRIFT_TOLERANCE_PPM);
    }

    @Test
    void missingFramesCountAsATimestampJumpOfTheGap() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 0.05, clock);
        long next = feed(m, clock, 0, 5, 0);
        feed(m, clock, next + 20, 5, 0);
        TimingSnapshot s = m.snapshot();
        assertEquals(1, s.timestampJumps());
        assertEquals(0.2, s.largestJumpSeconds(), TIME_TOLERANCE, "20 frames at 100 Hz are missing");
    }

    @Test
    void aStalledStreamDropsToZeroRateAndAges() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 0.05, clock);
        feed(m, clock, 0, 5, 0);
        double last = clock.now;
        clock.now = last + 12;
        TimingSnapshot s = m.snapshot();
        assertEquals(0, s.effectiveRateHz());
        assertEquals(-1, s.rateDeviation());
        assertEquals(12, s.sinceArrivalSeconds(), TIME_TOLERANCE);
        assertTrue(s.dataAgeSeconds() > 12);
    }

    @Test
    void rateOverTheWindowFollowsAChangeOfRate() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 10, clock);
        feed(m, clock, 0, 20, 0);
        // then 10 s of chunks of 10 frames every 0.2 s: 50 Hz
        double[] t = new double[10];
        double start = clock.now;
        long frame = 2000;
        for (int i = 0; i < 50; i++) {
            double now = start + (i + 1) * 0.2;
            for (int k = 0; k < 10; k++, frame++) t[k] = now - 0.2 + k * 0.02;
            clock.now = now;
            m.onFrames(t, 0, 10, now);
        }
        assertEquals(50, m.snapshot().effectiveRateHz(), 1e-6);
    }

    @Test
    void overrunsAreCountedWithTheFramesLost() {
        TimingMonitor m = new TimingMonitor(stream(RATE_HZ), 10, 0.05, new ManualClock());
        m.onOverrun(5);
        m.onOverrun(7);
        TimingSnapshot s = m.snapshot();
        assertEquals(2, s.overruns());
        assertEquals(12, s.framesLost());
    }

    @Test
    void irregularStreamsCountOnlyBackwardJumpsAndHaveNoRateDeviation() {
        ManualClock clock = new ManualClock();
        TimingMonitor m = new TimingMonitor(stream(0), 10, 0.05, clock);
        m.onFrames(new double[] {1, 5, 40, 39.99, 39}, 0, 5, 41);
        TimingSnapshot s = m.snapshot();
        assertEquals(1, s.timestampJumps());
        assertTrue(Double.isNaN(s.rateDeviation()));
    }

    @Test
    void refusesAWindowThatIsNotPositive() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TimingMonitor(stream(RATE_HZ), 0, 0.05, new ManualClock()));
    }
}
