package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes the samples of one group of consecutive signals (a stream) from a span of data
 * records into physical values. Large spans are read in blocks of whole records with
 * positional reads ({@link FileChannel#read(ByteBuffer, long)} may run concurrently) and
 * decoded in parallel on a small shared pool of daemon threads named
 * {@code liminal-edf-decode-N}; memory is a few blocks per call, never the whole file.
 *
 * <p>Immutable; thread-safe. The caller owns {@code dst}, which workers fill in disjoint parts.
 */
final class EdfRecordDecoder {
    /** Bytes read per positional read (rounded to whole records; at least one record). */
    static final int BLOCK_BYTES = 4 << 20;
    /** Spans smaller than this are decoded on the calling thread (pool hand-off would cost more). */
    static final long PARALLEL_BYTES = 8L << 20;
    /** Read only the stream's bytes of each record when the record is more than this many times larger. */
    static final int SLICE_RATIO = 4;
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = WORKERS > 1 ? Executors.newFixedThreadPool(WORKERS - 1, daemonThreads())
            : null;

    /** Per-thread read buffer: at most {@link #BLOCK_BYTES} of native memory per reading thread. */
    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();

    private final Path file;
    private final FileChannel channel;
    private final EdfHeader header;
    private final int samplesPerRecord;
    private final int bytesPerSample;
    private final int[] channelByteOffsets;
    private final double[] gains;
    private final double[] offsets;
    private final boolean[] rawStatus;
    private final int sliceOffset;
    private final int sliceBytes;
    private final boolean sliced;

    /**
     * @param channelByteOffsets each channel's byte offset within a data record; copied
     * @param gains              per channel: value = digital * gain + offset, in memory units; copied
     * @param offsets            per channel, see {@code gains}; copied
     * @param rawStatus          per channel: hand out the unsigned 24-bit value unscaled (BDF Status); copied
     */
    EdfRecordDecoder(Path file, FileChannel channel, EdfHeader header, int samplesPerRecord, int[] channelByteOffsets,
                     double[] gains, double[] offsets, boolean[] rawStatus) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.samplesPerRecord = samplesPerRecord;
        this.bytesPerSample = header.dialect().bytesPerSample();
        this.channelByteOffsets = channelByteOffsets.clone();
        this.gains = gains.clone();
        this.offsets = offsets.clone();
        this.rawStatus = rawStatus.clone();
        int first = Integer.MAX_VALUE;
        int end = 0;
        for (int off : channelByteOffsets) {
            first = Math.min(first, off);
            end = Math.max(end, off + samplesPerRecord * bytesPerSample);
        }
        this.sliceOffset = first;
        this.sliceBytes = end - first;
        // A stream that is a small part of each record is read slice by slice, not record by record.
        this.sliced = (long) sliceBytes * SLICE_RATIO < header.recordBytes();
    }

    /**
     * Fills {@code dst[c][dstOffset + k]} with sample {@code firstSample + k} of channel c, for
     * {@code 0 <= k < count}. The span must lie within the file's complete records.
     */
    void read(long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        if (count == 0) return;
        long firstRecord = firstSample / samplesPerRecord;
        long lastRecord = (firstSample + count - 1) / samplesPerRecord;
        long records = lastRecord - firstRecord + 1;
        long bytes = records * stride();
        int parts = (int) Math.min(Math.min(WORKERS, records), Math.max(1, bytes / (PARALLEL_BYTES / 2)));
        if (POOL == null || bytes < PARALLEL_BYTES || parts < 2) {
            readRecords(firstRecord, lastRecord + 1, firstSample, count, dst, dstOffset);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        long per = records / parts;
        long from = firstRecord;
        long[] bounds = new long[parts + 1];
        for (int p = 0; p < parts; p++) {
            bounds[p] = from;
            from += per + (p < records % parts ? 1 : 0);
        }
        bounds[parts] = lastRecord + 1;
        for (int p = 1; p < parts; p++) {
            long a = bounds[p];
            long b = bounds[p + 1];
            futures.add(POOL.submit(() -> {
                try {
                    readRecords(a, b, firstSample, count, dst, dstOffset);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
        }
        IOException first = null;
        try {
            readRecords(bounds[0], bounds[1], firstSample, count, dst, dstOffset);
        } catch (IOException e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (first == null) first = new InterruptedIOException("interrupted while decoding " + file);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UncheckedIOException u) {
                    if (first == null) first = u.getCause();
                } else if (c instanceof RuntimeException r) {
                    throw r;
                } else if (c instanceof Error err) {
                    throw err;
                }
            }
        }
        if (first != null) throw first;
    }

    /** Bytes read per record: the whole record, or only this stream's slice of it. */
    private long stride() {
        return sliced ? sliceBytes : header.recordBytes();
    }

    /** Decodes records {@code [fromRecord, toRecord)}, the part of the span they hold. */
    private void readRecords(long fromRecord, long toRecord, long firstSample, int count, double[][] dst,
                             int dstOffset) throws IOException {
        if (fromRecord >= toRecord) return;
        long stride = stride();
        int perBlock = (int) Math.max(1, Math.min(toRecord - fromRecord, BLOCK_BYTES / stride));
        ByteBuffer buf = buffer((int) (perBlock * stride));
        int shift = sliced ? sliceOffset : 0;
        long endSample = firstSample + count;
        for (long r = fromRecord; r < toRecord; r += perBlock) {
            int n = (int) Math.min(perBlock, toRecord - r);
            if (sliced) {
                for (int i = 0; i < n; i++) {
                    fill(buf, (int) (i * stride), header.recordOffset(r + i) + sliceOffset, sliceBytes);
                }
            } else {
                fill(buf, 0, header.recordOffset(r), (int) (n * stride));
            }
            for (int i = 0; i < n; i++) {
                long recordFirstSample = (r + i) * samplesPerRecord;
                int k0 = (int) Math.max(0, firstSample - recordFirstSample);
                int k1 = (int) Math.min(samplesPerRecord, endSample - recordFirstSample);
                int dstPos = (int) (dstOffset + recordFirstSample + k0 - firstSample);
                int recordBase = (int) (i * stride) - shift;
                for (int c = 0; c < gains.length; c++) {
                    int base = recordBase + channelByteOffsets[c] + k0 * bytesPerSample;
                    if (bytesPerSample == 2) {
                        decode16(buf, base, k1 - k0, dst[c], dstPos, gains[c], offsets[c]);
                    } else if (rawStatus[c]) {
                        decodeStatus24(buf, base, k1 - k0, dst[c], dstPos);
                    } else {
                        decode24(buf, base, k1 - k0, dst[c], dstPos, gains[c], offsets[c]);
                    }
                }
            }
        }
    }

    /**
     * A direct buffer of at least {@code bytes}, reused per thread up to {@link #BLOCK_BYTES}
     * (larger single records get a fresh buffer), so repeated small reads do not churn native
     * memory.
     */
    private static ByteBuffer buffer(int bytes) {
        if (bytes > BLOCK_BYTES) return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = BUFFERS.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.min(BLOCK_BYTES, Math.max(bytes, b == null ? 0 : 2 * b.capacity())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            BUFFERS.set(b);
        }
        return b;
    }

    private static void decode16(ByteBuffer buf, int base, int n, double[] row, int pos, double gain, double offset) {
        for (int k = 0; k < n; k++) {
            row[pos + k] = buf.getShort(base + 2 * k) * gain + offset;
        }
    }

    /**
     * 24-bit little-endian two's complement. All but the last sample are read as one 4-byte
     * little-endian int (the fourth byte belongs to the next sample and is shifted out; the
     * arithmetic shift extends the sign), which is about 2.5x faster than three byte reads; the
     * last sample may end the buffer, so it is read byte by byte.
     */
    private static void decode24(ByteBuffer buf, int base, int n, double[] row, int pos, double gain, double offset) {
        int k = 0;
        for (; k < n - 1; k++) {
            int v = buf.getInt(base + 3 * k) << 8 >> 8;
            row[pos + k] = v * gain + offset;
        }
        for (; k < n; k++) {
            int b = base + 3 * k;
            int v = (buf.get(b) & 0xFF) | (buf.get(b + 1) & 0xFF) << 8 | buf.get(b + 2) << 16;
            row[pos + k] = v * gain + offset;
        }
    }

    /** The BioSemi Status value: unsigned 24 bits, unscaled (same reading scheme as {@link #decode24}). */
    private static void decodeStatus24(ByteBuffer buf, int base, int n, double[] row, int pos) {
        int k = 0;
        for (; k < n - 1; k++) {
            row[pos + k] = buf.getInt(base + 3 * k) & 0xFF_FFFF;
        }
        for (; k < n; k++) {
            int b = base + 3 * k;
            row[pos + k] = (buf.get(b) & 0xFF) | (buf.get(b + 1) & 0xFF) << 8 | (buf.get(b + 2) & 0xFF) << 16;
        }
    }

    /** Reads {@code length} bytes at file {@code position} into {@code buf[at, at + length)}. */
    private void fill(ByteBuffer buf, int at, long position, int length) throws IOException {
        buf.limit(at + length).position(at);
        while (buf.hasRemaining()) {
            int got = channel.read(buf, position + buf.position() - at);
            if (got < 0) {
                throw new RecordingFormatException(file, position + buf.position() - at,
                        "file ends inside a data record it had when opened (was it truncated meanwhile?)");
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "liminal-edf-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
