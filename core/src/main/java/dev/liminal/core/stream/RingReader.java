package dev.liminal.core.stream;

/**
 * What every reader of a ring ({@link SampleRingReader}, {@link StringRingReader}) shares: its
 * own {@code long} cursor, the outcome codes of a read and the overrun accounting.
 *
 * <p>A read returns the number of frames copied ({@code > 0}), {@code 0} when nothing arrived
 * within the timeout, {@link #OVERRUN} when the writer overwrote frames this reader had not read
 * yet, or {@link #END} when the writer closed the ring and every frame has been read. After
 * {@link #OVERRUN}, {@link #lastLostFrames()} says how many frames were lost and the next read
 * continues from the oldest frame still in the ring: nothing is lost silently.
 *
 * <p><b>Thread ownership:</b> confined to one reader thread (the recorder, the dsp thread...);
 * create one reader per consuming thread.
 */
public interface RingReader extends AutoCloseable {
    /** Read outcome: frames were lost; see {@link #lastLostFrames()}. */
    int OVERRUN = -1;
    /** Read outcome: the ring is closed and drained. */
    int END = -2;

    /** Number of the next frame this reader will return (frames count from 0 since the ring was made). */
    long position();

    /** Frames lost in the most recent {@link #OVERRUN}, 0 before any. */
    long lastLostFrames();

    /** Frames lost in all overruns so far. */
    long totalLostFrames();

    /** Number of {@link #OVERRUN} outcomes so far. */
    long overrunCount();

    /** Frames readable now without blocking (0 when none or when an overrun is pending). */
    long availableFrames();

    /** Unregisters the reader from its ring. Idempotent. */
    @Override
    void close();
}
