package dev.liminal.core.stream;

import dev.liminal.core.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link StreamSource} keeps. Subclass it once per implementation (in any
 * module, through core's test-jar) and say how to open a source that delivers a known, finite
 * number of frames and then ends.
 *
 * <p>Checked: the info is stable and matches what is read; a read fills only the span asked
 * for, at most {@code maxFrames}; timestamps are finite and non-decreasing; the source delivers
 * exactly {@link #expectedFrames()} frames and then {@link StreamSource#END_OF_STREAM}; the
 * method for the other kind of stream refuses; arrays too small are refused with
 * {@link IllegalArgumentException}; reads after {@link StreamSource#close()} end the stream and
 * close is idempotent.
 */
@Timeout(60)
public abstract class StreamSourceContract {
    /** Marks array cells a read must not touch. */
    private static final double UNTOUCHED = -123456.789;
    private static final String UNTOUCHED_TEXT = "\u0000untouched";
    /** Ample for any source under test to deliver its next frame (replays use fast clocks). */
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Opens a fresh source that delivers {@link #expectedFrames()} frames and then ends. */
    protected abstract StreamSource openSource() throws IOException;

    /** Frames the source from {@link #openSource()} delivers before it ends, >= 2. */
    protected abstract long expectedFrames();

    @Test
    void infoIsStableAndDescribesAtLeastOneChannel() throws IOException {
        try (StreamSource s = openSource()) {
            StreamInfo info = s.info();
            assertSame(info, s.info());
            assertTrue(info.channelCount() >= 1, "channel count " + info.channelCount());
        }
    }

    @Test
    void deliversExactlyTheExpectedFramesInTimeOrderThenEnds() throws IOException {
        try (StreamSource s = openSource()) {
            long total = 0;
            double last = Double.NEGATIVE_INFINITY;
            int max = 7;
            int offset = 3;
            while (true) {
                Chunk chunk = new Chunk(s.info(), offset + max + 2);
                int n = chunk.read(s, offset, max);
                if (n == StreamSource.END_OF_STREAM) break;
                assertTrue(n >= 0 && n <= max, "read returned " + n + " for at most " + max + " frames");
                if (n == 0) continue;
                chunk.assertOnlySpanWritten(offset, n);
                for (int k = offset; k < offset + n; k++) {
                    double t = chunk.timestamps[k];
                    assertTrue(Double.isFinite(t), "timestamp " + t + " s of frame " + (total + k - offset));
                    assertTrue(t >= last, "timestamp " + t + " s after " + last + " s");
                    last = t;
                }
                total += n;
                assertTrue(total <= expectedFrames(), total + " frames read, " + expectedFrames() + " expected");
            }
            assertEquals(expectedFrames(), total);
            assertEquals(StreamSource.END_OF_STREAM, new Chunk(s.info(), 4).read(s, 0, 4), "end is sticky");
        }
    }

    @Test
    void refusesTheMethodForTheOtherKindOfStream() throws IOException {
        try (StreamSource s = openSource()) {
            int ch = s.info().channelCount();
            if (s.info().format().isNumeric()) {
                assertThrows(UnsupportedOperationException.class,
                        () -> s.readStrings(new String[][] {new String[ch]}, new double[1], 0, 1, WAIT));
            } else {
                assertThrows(UnsupportedOperationException.class,
                        () -> s.read(new double[ch][1], new double[1], 0, 1, WAIT));
            }
        }
    }

    @Test
    void refusesArraysTooSmallForTheSpan() throws IOException {
        try (StreamSource s = openSource()) {
            int ch = s.info().channelCount();
            if (s.info().format().isNumeric()) {
                assertThrows(IllegalArgumentException.class, () -> s.read(new double[ch][4], new double[2], 0, 4, WAIT));
                assertThrows(IllegalArgumentException.class, () -> s.read(new double[ch][4], new double[4], 1, 4, WAIT));
                if (ch > 1) {
                    assertThrows(IllegalArgumentException.class,
                            () -> s.read(new double[ch - 1][4], new double[4], 0, 4, WAIT));
                }
            } else {
                String[][] rows = new String[4][ch];
                assertThrows(IllegalArgumentException.class, () -> s.readStrings(rows, new double[2], 0, 4, WAIT));
                assertThrows(IllegalArgumentException.class, () -> s.readStrings(rows, new double[4], 1, 4, WAIT));
            }
        }
    }

    @Test
    void readsAfterCloseEndTheStreamAndCloseIsIdempotent() throws IOException {
        StreamSource s = openSource();
        Chunk chunk = new Chunk(s.info(), 2);
        int first = chunk.read(s, 0, 1);
        assertTrue(first == 1 || first == 0, "first read returned " + first);
        s.close();
        s.close();
        assertEquals(StreamSource.END_OF_STREAM, chunk.read(s, 0, 1));
    }

    /** Caller-owned arrays for one read, pre-filled with markers. */
    private static final class Chunk {
        final StreamInfo info;
        final double[][] values;
        final String[][] strings;
        final double[] timestamps;

        Chunk(StreamInfo info, int length) {
            this.info = info;
            timestamps = new double[length];
            Arrays.fill(timestamps, UNTOUCHED);
            if (info.format().isNumeric()) {
                values = new double[info.channelCount()][length];
                for (double[] row : values) Arrays.fill(row, UNTOUCHED);
                strings = null;
            } else {
                values = null;
                strings = new String[length][info.channelCount()];
                for (String[] row : strings) Arrays.fill(row, UNTOUCHED_TEXT);
            }
        }

        int read(StreamSource s, int offset, int max) throws IOException {
            return info.format().isNumeric() ? s.read(values, timestamps, offset, max, WAIT)
                    : s.readStrings(strings, timestamps, offset, max, WAIT);
        }

        void assertOnlySpanWritten(int offset, int n) {
            for (int k = 0; k < timestamps.length; k++) {
                boolean inside = k >= offset && k < offset + n;
                if (!inside && timestamps[k] != UNTOUCHED) fail("timestamp cell " + k + " outside [" + offset + ", "
                        + (offset + n) + ") was written");
                if (inside && timestamps[k] == UNTOUCHED) fail("timestamp cell " + k + " was not written");
                for (int c = 0; c < info.channelCount(); c++) {
                    boolean untouched = values != null ? values[c][k] == UNTOUCHED
                            : UNTOUCHED_TEXT.equals(strings[k][c]);
                    if (inside == untouched) {
                        fail("channel " + c + " cell " + k + (inside ? " was not written" : " outside the span was written"));
                    }
                }
            }
        }
    }
}
