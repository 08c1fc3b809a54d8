package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.recorder.ClockOffset;
import dev.liminal.core.ChannelType;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LslStreamSource} against a Liminal outlet on loopback. */
@Timeout(60)
class LslStreamSourceIT {
    /** Timestamps cross the wire as doubles: exact. */
    static final double TIMESTAMP_TOLERANCE_SECONDS = 0.0;
    /** float32 of mV values times 1000: relative error of one float32 ulp. */
    static final double FLOAT32_RELATIVE_TOLERANCE = 1e-6;
    /** On one machine local and "remote" clocks are the same; the estimate differs by the probe's asymmetry. */
    static final double SAME_MACHINE_OFFSET_TOLERANCE_SECONDS = 0.005;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Bound on read loops. */
    static final int MAX_READS = 200;

    private static String channel(String label, String unit, String type) {
        return "<channel><label>" + label + "</label><unit>" + unit + "</unit><type>" + type + "</type></channel>";
    }

    @Test
    void deliversEegInMicrovoltsOtherChannelsRawWithTheSendersTimestamps() throws Exception {
        String name = "p1-src-numeric-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 3, 100, ChannelFormat.FLOAT32, name)
                .withDescXml("<channels>" + channel("Cz", "mV", "EEG") + channel("Pz", "", "EEG")
                        + channel("AccX", "g", "ACCEL") + "</channels>");
        int frames = 50;
        try (LslOutlet outlet = LslOutlet.open(info, SourceTestLsl.config());
             LslStreamSource source = LslStreamSource.open(SourceTestLsl.resolve(name), SourceTestLsl.options())) {
            StreamInfo core = source.info();
            assertEquals("Cz", core.channels().get(0).label());
            assertEquals("uV", core.channels().get(0).unit());
            assertEquals("uV", core.channels().get(1).unit());
            assertEquals("g", core.channels().get(2).unit());
            assertEquals(ChannelType.ACCEL, core.channels().get(2).type());
            assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)), "inlet connected");
            double[] sent = new double[frames];
            for (int k = 0; k < frames; k++) {
                sent[k] = 1000.0 + k * 0.01;
                outlet.pushSample(new float[] {0.5f + k, 7f * k, 0.25f * k}, sent[k]);
            }
            double[][] values = new double[3][64];
            double[] stamps = new double[64];
            int got = 0;
            for (int reads = 0; got < frames && reads < MAX_READS; reads++) {
                int n = source.read(values, stamps, got, Math.min(16, 64 - got), READ_TIMEOUT);
                assertTrue(n >= 0, "read " + n);
                got += n;
            }
            assertEquals(frames, got);
            for (int k = 0; k < frames; k++) {
                assertEquals((0.5 + k) * 1000.0, values[0][k], (0.5 + k) * 1000.0 * FLOAT32_RELATIVE_TOLERANCE, "Cz mV->uV " + k);
                assertEquals(7.0 * k, values[1][k], 0.0, "Pz without a unit is taken as uV");
                assertEquals(0.25 * k, values[2][k], 0.0, "AccX raw");
                assertEquals(sent[k], stamps[k], TIMESTAMP_TOLERANCE_SECONDS);
            }
        }
    }

    @Test
    void deliversMarkersAsStrings() throws Exception {
        String name = "p1-src-markers-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "Markers", 1, 0, ChannelFormat.STRING, name);
        try (LslOutlet outlet = LslOutlet.open(info, SourceTestLsl.config());
             LslStreamSource source = LslStreamSource.open(SourceTestLsl.resolve(name), SourceTestLsl.options())) {
            assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
            outlet.pushSample(new String[] {"eyes closed"}, 12.5);
            outlet.pushSample(new String[] {"dose \u00b5g"}, 13.25);
            String[][] rows = new String[4][1];
            double[] stamps = new double[4];
            int got = 0;
            for (int reads = 0; got < 2 && reads < MAX_READS; reads++) {
                got += source.readStrings(rows, stamps, got, 4 - got, READ_TIMEOUT);
            }
            assertEquals(2, got);
            assertEquals("eyes closed", rows[0][0]);
            assertEquals("dose \u00b5g", rows[1][0]);
            assertEquals(12.5, stamps[0]);
            assertEquals(13.25, stamps[1]);
            assertThrows(UnsupportedOperationException.class,
                    () -> source.read(new double[1][1], new double[1], 0, 1, Duration.ZERO));
        }
    }

    @Test
    void vanishedSenderKeepsReceivedFramesThenFailsNamingTheStream() throws Exception {
        String name = "p1-src-vanish-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 1, 100, ChannelFormat.DOUBLE64, name);
        LslOutlet outlet = LslOutlet.open(info, SourceTestLsl.config());
        try (LslStreamSource source = LslStreamSource.open(SourceTestLsl.resolve(name), SourceTestLsl.options(),
                Duration.ofMillis(800))) {
            assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
            int frames = 30;
            for (int k = 0; k < frames; k++) outlet.pushSample(new double[] {k}, 50.0 + k / 100.0);
            while (source.inlet().samplesAvailable() < frames) Thread.sleep(10); // bounded by @Timeout
            outlet.close();
            double[][] values = new double[1][64];
            double[] stamps = new double[64];
            int got = 0;
            IOException failure = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    int n = source.read(values, stamps, got, 64 - got, Duration.ofMillis(100));
                    if (n == StreamSource.END_OF_STREAM) break;
                    got += n;
                } catch (IOException e) {
                    failure = e;
                    break;
                }
            }
            assertEquals(frames, got, "every frame received before the sender vanished");
            for (int k = 0; k < frames; k++) assertEquals(k, values[0][k]);
            assertTrue(failure != null, "a vanished sender surfaces as an IOException");
            assertTrue(failure.getMessage().contains("'" + name + "'"), failure.getMessage());
            assertTrue(failure.getMessage().lines().count() == 1, failure.getMessage());
        } finally {
            outlet.close();
        }
    }

    @Test
    void clockOffsetsAreTheInletsEstimateAndZeroWithClockSync() throws Exception {
        String name = "p1-src-clock-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 1, 10, ChannelFormat.FLOAT32, name);
        try (LslOutlet outlet = LslOutlet.open(info, SourceTestLsl.config());
             LslStreamSource raw = LslStreamSource.open(SourceTestLsl.resolve(name), SourceTestLsl.options());
             LslStreamSource synced = LslStreamSource.open(SourceTestLsl.resolve(name),
                     SourceTestLsl.options().withClockSync(true))) {
            raw.inlet().timeCorrection(Duration.ofSeconds(5));
            Optional<ClockOffset> o = raw.clockOffsets().measure();
            assertTrue(o.isPresent());
            assertEquals(0.0, o.get().offsetSeconds(), SAME_MACHINE_OFFSET_TOLERANCE_SECONDS);
            double now = System.nanoTime() / 1e9;
            assertEquals(now, o.get().collectionTimeSeconds(), 10.0, "collected within the last update interval");
            ClockOffset zero = synced.clockOffsets().measure().orElseThrow();
            assertEquals(0.0, zero.offsetSeconds());
            synced.inlet().timeCorrection(Duration.ofSeconds(5));
            assertTrue(outlet.waitForConsumers(Duration.ofSeconds(5)));
            double sent = System.nanoTime() / 1e9;
            outlet.pushSample(new float[] {1f}, sent);
            double[][] v = new double[1][1];
            double[] t = new double[1];
            int n = 0;
            for (int reads = 0; n == 0 && reads < MAX_READS; reads++) n = synced.read(v, t, 0, 1, READ_TIMEOUT);
            assertEquals(1, n);
            assertEquals(sent, t[0], SAME_MACHINE_OFFSET_TOLERANCE_SECONDS,
                    "with clock sync the sender's time plus the correction (about 0 s on one machine)");
        }
    }

    @Test
    void closeEndsReadsAndIsIdempotent() throws Exception {
        String name = "p1-src-close-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name);
        try (LslOutlet outlet = LslOutlet.open(info, SourceTestLsl.config())) {
            LslStreamSource source = LslStreamSource.open(SourceTestLsl.resolve(name), SourceTestLsl.options());
            source.close();
            source.close();
            assertEquals(StreamSource.END_OF_STREAM, source.read(new double[2][4], new double[4], 0, 4, Duration.ofMillis(50)));
            assertThrows(IllegalArgumentException.class, () -> source.read(new double[1][4], new double[4], 0, 4, Duration.ZERO));
            assertTrue(outlet.info().uid().length() > 0);
        }
    }
}
