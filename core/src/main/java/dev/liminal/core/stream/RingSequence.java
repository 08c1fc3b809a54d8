package dev.liminal.core.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The sequencing half of a ring, shared by {@link SampleRing} and {@link StringRing}: the
 * writer's claim and publish cursors, the readers' cursors, the validation that makes a copy
 * out of the ring trustworthy, and the wake-up of waiting readers. Storage is the ring's.
 *
 * <p><b>Cursors.</b> Frames are numbered 0, 1, 2... for the life of the ring; frame {@code f}
 * lives in slot {@code f & mask}. {@code published} is one past the last frame whose values are
 * complete; {@code claimed} is one past the last frame the writer has started to store. Between
 * writes they are equal; during a write of {@code k} frames {@code claimed = published + k}.
 *
 * <p><b>Happens-before.</b>
 * <ol>
 *   <li>Writer: store {@code claimed} (opaque), {@link VarHandle#storeStoreFence()}, store the
 *       values (plain), store {@code published} (volatile, so release). The fence keeps the claim
 *       ahead of every value store; the release keeps every value store ahead of the publish.</li>
 *   <li>Reader: load {@code published} (volatile, so acquire). Every value of frames below it
 *       is visible: the writer's stores of those frames happen-before the reader's loads.</li>
 *   <li>The reader copies the frames with plain loads, then {@link VarHandle#acquireFence()}
 *       and loads {@code claimed} (the validation StampedLock uses). If a value load saw a store
 *       of a later write, the claim of that write precedes the store (fence 1) and the reader's
 *       load of {@code claimed} follows the value load (fence 3), so the reader sees that claim
 *       or a later one. A frame {@code f} is overwritten only by frame {@code f + capacity}, so
 *       every copied frame {@code f >= claimed - capacity} is exactly what the writer published;
 *       older frames may be torn and are discarded as an overrun.</li>
 * </ol>
 * Values loaded during a race may be torn (JLS 17.7 allows it for plain doubles); step 3 is what
 * guarantees such a frame is never returned. Steps 1 and 3 are the optimistic read of
 * {@link java.util.concurrent.locks.StampedLock} ({@code tryOptimisticRead}, plain reads,
 * {@code validate}, which is an acquire fence and a re-read of the stamp), with the claim
 * cursor as the stamp; the writer needs no CAS because there is only one.
 * The stress test {@code SampleRingStressTest} fails within a second if the validation is
 * removed.
 *
 * <p><b>Wake-up.</b> A reader that finds nothing stores itself as waiting (volatile), re-reads
 * {@code published} (volatile) and parks for a bounded time. The writer stores {@code published}
 * (volatile) and then loads each reader's waiting thread (volatile): by the total order of
 * volatile accesses either the writer sees the waiting reader and unparks it, or the reader sees
 * the new frames. Parks are bounded ({@link #MAX_PARK_NANOS}) as a second line of defence.
 *
 * <p><b>Thread ownership:</b> {@link #beginWrite}/{@link #endWrite}/{@link #close} are for the
 * single writer thread only (checked: the first writing thread owns the ring); {@link Cursor}s
 * are confined to their reader's thread; the rest is thread-safe.
 */
final class RingSequence {
    /** Longest single park of a waiting reader: bounds the cost of any missed wake-up. */
    static final long MAX_PARK_NANOS = 1_000_000L;
    /** Spins before a reader parks: a frame often arrives within a few microseconds at 1 kHz x 64 ch. */
    private static final int SPINS_BEFORE_PARK = 64;
    private static final VarHandle PUBLISHED;
    private static final VarHandle CLAIMED;
    private static final Cursor[] NO_CURSORS = new Cursor[0];

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PUBLISHED = l.findVarHandle(RingSequence.class, "published", long.class);
            CLAIMED = l.findVarHandle(RingSequence.class, "claimed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int capacity;
    final int mask;
    private final String name;
    @SuppressWarnings("unused") // accessed through PUBLISHED
    private long published;
    @SuppressWarnings("unused") // accessed through CLAIMED
    private long claimed;
    private volatile boolean closed;
    private volatile Cursor[] cursors = NO_CURSORS;
    private volatile Thread writer;

    RingSequence(String name, int capacityFrames) {
        if (capacityFrames < 1 || capacityFrames > (1 << 30)) {
            throw new IllegalArgumentException("ring '" + name + "': capacity " + capacityFrames
                    + " frames is outside [1, 2^30]");
        }
        this.name = name;
        this.capacity = Integer.highestOneBit(capacityFrames) == capacityFrames ? capacityFrames
                : Integer.highestOneBit(capacityFrames) << 1;
        this.mask = capacity - 1;
    }

    String name() {
        return name;
    }

    /** One past the last complete frame (acquire). */
    long published() {
        return (long) PUBLISHED.getVolatile(this);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Claims frames {@code [published, published + frames)} for writing.
     *
     * @return the first frame number claimed
     */
    long beginWrite(int frames) {
        checkWriter();
        if (closed) throw new IllegalStateException("ring '" + name + "' is closed");
        long start = (long) PUBLISHED.getOpaque(this);
        CLAIMED.setOpaque(this, start + frames);
        VarHandle.storeStoreFence();
        return start;
    }

    /** Publishes every claimed frame and wakes waiting readers. */
    void endWrite(long end) {
        PUBLISHED.setVolatile(this, end);
        wake();
    }

    /** Ends the stream: readers drain what is published, then see the end. Writer only; idempotent. */
    void close() {
        checkWriterOrUnowned();
        closed = true;
        wake();
    }

    private void wake() {
        for (Cursor c : cursors) {
            Thread t = c.waiter;
            if (t != null) LockSupport.unpark(t);
        }
    }

    private void checkWriter() {
        Thread me = Thread.currentThread();
        Thread owner = writer;
        if (owner == me) return;
        if (owner == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = me;
                    return;
                }
                owner = writer;
            }
            if (owner == me) return;
        }
        throw new IllegalStateException("ring '" + name + "' is written by thread '" + owner.getName()
                + "'; thread '" + me.getName() + "' may not write (single writer)");
    }

    private void checkWriterOrUnowned() {
        Thread owner = writer;
        if (owner != null && owner != Thread.currentThread() && owner.isAlive()) {
            throw new IllegalStateException("ring '" + name + "' is written by thread '" + owner.getName()
                    + "'; only it may close the ring");
        }
    }

    /** A new reader cursor at the newest frame ({@code fromOldest} false) or the oldest one kept. */
    Cursor newCursor(boolean fromOldest) {
        Cursor c = new Cursor(this);
        synchronized (this) {
            long p = published();
            c.position = fromOldest ? Math.max(0, p - capacity) : p;
            Cursor[] old = cursors;
            Cursor[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = c;
            cursors = grown;
        }
        return c;
    }

    private synchronized void remove(Cursor c) {
        Cursor[] old = cursors;
        int i = Arrays.asList(old).indexOf(c);
        if (i < 0) return;
        Cursor[] shrunk = new Cursor[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, i);
        System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
        cursors = shrunk;
    }

    /** Number of registered readers. */
    int readerCount() {
        return cursors.length;
    }

    /**
     * One reader's position. Confined to the reader's thread, except {@link #waiter}, which the
     * writer reads.
     */
    static final class Cursor {
        private final RingSequence seq;
        long position;
        long lastLost;
        long totalLost;
        long overruns;
        volatile Thread waiter;
        boolean detached;

        Cursor(RingSequence seq) {
            this.seq = seq;
        }

        /**
         * Frames readable now, at most {@code max}; or -1 if the reader has already fallen more
         * than a capacity behind (then {@link #lastLost} is set and the cursor moved).
         */
        int available(int max) {
            long p = seq.published();
            long oldest = p - seq.capacity;
            if (position < oldest) {
                overrun(oldest);
                return -1;
            }
            return (int) Math.min(max, p - position);
        }

        /**
         * After copying frames from {@link #position}: whether all of them are intact. If not,
         * the cursor moves to the oldest intact frame, {@link #lastLost} says how many frames
         * were lost and the copy must be discarded.
         */
        boolean validate() {
            VarHandle.acquireFence();
            long oldestIntact = (long) CLAIMED.getOpaque(seq) - seq.capacity;
            if (position < oldestIntact) {
                overrun(oldestIntact);
                return false;
            }
            return true;
        }

        private void overrun(long newPosition) {
            lastLost = newPosition - position;
            totalLost += lastLost;
            overruns++;
            position = newPosition;
        }

        /** Whether the writer closed the ring and every published frame has been read. */
        boolean atEnd() {
            return seq.closed && position >= seq.published();
        }

        /**
         * Waits until frames beyond {@link #position} are published, the ring closes, the
         * deadline passes or the thread is interrupted.
         *
         * @return false if the deadline passed first
         */
        boolean await(long deadlineNanos) throws InterruptedException {
            for (int i = 0; i < SPINS_BEFORE_PARK; i++) {
                if (seq.published() > position || seq.closed) return true;
                Thread.onSpinWait();
            }
            waiter = Thread.currentThread();
            try {
                while (true) {
                    if (seq.published() > position || seq.closed) return true;
                    if (Thread.interrupted()) throw new InterruptedException("waiting on ring '" + seq.name + "'");
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) return false;
                    LockSupport.parkNanos(seq, Math.min(left, MAX_PARK_NANOS));
                }
            } finally {
                waiter = null;
            }
        }

        void detach() {
            if (!detached) {
                detached = true;
                seq.remove(this);
            }
        }
    }
}
