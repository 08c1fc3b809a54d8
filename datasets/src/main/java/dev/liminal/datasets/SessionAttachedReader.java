package dev.liminal.datasets;

import java.io.IOException;
import java.util.Objects;

/**
 * A reader that shows another reader's samples under a different {@link RecordingInfo} (the
 * same streams, other annotations and session). Closing it closes the underlying reader. Not
 * thread-safe, like the reader it wraps.
 */
final class SessionAttachedReader implements RecordingReader {
    private final RecordingReader samples;
    private final RecordingInfo info;

    /**
     * @param samples the reader whose samples are read; owned from now on (closed with this one)
     * @param info    what {@link #info()} returns; must describe the same streams
     */
    SessionAttachedReader(RecordingReader samples, RecordingInfo info) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.info = Objects.requireNonNull(info, "info");
        if (!info.streams().equals(samples.info().streams())) {
            throw new IllegalArgumentException("the replacement info of " + info.source()
                    + " describes other streams than the reader it wraps");
        }
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        samples.readSamples(stream, firstSample, count, dst, dstOffset);
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) throws IOException {
        return samples.readStrings(stream, firstSample, count);
    }

    @Override
    public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset) throws IOException {
        samples.readTimestamps(stream, firstSample, count, dst, dstOffset);
    }

    @Override
    public void close() throws IOException {
        samples.close();
    }
}
