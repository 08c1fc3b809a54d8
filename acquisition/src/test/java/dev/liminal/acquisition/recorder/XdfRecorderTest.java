package dev.liminal.acquisition.recorder;

import dev.liminal.acquisition.monitor.TimingMonitor;
import dev.liminal.acquisition.pump.StreamPump;
import dev.liminal.core.stream.MemoryStreamSource;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StringRing;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.xdf.XdfFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.liminal.acquisition.recorder.RecorderFixtures.CHANNELS;
import static dev.liminal.acquisition.recorder.RecorderFixtures.eeg;
import static dev.liminal.acquisition.recorder.RecorderFixtures.markers;
import static dev.liminal.acquisition.recorder.RecorderFixtures.timestamp;
import static dev.liminal.acquisition.recorder.RecorderFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class XdfRecorderTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Reads every sample of stream 0 and checks it against the pattern from frame {@code first}. */
    static void assertEegFrames(RecordingReader r, long first, int n) throws IOException {
        double[][] v = new double[CHANNELS][n];
        double[] t = new double[n];
        r.readSamples(0, 0, n, v, 0);
        r.readTimestamps(0, 0, n, t, 0);
        for (int k = 0; k < n; k++) {
            assertEquals(timestamp(first + k), t[k], "timestamp of frame " + (first + k));
            for (int c = 0; c < CHANNELS; c++) assertEquals(value(first + k, c), v[c][k], "frame " + (first + k));
        }
    }

    @Test
    void recordsEveryFrameOfEveryStreamWithClockOffsetsAndFooters() throws Exception {
        int frames = 2500;
        double[][] v = new double[CHANNELS][frames];
        double[] t = new double[frames];
        for (int k = 0; k < frames; k++) {
            t[k] = timestamp(k);
            for (int c = 0; c < CHANNELS; c++) v[c][k] = value(k, c);
        }
        String[][] cues = {{"eyes closed"}, {"eyes open"}, {"dose"}};
        double[] cueTimes = {100.5, 103.25, 109.0};
        SampleRing eegRing = new SampleRing("eeg", CHANNELS, 4096);
        StringRing cueRing = new StringRing("cues", 1, 64);
        Path file = dir.resolve("session.xdf");
        XdfRecorder recorder = new XdfRecorder(file, List.of(
                RecorderInput.numeric(eeg(), eegRing, ClockOffsetProvider.local(SourceClock.SYSTEM), null),
                RecorderInput.strings(markers(), cueRing, ClockOffsetProvider.local(SourceClock.SYSTEM), null)),
                SourceClock.SYSTEM);
        recorder.start();
        StreamPump a = StreamPump.numeric(MemoryStreamSource.numeric(eeg(), v, t), eegRing, null, SourceClock.SYSTEM, null);
        StreamPump b = StreamPump.strings(MemoryStreamSource.strings(markers(), cues, cueTimes), cueRing, null,
                SourceClock.SYSTEM, null);
        a.start();
        b.start();
        assertTrue(a.awaitEnd(WAIT) && b.awaitEnd(WAIT));
        recorder.stop(WAIT);
        assertEquals(XdfRecorder.State.STOPPED, recorder.status().state());
        assertEquals(List.of((long) frames, 3L), recorder.status().framesFlushed());
        assertEquals(0, recorder.status().gaps());

        try (RecordingReader r = RecordingFormats.open(file)) {
            List<RecordedStream> streams = r.info().streams();
            assertEquals(3, streams.size());
            assertEquals("eeg", streams.get(0).info().name());
            assertEquals(frames, streams.get(0).sampleCount());
            assertEegFrames(r, 0, frames);
            assertEquals("cues", streams.get(1).info().name());
            String[][] got = r.readStrings(1, 0, 3);
            double[] gotTimes = new double[3];
            r.readTimestamps(1, 0, 3, gotTimes, 0);
            for (int k = 0; k < 3; k++) {
                assertEquals(cues[k][0], got[k][0]);
                assertEquals(cueTimes[k], gotTimes[k]);
            }
            assertEquals(XdfRecorder.EVENT_STREAM_NAME, streams.get(2).info().name());
            assertEquals(0, streams.get(2).sampleCount(), "no gaps");
            for (RecordedStream s : streams) {
                assertEquals(Long.toString(s.sampleCount()), s.footer().get("sample_count"), s.info().name() + " footer");
                assertTrue(Integer.parseInt(s.info().property(XdfFormat.CLOCK_OFFSET_COUNT)) >= 1,
                        s.info().name() + " has clock offsets");
            }
            assertEquals(Double.toString(timestamp(frames - 1)), streams.get(0).footer().get("last_timestamp"));
            assertTrue(r.info().warnings().isEmpty(), r.info().warnings().toString());
        }
    }

    @Test
    void anOverrunIsWrittenAsAGapEventWithTheExactNumberOfFramesLost() throws Exception {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 64);
        Path file = dir.resolve("gap.xdf");
        TimingMonitor monitor = new TimingMonitor(eeg());
        XdfRecorder recorder = new XdfRecorder(file,
                List.of(RecorderInput.numeric(eeg(), ring, ClockOffsetProvider.local(SourceClock.SYSTEM), monitor)),
                SourceClock.SYSTEM);
        RecorderFixtures.write(ring, 0, 200);
        ring.close();
        recorder.start();
        recorder.stop(WAIT);
        assertEquals(1, recorder.status().gaps());
        assertEquals(136, recorder.status().framesLost());
        assertEquals(136, monitor.snapshot().framesLost());
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(64, r.info().streams().get(0).sampleCount());
            assertEegFrames(r, 136, 64);
            RecordedStream events = r.info().streams().get(1);
            assertEquals(1, events.sampleCount());
            assertEquals("gap stream=\"eeg\" lost_frames=136 after_timestamp=NaN", r.readStrings(1, 0, 1)[0][0]);
        }
    }

    @Test
    void eventsNotedFromAnotherThreadAreWrittenInOrderEvenWhenNotedJustBeforeStop() throws Exception {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 256);
        Path file = dir.resolve("notes.xdf");
        XdfRecorder recorder = new XdfRecorder(file,
                List.of(RecorderInput.numeric(eeg(), ring, ClockOffsetProvider.local(SourceClock.SYSTEM), null)),
                SourceClock.SYSTEM);
        recorder.start();
        Thread other = new Thread(() -> {
            recorder.note("reconnect stream=\"eeg\" outage_s=0.400");
            recorder.note("second\nline");
        }, "liminal-test-noter");
        other.start();
        other.join();
        RecorderFixtures.write(ring, 0, 10);
        ring.close();
        recorder.stop(WAIT);
        try (RecordingReader r = RecordingFormats.open(file)) {
            RecordedStream events = r.info().streams().get(1);
            assertEquals(XdfRecorder.EVENT_STREAM_NAME, events.info().name());
            assertEquals(2, events.sampleCount());
            assertEquals("reconnect stream=\"eeg\" outage_s=0.400", r.readStrings(1, 0, 2)[0][0]);
            assertEquals("second line", r.readStrings(1, 0, 2)[1][0], "one line per event");
        }
    }

    @Test
    void writesClockOffsetsEveryFiveSecondsFromEachStreamsProvider() throws Exception {
        // a clock that advances a quarter second whenever it is read: the recorder's loop makes
        // many seconds pass in a few milliseconds
        AtomicLong quarters = new AtomicLong();
        SourceClock stepping = new SourceClock() {
            @Override
            public double nowSeconds() {
                return quarters.incrementAndGet() * 0.25;
            }

            @Override
            public void sleepUntil(double deadlineSeconds) {
                throw new UnsupportedOperationException("the recorder never sleeps on its clock");
            }
        };
        SampleRing ring = new SampleRing("eeg", CHANNELS, 64);
        Path file = dir.resolve("offsets.xdf");
        ClockOffsetProvider remote = () -> Optional.of(new ClockOffset(quarters.get() * 0.25 - 2.0, 2.0));
        XdfRecorder recorder = new XdfRecorder(file, List.of(RecorderInput.numeric(eeg(), ring, remote, null)), stepping);
        recorder.start();
        while (quarters.get() < 200) Thread.sleep(5);
        recorder.stop(WAIT);
        assertTrue(recorder.status().flushes() >= 2, "flushes " + recorder.status().flushes());
        try (RecordingReader r = RecordingFormats.open(file)) {
            List<Double> times = RecorderFixtures.offsetTimes(r.info().streams().get(0).footer().get("clock_offsets"));
            assertTrue(times.size() >= 5, "offsets at " + times);
            for (int i = 1; i < times.size(); i++) {
                double step = times.get(i) - times.get(i - 1);
                assertTrue(step >= XdfRecorder.CLOCK_OFFSET_INTERVAL_SECONDS
                        && step < XdfRecorder.CLOCK_OFFSET_INTERVAL_SECONDS + 1, "offsets at " + times);
            }
        }
    }

    @Test
    void whatIsFlushedCanBeReadWhileRecordingGoesOn() throws Exception {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 4096);
        Path file = dir.resolve("live.xdf");
        XdfRecorder recorder = new XdfRecorder(file,
                List.of(RecorderInput.numeric(eeg(), ring, ClockOffsetProvider.local(SourceClock.SYSTEM), null)),
                SourceClock.SYSTEM);
        recorder.start();
        RecorderFixtures.write(ring, 0, 300);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (recorder.status().framesFlushed().get(0) < 300 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(300, recorder.status().framesFlushed().get(0), "flushed within " + XdfRecorder.FLUSH_INTERVAL_SECONDS + " s");
        try (RecordingReader r = RecordingFormats.open(file)) {
            assertEquals(300, r.info().streams().get(0).sampleCount());
            assertTrue(r.info().streams().get(0).footer().isEmpty(), "no footer before stop");
            assertEegFrames(r, 0, 300);
        }
        recorder.stop(WAIT);
        assertFalse(recorder.failure().isPresent());
    }

    @Test
    void stopKeepsEverythingWrittenBeforeItWhileASourceKeepsWriting() throws Exception {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 1 << 16);
        Path file = dir.resolve("busy.xdf");
        XdfRecorder recorder = new XdfRecorder(file,
                List.of(RecorderInput.numeric(eeg(), ring, ClockOffsetProvider.local(SourceClock.SYSTEM), null)),
                SourceClock.SYSTEM);
        recorder.start();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicLong beforeStop = new AtomicLong();
        Thread writer = new Thread(() -> {
            long frame = 0;
            while (running.get()) {
                RecorderFixtures.write(ring, frame, 50);
                frame += 50;
                Thread.yield();
            }
            ring.close();
        }, "liminal-source-eeg");
        writer.start();
        Thread.sleep(300);
        beforeStop.set(ring.writtenFrames());
        recorder.stop(Duration.ofSeconds(10));
        running.set(false);
        writer.join(10_000);
        try (RecordingReader r = RecordingFormats.open(file)) {
            long recorded = r.info().streams().get(0).sampleCount();
            long lost = recorder.status().framesLost();
            assertTrue(recorded + lost >= beforeStop.get(), recorded + " frames recorded and " + lost + " lost, "
                    + beforeStop.get() + " written before stop");
            assertEquals(recorded, recorder.status().framesFlushed().get(0));
        }
    }

    @Test
    void refusesARingOfTheWrongKindOrShape() {
        assertThrows(IllegalArgumentException.class, () -> RecorderInput.numeric(eeg(), new SampleRing("eeg", 3, 8),
                ClockOffsetProvider.local(SourceClock.SYSTEM), null));
        assertThrows(IllegalArgumentException.class, () -> RecorderInput.numeric(markers(), new SampleRing("m", 1, 8),
                ClockOffsetProvider.local(SourceClock.SYSTEM), null));
    }
}
