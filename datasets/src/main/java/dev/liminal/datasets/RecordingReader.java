package dev.liminal.datasets;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open recording. Reads any span of any stream in memory bounded by that span, so a file
 * larger than the heap can be read through. Not thread-safe: confine to one thread, or open one
 * reader per thread.
 */
public interface RecordingReader extends Closeable {

    /** What the recording holds; available without reading samples. */
    RecordingInfo info();

    /**
     * The segment-read hook: samples {@code [firstSample, firstSample + count)} of every channel
     * of a numeric stream, in microvolts for voltage channels and the file's unit otherwise.
     *
     * @param stream      index into {@link RecordingInfo#streams()}
     * @param firstSample first sample, {@code 0 <= firstSample}, {@code firstSample + count <= sampleCount}
     * @param count       number of samples, >= 0
     * @param dst         Modified: {@code dst[c][dstOffset + k]} receives channel c, sample
     *                    {@code firstSample + k}; one row per channel of the stream
     * @param dstOffset   first index written in each row
     * @throws RecordingFormatException if the file is damaged in that span
     * @throws IllegalArgumentException if the span, the stream or {@code dst}'s shape is wrong
     *                                  (the message quotes them), or the stream holds strings
     */
    void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException;

    /**
     * Values of a string stream (markers), one per sample and channel:
     * {@code result[k][c]} is channel c of sample {@code firstSample + k}.
     *
     * @throws IllegalArgumentException if the stream is numeric or the span is wrong
     */
    String[][] readStrings(int stream, long firstSample, int count) throws IOException;

    /**
     * Time of each sample on the recording's time axis (see {@link RecordingInfo}).
     *
     * <p>The default derives times from the stream's {@link Segment}s; formats that store
     * per-sample timestamps override it.
     *
     * @param dst Modified: {@code dst[dstOffset + k]} receives the time of sample {@code firstSample + k}
     */
    default void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset)
            throws IOException {
        RecordedStream s = info().streams().get(stream);
        Spans.check(s, firstSample, count);
        double rate = s.info().nominalRateHz();
        if (rate <= 0 || s.segments().isEmpty()) {
            throw new IllegalStateException("stream " + s.info().name() + " has no segments to derive times from");
        }
        long end = firstSample + count;
        for (Segment g : s.segments()) {
            long from = Math.max(g.firstSample(), firstSample);
            long to = Math.min(g.endSample(), end);
            double start = g.startSeconds();
            long origin = g.firstSample();
            for (long i = from; i < to; i++) {
                dst[dstOffset + (int) (i - firstSample)] = start + (i - origin) / rate;
            }
        }
    }
}
