package dev.liminal.core.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class StringRingTest {
    static String[][] frames(int first, int n) {
        String[][] s = new String[n][];
        for (int k = 0; k < n; k++) s[k] = new String[] {"m" + (first + k), "c" + (first + k)};
        return s;
    }

    static double[] times(int first, int n) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) t[k] = 100 + first + k;
        return t;
    }

    @Test
    void readerGetsMarkersInOrderWithTheirTimestamps() throws InterruptedException {
        StringRing ring = new StringRing("markers", 2, 4);
        StringRingReader r = ring.newReader();
        ring.write(frames(0, 3), times(0, 3), 0, 3);
        String[][] dst = new String[5][2];
        double[] t = new double[5];
        assertEquals(3, r.read(dst, t, 1, 4, Duration.ofSeconds(1)));
        assertArrayEquals(new String[] {"m0", "c0"}, dst[1]);
        assertArrayEquals(new String[] {"m2", "c2"}, dst[3]);
        assertEquals(102, t[3]);
    }

    @Test
    void overrunCountsLostMarkersExactly() {
        StringRing ring = new StringRing("markers", 2, 4);
        StringRingReader r = ring.newReader();
        ring.write(frames(0, 10), times(0, 10), 0, 10);
        String[][] dst = new String[4][2];
        double[] t = new double[4];
        assertEquals(RingReader.OVERRUN, r.read(dst, t, 0, 4));
        assertEquals(6, r.lastLostFrames());
        assertEquals(4, r.read(dst, t, 0, 4));
        assertArrayEquals(new String[] {"m6", "c6"}, dst[0]);
        assertArrayEquals(new String[] {"m9", "c9"}, dst[3]);
    }

    @Test
    void nullValuesAreStoredAsEmptyTextAndTheEndIsReported() {
        StringRing ring = new StringRing("markers", 2, 4);
        StringRingReader r = ring.newReader();
        ring.write(new String[][] {{null, "x"}}, new double[] {1}, 0, 1);
        ring.close();
        String[][] dst = new String[1][2];
        double[] t = new double[1];
        assertEquals(1, r.read(dst, t, 0, 1));
        assertArrayEquals(new String[] {"", "x"}, dst[0]);
        assertEquals(RingReader.END, r.read(dst, t, 0, 1));
    }

    @Test
    void refusesRowsTooShort() {
        StringRing ring = new StringRing("markers", 2, 4);
        assertThrows(IllegalArgumentException.class, () -> ring.write(new String[][] {{"a"}}, new double[1], 0, 1));
        StringRingReader r = ring.newReader();
        assertThrows(IllegalArgumentException.class, () -> r.read(new String[][] {new String[1]}, new double[1], 0, 1));
    }
}
