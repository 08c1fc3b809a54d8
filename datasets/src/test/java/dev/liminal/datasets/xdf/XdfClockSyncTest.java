package dev.liminal.datasets.xdf;

import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clock synchronisation on a synthetic recording whose sender clock is reset halfway: before
 * the reset the sender's clock runs {@code 1000 s + 1 ms/s} behind the recorder's, after it
 * (the sender's clock jumped to 5000 s) it is 3900 s ahead.
 */
class XdfClockSyncTest {
    static final double RATE_HZ = 100;
    /** Sample times are multiples of 10 ms and offsets linear: only rounding remains. */
    static final double TOLERANCE_SECONDS = 1e-6;

    @TempDir
    Path dir;

    /** The recorder's time of a sender timestamp before the reset. */
    static double beforeReset(double t) {
        return t + 1000 + 0.001 * t;
    }

    /** The recorder's time of a sender timestamp after the reset. */
    static double afterReset(double t) {
        return t - 3900;
    }

    private Path write() throws IOException {
        Path file = dir.resolve("reset.xdf");
        try (XdfWriter w = new XdfWriter(file)) {
            int id = w.addStream(XdfWriterTest.stream("eeg", SampleFormat.FLOAT32, 1, RATE_HZ, "uV"), null);
            // 2 s of samples before the first measurement, then 50 s with a measurement every 5 s
            writeRun(w, id, -2, 52, 0, 50, false);
            writeRun(w, id, 5000, 5050, 5000, 5050, true);
        }
        return file;
    }

    private static void writeRun(XdfWriter w, int id, double from, double to, double firstOffset, double lastOffset,
                                 boolean reset) throws IOException {
        int n = (int) Math.round((to - from) * RATE_HZ);
        double[][] v = new double[1][n];
        double[] t = new double[n];
        for (int k = 0; k < n; k++) t[k] = from + k / RATE_HZ;
        int written = 0;
        for (double m = firstOffset; m <= lastOffset; m += 5) {
            w.writeClockOffset(id, m, reset ? afterReset(m) - m : beforeReset(m) - m);
            int upTo = (int) Math.min(n, Math.round((m + 5 - from) * RATE_HZ));
            if (upTo > written) {
                w.writeSamples(id, v, written, upTo - written, t);
                written = upTo;
            }
        }
        if (written < n) w.writeSamples(id, v, written, n - written, t);
    }

    private static double[] times(RecordingReader r) throws IOException {
        RecordedStream s = r.info().streams().get(0);
        double[] t = new double[(int) s.sampleCount()];
        r.readTimestamps(0, 0, t.length, t, 0);
        return t;
    }

    @Test
    void eachClockSegmentGetsItsOwnLineIncludingSamplesBeforeTheFirstMeasurement() throws IOException {
        Path file = write();
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT)) {
            double[] t = times(r);
            int before = (int) Math.round(54 * RATE_HZ);
            assertEquals(before + 50 * RATE_HZ, t.length);
            for (int k = 0; k < before; k++) {
                double sender = -2 + k / RATE_HZ;
                assertEquals(beforeReset(sender), t[k], TOLERANCE_SECONDS, "sample " + k + " before the reset");
            }
            for (int k = before; k < t.length; k++) {
                double sender = 5000 + (k - before) / RATE_HZ;
                assertEquals(afterReset(sender), t[k], TOLERANCE_SECONDS, "sample " + k + " after the reset");
            }
            assertTrue(r.info().warnings().stream().anyMatch(w -> w.contains("clock reset before the offset measured at 5000.0")),
                    r.info().warnings().toString());
            // the synchronised times jump from ~1052 s to 1100 s: two segments
            RecordedStream s = r.info().streams().get(0);
            assertEquals(2, s.segments().size());
            assertEquals(before, s.segments().get(1).firstSample());
            assertEquals(1100.0, s.segments().get(1).startSeconds(), TOLERANCE_SECONDS);
        }
    }

    @Test
    void withoutResetHandlingOneLineThroughAllOffsetsIsWrong() throws IOException {
        Path file = write();
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT.withHandleClockResets(false))) {
            double[] t = times(r);
            assertTrue(Math.abs(t[0] - beforeReset(-2)) > 1, "a single fit across the reset misplaces samples: " + t[0]);
        }
    }

    @Test
    void withoutSynchronisationTimesAreTheSendersOwn() throws IOException {
        Path file = write();
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT.withSynchronizeClocks(false))) {
            double[] t = times(r);
            assertEquals(-2.0, t[0], 1e-12);
            assertEquals(5000.0, t[(int) Math.round(54 * RATE_HZ)], 1e-9);
        }
    }

    @Test
    void dejitterRemovesTimestampNoise() throws IOException {
        Path file = dir.resolve("jitter.xdf");
        int n = 2000;
        double[] t = new double[n];
        java.util.Random rnd = new java.util.Random(42);
        for (int k = 0; k < n; k++) t[k] = 10 + k / RATE_HZ + (rnd.nextDouble() - 0.5) * 0.004;
        try (XdfWriter w = new XdfWriter(file)) {
            int id = w.addStream(XdfWriterTest.stream("j", SampleFormat.FLOAT32, 1, RATE_HZ, "uV"), null);
            w.writeSamples(id, new double[1][n], 0, n, t);
        }
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT.withDejitter(true))) {
            double[] d = times(r);
            for (int k = 1; k < n; k++) assertEquals(1 / RATE_HZ, d[k] - d[k - 1], 1e-6, "step " + k);
            assertEquals(10 + 0.5 * (n - 1) / RATE_HZ, (d[0] + d[n - 1]) / 2, 1e-3);
            double eff = Double.parseDouble(r.info().streams().get(0).info().property(XdfFormat.EFFECTIVE_SRATE));
            assertEquals(RATE_HZ, eff, 0.01);
        }
        try (RecordingReader r = XdfFormat.open(file, XdfReadOptions.DEFAULT)) {
            double[] raw = times(r);
            assertEquals(t[5], raw[5], 0, "without dejitter the stored times come back");
        }
    }
}
