package dev.liminal.core.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer and several readers hammer a small ring for a bounded time. Every frame carries
 * its own number in the timestamp and in every channel, so each reader checks, frame by frame,
 * that nothing it gets is torn (a channel from another frame), duplicated or out of order, and
 * that frames read plus frames reported lost add up to exactly the frames written.
 */
@Timeout(60)
class SampleRingStressTest {
    /** Many channels make a copy slow enough for the writer to overwrite frames during it. */
    static final int CHANNELS = 64;
    /** Small, so that readers are lapped often and validation is exercised. */
    static final int CAPACITY = 64;
    static final long RUN_NANOS = 1_500_000_000L;
    static final int MAX_CHUNK = 24;

    static double value(long frame, int c) {
        return frame * 8.0 + c;
    }

    /** A reader's tally: what it read, what it was told it lost. */
    static final class Tally {
        long read;
        long lost;
        long overruns;
        long next;
        long reads;
    }

    @Test
    void readersNeverSeeTornDuplicatedOrReorderedFramesAndLossesAddUpExactly() throws InterruptedException {
        SampleRing ring = new SampleRing("stress", CHANNELS, CAPACITY);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        // reader 0: blocking with a timeout, keeps up; reader 1: polls; reader 2: slow, lapped
        // often; reader 3: waits until it is almost a whole ring behind and then copies the whole
        // ring, so the writer overwrites frames while they are being copied (validation's case)
        for (int i = 0; i < 4; i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            SampleRingReader reader = ring.newReader();
            int mode = i;
            threads.add(new Thread(() -> {
                try {
                    readUntilEnd(reader, tally, mode, 1000 + mode);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "liminal-test-reader-" + i));
        }
        long[] written = new long[1];
        Thread writer = new Thread(() -> {
            try {
                SplittableRandom random = new SplittableRandom(7);
                double[][] v = new double[CHANNELS][MAX_CHUNK];
                double[] t = new double[MAX_CHUNK];
                long frame = 0;
                long end = System.nanoTime() + RUN_NANOS;
                while (System.nanoTime() < end && failure.get() == null) {
                    int n = 1 + random.nextInt(MAX_CHUNK);
                    for (int k = 0; k < n; k++) {
                        t[k] = frame + k;
                        for (int c = 0; c < CHANNELS; c++) v[c][k] = value(frame + k, c);
                    }
                    ring.write(v, t, 0, n);
                    frame += n;
                    if (random.nextInt(64) == 0) Thread.yield();
                }
                written[0] = frame;
                ring.close();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "liminal-test-writer");
        threads.forEach(Thread::start);
        writer.start();
        writer.join();
        for (Thread th : threads) th.join(30_000);
        assertNull(failure.get(), () -> "a thread failed: " + failure.get());
        assertTrue(written[0] > 10L * CAPACITY, "only " + written[0] + " frames written");
        for (int i = 0; i < tallies.size(); i++) {
            Tally t = tallies.get(i);
            assertEquals(written[0], t.read + t.lost, "reader " + i + ": read " + t.read + " + lost " + t.lost);
            assertEquals(written[0], t.next, "reader " + i + " ended at frame " + t.next);
        }
        for (int i = 2; i < 4; i++) {
            Tally lapped = tallies.get(i);
            assertTrue(lapped.overruns > 0, "reader " + i + " was never lapped; the test proves nothing about overruns");
            assertTrue(lapped.read > 0, "reader " + i + " read nothing");
        }
    }

    private static void readUntilEnd(SampleRingReader reader, Tally tally, int mode, long seed)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] v = new double[CHANNELS][CAPACITY + 3];
        double[] t = new double[CAPACITY + 3];
        while (true) {
            int max = mode == 3 ? CAPACITY : 1 + random.nextInt(MAX_CHUNK);
            int offset = random.nextInt(3);
            if (mode == 3) {
                while (reader.ring().writtenFrames() - reader.position() < CAPACITY - 2 && !reader.ring().isClosed()) {
                    Thread.onSpinWait();
                }
            }
            int n = mode == 0 ? reader.read(v, t, offset, max, Duration.ofMillis(5)) : reader.read(v, t, offset, max);
            if (n == RingReader.END) return;
            if (n == RingReader.OVERRUN) {
                long lost = reader.lastLostFrames();
                if (lost <= 0) throw new AssertionError("overrun with " + lost + " frames lost");
                tally.lost += lost;
                tally.next += lost;
                tally.overruns++;
                if (reader.position() != tally.next) {
                    throw new AssertionError("after an overrun the reader is at " + reader.position()
                            + ", expected " + tally.next);
                }
                continue;
            }
            for (int k = 0; k < n; k++) {
                long f = tally.next + k;
                if (t[offset + k] != f) {
                    throw new AssertionError("expected frame " + f + ", got timestamp " + t[offset + k]);
                }
                for (int c = 0; c < CHANNELS; c++) {
                    if (v[c][offset + k] != value(f, c)) {
                        throw new AssertionError("frame " + f + " channel " + c + " is torn: " + v[c][offset + k]
                                + " instead of " + value(f, c));
                    }
                }
            }
            tally.next += n;
            tally.read += n;
            tally.reads++;
            if (mode == 2) {
                // a slow consumer: spin for a while so the writer laps it
                long until = System.nanoTime() + random.nextInt(200_000);
                while (System.nanoTime() < until) Thread.onSpinWait();
            }
        }
    }
}
