package dev.liminal.core.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class SampleRingTest {
    static final int CHANNELS = 3;

    /** Channel c of frame f: exact in a double, so any mix-up of frames or channels shows. */
    static double value(long f, int c) {
        return f * 16.0 + c;
    }

    /** Writes frames [first, first + n) of the known pattern. */
    static void writeFrames(SampleRing ring, long first, int n) {
        double[][] v = new double[CHANNELS][n + 2];
        double[] t = new double[n + 2];
        for (int k = 0; k < n; k++) {
            t[k + 2] = first + k;
            for (int c = 0; c < CHANNELS; c++) v[c][k + 2] = value(first + k, c);
        }
        ring.write(v, t, 2, n);
    }

    static void assertFrames(long first, int n, double[][] v, double[] t, int offset) {
        for (int k = 0; k < n; k++) {
            assertEquals(first + k, t[offset + k], "timestamp of frame " + (first + k));
            for (int c = 0; c < CHANNELS; c++) assertEquals(value(first + k, c), v[c][offset + k]);
        }
    }

    @Test
    void roundsCapacityUpToAPowerOfTwo() {
        assertEquals(8, new SampleRing("r", 1, 5).capacityFrames());
        assertEquals(8, new SampleRing("r", 1, 8).capacityFrames());
        assertEquals(1, new SampleRing("r", 1, 1).capacityFrames());
        assertThrows(IllegalArgumentException.class, () -> new SampleRing("r", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SampleRing("r", 0, 8));
    }

    @Test
    void readerReturnsFramesWrittenAfterItWasCreatedAcrossTheWrap() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        writeFrames(ring, 0, 5);
        SampleRingReader r = ring.newReader();
        assertEquals(5, r.position());
        writeFrames(ring, 5, 6);
        double[][] v = new double[CHANNELS][10];
        double[] t = new double[10];
        assertEquals(4, r.read(v, t, 1, 4));
        assertFrames(5, 4, v, t, 1);
        assertEquals(2, r.read(v, t, 0, 9));
        assertFrames(9, 2, v, t, 0);
        assertEquals(0, r.read(v, t, 0, 9));
        assertEquals(0, r.totalLostFrames());
    }

    @Test
    void readerFromOldestStartsAtTheOldestFrameKept() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 4);
        writeFrames(ring, 0, 10);
        SampleRingReader r = ring.newReaderFromOldest();
        assertEquals(6, r.position());
        double[][] v = new double[CHANNELS][4];
        double[] t = new double[4];
        assertEquals(4, r.read(v, t, 0, 4));
        assertFrames(6, 4, v, t, 0);
    }

    @Test
    void aReaderThatFallsBehindGetsAnOverrunWithTheExactLossThenContinuesFromTheOldest() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        SampleRingReader r = ring.newReader();
        writeFrames(ring, 0, 3);
        writeFrames(ring, 3, 10);
        double[][] v = new double[CHANNELS][8];
        double[] t = new double[8];
        assertEquals(RingReader.OVERRUN, r.read(v, t, 0, 8));
        assertEquals(5, r.lastLostFrames());
        assertEquals(5, r.position());
        assertEquals(8, r.read(v, t, 0, 8));
        assertFrames(5, 8, v, t, 0);
        writeFrames(ring, 13, 20);
        assertEquals(RingReader.OVERRUN, r.read(v, t, 0, 8));
        assertEquals(12, r.lastLostFrames());
        assertEquals(17, r.totalLostFrames());
        assertEquals(2, r.overrunCount());
        assertEquals(8, r.read(v, t, 0, 8));
        assertFrames(25, 8, v, t, 0);
    }

    @Test
    void aChunkLargerThanTheRingKeepsItsLastFramesAndCountsTheRestAsLost() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 4);
        SampleRingReader r = ring.newReader();
        writeFrames(ring, 0, 11);
        assertEquals(11, ring.writtenFrames());
        double[][] v = new double[CHANNELS][4];
        double[] t = new double[4];
        assertEquals(RingReader.OVERRUN, r.read(v, t, 0, 4));
        assertEquals(7, r.lastLostFrames());
        assertEquals(4, r.read(v, t, 0, 4));
        assertFrames(7, 4, v, t, 0);
    }

    @Test
    void validationDiscardsACopyTheWriterOverwroteMeanwhile() {
        // The interleaving a reader thread can meet, replayed step by step on one thread through
        // a cursor: the reader copies frames, the writer laps it before the copy is validated.
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        writeFrames(ring, 0, 8);
        RingSequence.Cursor cursor = ring.sequence().newCursor(true);
        assertEquals(0, cursor.position);
        double[][] v = new double[CHANNELS][8];
        double[] t = new double[8];
        int n = cursor.available(8);
        assertEquals(8, n);
        ring.copy(cursor.position, n, v, t, 0);
        writeFrames(ring, 8, 3);
        assertFalse(cursor.validate(), "frames 0..2 were overwritten after the copy began");
        assertEquals(3, cursor.lastLost);
        assertEquals(3, cursor.position);
        n = cursor.available(8);
        assertEquals(8, n);
        ring.copy(cursor.position, n, v, t, 0);
        assertTrue(cursor.validate());
        assertFrames(3, 8, v, t, 0);
    }

    @Test
    void closedRingIsDrainedThenReportsEnd() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        SampleRingReader r = ring.newReader();
        writeFrames(ring, 0, 2);
        ring.close();
        double[][] v = new double[CHANNELS][8];
        double[] t = new double[8];
        assertEquals(2, r.read(v, t, 0, 8, Duration.ofSeconds(1)));
        assertEquals(RingReader.END, r.read(v, t, 0, 8, Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> writeFrames(ring, 2, 1));
    }

    @Test
    void blockingReadTimesOutWhenNothingArrives() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        SampleRingReader r = ring.newReader();
        long start = System.nanoTime();
        assertEquals(0, r.read(new double[CHANNELS][1], new double[1], 0, 1, Duration.ofMillis(50)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 50, "returned after " + elapsedMillis + " ms");
    }

    @Test
    void blockedReaderWakesWhenTheWriterPublishes() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        SampleRingReader r = ring.newReader();
        AtomicReference<double[]> got = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            double[][] v = new double[CHANNELS][4];
            double[] t = new double[4];
            try {
                int n = r.read(v, t, 0, 4, Duration.ofSeconds(20));
                got.set(new double[] {n, t[0], v[2][0]});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "liminal-test-reader");
        reader.start();
        Thread.sleep(20);
        writeFrames(ring, 0, 1);
        reader.join(10_000);
        assertArrayEquals(new double[] {1, 0, value(0, 2)}, got.get());
    }

    @Test
    void onlyOneThreadMayWrite() throws InterruptedException {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        writeFrames(ring, 0, 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                writeFrames(ring, 1, 1);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "liminal-test-second-writer");
        other.start();
        other.join();
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        assertEquals(1, ring.writtenFrames());
    }

    @Test
    void refusesSpansTheArraysCannotHold() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        assertThrows(IllegalArgumentException.class, () -> ring.write(new double[CHANNELS][2], new double[3], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> ring.write(new double[CHANNELS - 1][3], new double[3], 0, 3));
        SampleRingReader r = ring.newReader();
        assertThrows(IllegalArgumentException.class, () -> r.read(new double[CHANNELS][2], new double[4], 0, 4));
    }

    @Test
    void closedReaderIsUnregistered() {
        SampleRing ring = new SampleRing("eeg", CHANNELS, 8);
        SampleRingReader a = ring.newReader();
        SampleRingReader b = ring.newReader();
        assertEquals(2, ring.readerCount());
        a.close();
        a.close();
        assertEquals(1, ring.readerCount());
        b.close();
        assertEquals(0, ring.readerCount());
    }
}
