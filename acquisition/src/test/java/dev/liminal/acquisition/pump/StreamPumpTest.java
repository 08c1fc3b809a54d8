package dev.liminal.acquisition.pump;

import dev.liminal.acquisition.monitor.TimingMonitor;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.MemoryStreamSource;
import dev.liminal.core.stream.RingReader;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SampleRingReader;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StringRing;
import dev.liminal.core.stream.StringRingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class StreamPumpTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    static StreamInfo eeg(int channels, double rateHz) {
        List<ChannelInfo> ch = new ArrayList<>();
        for (int c = 0; c < channels; c++) ch.add(new ChannelInfo("C" + c, ChannelType.EEG, "uV"));
        return new StreamInfo("eeg", "EEG", "", ch, rateHz, SampleFormat.FLOAT32, Map.of());
    }

    static MemoryStreamSource source(int frames) {
        double[][] v = new double[2][frames];
        double[] t = new double[frames];
        for (int k = 0; k < frames; k++) {
            t[k] = 5 + k / 250.0;
            v[0][k] = k;
            v[1][k] = -k;
        }
        return MemoryStreamSource.numeric(eeg(2, 250), v, t);
    }

    @Test
    void pumpsEveryFrameIntoTheRingThenEndsAndClosesIt() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", 2, 8192);
        SampleRingReader reader = ring.newReader();
        TimingMonitor monitor = new TimingMonitor(eeg(2, 250));
        StreamPump pump = StreamPump.numeric(source(5000), ring, monitor, SourceClock.SYSTEM, null);
        pump.start();
        double[][] v = new double[2][700];
        double[] t = new double[700];
        long next = 0;
        while (true) {
            int n = reader.read(v, t, 0, 700, WAIT);
            if (n == RingReader.END) break;
            assertTrue(n > 0, "read returned " + n);
            for (int k = 0; k < n; k++, next++) {
                assertEquals(next, v[0][k]);
                assertEquals(-next, v[1][k]);
                assertEquals(5 + next / 250.0, t[k]);
            }
        }
        assertEquals(5000, next);
        assertTrue(pump.awaitEnd(WAIT));
        assertEquals(StreamPump.State.ENDED, pump.state());
        assertEquals(5000, pump.framesPumped());
        assertEquals(5000, monitor.snapshot().totalFrames());
    }

    @Test
    void pumpsMarkersOnANamedSourceThread() throws InterruptedException {
        StreamInfo info = new StreamInfo("cues", "Markers", "", List.of(new ChannelInfo("m", ChannelType.MISC, "")), 0,
                SampleFormat.STRING, Map.of());
        AtomicReference<String> threadName = new AtomicReference<>();
        MemoryStreamSource inner = MemoryStreamSource.strings(info, new String[][] {{"a"}, {"b"}}, new double[] {1, 2});
        StreamSource spy = new Forwarding(inner) {
            @Override
            public int readStrings(String[][] dst, double[] ts, int offset, int max, Duration timeout) throws IOException {
                threadName.set(Thread.currentThread().getName());
                return inner.readStrings(dst, ts, offset, max, timeout);
            }
        };
        StringRing ring = new StringRing("cues", 1, 16);
        StringRingReader reader = ring.newReader();
        StreamPump pump = StreamPump.strings(spy, ring, null, SourceClock.SYSTEM, null);
        pump.start();
        assertTrue(pump.awaitEnd(WAIT));
        String[][] dst = new String[4][1];
        double[] t = new double[4];
        assertEquals(2, reader.read(dst, t, 0, 4));
        assertEquals("b", dst[1][0]);
        assertEquals("liminal-source-cues", threadName.get());
    }

    @Test
    void aFailingSourceIsReportedNotLost() throws InterruptedException {
        MemoryStreamSource inner = source(100);
        IOException broken = new IOException("amplifier unplugged");
        StreamSource failing = new Forwarding(inner) {
            int reads;

            @Override
            public int read(double[][] dst, double[] ts, int offset, int max, Duration timeout) throws IOException {
                if (++reads > 1) throw broken;
                return inner.read(dst, ts, offset, Math.min(max, 10), timeout);
            }
        };
        AtomicReference<Exception> reported = new AtomicReference<>();
        SampleRing ring = new SampleRing("eeg", 2, 64);
        SampleRingReader reader = ring.newReader();
        StreamPump pump = StreamPump.numeric(failing, ring, null, SourceClock.SYSTEM, reported::set);
        pump.start();
        assertTrue(pump.awaitEnd(WAIT));
        assertEquals(StreamPump.State.FAILED, pump.state());
        assertSame(broken, pump.failure().orElseThrow());
        assertSame(broken, reported.get());
        assertEquals(10, pump.framesPumped());
        assertEquals(10, reader.read(new double[2][64], new double[64], 0, 64));
        assertEquals(RingReader.END, reader.read(new double[2][64], new double[64], 0, 64), "the ring was closed");
    }

    @Test
    void stopEndsABlockedPumpPromptly() throws InterruptedException {
        StreamSource silent = new Forwarding(source(1)) {
            volatile boolean closed;

            @Override
            public int read(double[][] dst, double[] ts, int offset, int max, Duration timeout) {
                if (closed) return END_OF_STREAM;
                try {
                    Thread.sleep(timeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        StreamPump pump = StreamPump.numeric(silent, new SampleRing("eeg", 2, 64), null, SourceClock.SYSTEM, null);
        pump.start();
        assertTrue(pump.stop(WAIT));
        assertEquals(StreamPump.State.STOPPED, pump.state());
    }

    /** Forwards to another source, for overriding one method. */
    static class Forwarding implements StreamSource {
        final StreamSource inner;

        Forwarding(StreamSource inner) {
            this.inner = inner;
        }

        @Override
        public StreamInfo info() {
            return inner.info();
        }

        @Override
        public int read(double[][] dst, double[] ts, int offset, int max, Duration timeout) throws IOException {
            return inner.read(dst, ts, offset, max, timeout);
        }

        @Override
        public int readStrings(String[][] dst, double[] ts, int offset, int max, Duration timeout) throws IOException {
            return inner.readStrings(dst, ts, offset, max, timeout);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
