package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A binary sample file ({@code DataFormat=BINARY}), MULTIPLEXED or VECTORIZED, read by
 * positional reads through one buffer of {@value #CHUNK_BYTES} bytes (or one frame, if
 * larger). Not thread-safe: confine to one thread (the buffer is reused).
 */
final class BinarySamples implements RawSamples {
    /** Read buffer size: large enough for efficient reads, small enough to keep memory bounded. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final VhdrHeader header;
    private final FileChannel data;
    private final long sampleCount;
    /** Bytes between one channel's first sample and the next channel's (VECTORIZED only). */
    private final long channelStrideBytes;
    private final ByteBuffer buffer;

    private BinarySamples(VhdrHeader header, FileChannel data, long sampleCount, long channelStrideBytes) {
        this.header = header;
        this.data = data;
        this.sampleCount = sampleCount;
        this.channelStrideBytes = channelStrideBytes;
        int frameBytes = header.channelCount() * header.binaryFormat().bytes();
        int size = header.vectorized() ? CHUNK_BYTES : Math.max(frameBytes, CHUNK_BYTES / frameBytes * frameBytes);
        this.buffer = ByteBuffer.allocate(size).order(header.byteOrder());
    }

    /**
     * Opens the data file a header names and works out its sample count from its size.
     *
     * @param warnings Modified: receives a line if the size is not a whole number of samples
     *                 or disagrees with the header's DataPoints
     * @throws RecordingFormatException if a VECTORIZED file is shorter than DataPoints says
     */
    static BinarySamples open(VhdrHeader h, List<String> warnings) throws IOException {
        FileChannel data = FileChannel.open(h.dataFile(), StandardOpenOption.READ);
        try {
            long size = data.size();
            long valueBytes = h.binaryFormat().bytes();
            long frameBytes = valueBytes * h.channelCount();
            long samples = size / frameBytes;
            long stride = 0;
            if (h.vectorized()) {
                if (h.declaredDataPoints() >= 0 && h.declaredDataPoints() != samples) {
                    if (h.declaredDataPoints() > samples) {
                        throw new RecordingFormatException(h.dataFile(), size, "VECTORIZED data file of " + size
                                + " bytes is shorter than DataPoints " + h.declaredDataPoints() + " x "
                                + h.channelCount() + " channels x " + valueBytes + " bytes");
                    }
                    warnings.add("data file holds " + (size - h.declaredDataPoints() * frameBytes)
                            + " bytes after the DataPoints " + h.declaredDataPoints() + " samples the header declares; ignored");
                    samples = h.declaredDataPoints();
                } else if (size % frameBytes != 0) {
                    warnings.add("VECTORIZED data file size " + size + " bytes is not a multiple of " + frameBytes
                            + " bytes (" + h.channelCount() + " channels x " + valueBytes + " bytes); channels are taken as "
                            + samples + " samples each");
                }
                stride = samples * valueBytes;
            } else {
                if (size % frameBytes != 0) {
                    warnings.add("data file size " + size + " bytes is not a whole number of " + frameBytes
                            + "-byte samples; the last " + (size % frameBytes) + " bytes are ignored and "
                            + samples + " complete samples kept");
                }
                if (h.declaredDataPoints() >= 0 && h.declaredDataPoints() != samples) {
                    warnings.add("header declares DataPoints " + h.declaredDataPoints() + " but the data file holds "
                            + samples + " samples; the data file is followed");
                }
            }
            return new BinarySamples(h, data, samples, stride);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    @Override
    public long sampleCount() {
        return sampleCount;
    }

    @Override
    public void read(long first, int count, double[] scale, double[][] dst, int dstOffset) throws IOException {
        int channels = header.channelCount();
        BinaryFormat format = header.binaryFormat();
        int valueBytes = format.bytes();
        if (header.vectorized()) {
            int perChunk = buffer.capacity() / valueBytes;
            for (int c = 0; c < channels; c++) {
                double[] row = dst[c];
                double sc = scale[c];
                for (int done = 0; done < count; ) {
                    int n = Math.min(perChunk, count - done);
                    fill(c * channelStrideBytes + (first + done) * valueBytes, n * valueBytes);
                    for (int k = 0; k < n; k++) {
                        row[dstOffset + done + k] = format.read(buffer, k * valueBytes) * sc;
                    }
                    done += n;
                }
            }
        } else {
            int frameBytes = channels * valueBytes;
            int perChunk = buffer.capacity() / frameBytes;
            for (int done = 0; done < count; ) {
                int n = Math.min(perChunk, count - done);
                fill((first + done) * frameBytes, n * frameBytes);
                for (int k = 0; k < n; k++) {
                    int base = k * frameBytes;
                    for (int c = 0; c < channels; c++) {
                        dst[c][dstOffset + done + k] = format.read(buffer, base + c * valueBytes) * scale[c];
                    }
                }
                done += n;
            }
        }
    }

    /** Reads {@code length} bytes from {@code position} of the data file into the buffer's start. */
    private void fill(long position, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            int n = data.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new RecordingFormatException(header.dataFile(), position + buffer.position(), "data file ends before the "
                        + sampleCount + " samples it held when opened (was it truncated?)");
            }
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
