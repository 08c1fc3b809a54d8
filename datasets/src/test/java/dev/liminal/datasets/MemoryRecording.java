package dev.liminal.datasets;

import java.util.List;

/**
 * Test scaffolding: a recording held in memory, numeric regular streams only. Not thread-safe.
 */
public final class MemoryRecording implements RecordingReader {
    private final RecordingInfo info;
    private final List<double[][]> samples;
    private boolean closed;

    /**
     * @param info    the description; each stream's sample count must match its rows
     * @param samples per stream, {@code [channel][sample]}; held, not copied
     */
    public MemoryRecording(RecordingInfo info, List<double[][]> samples) {
        this.info = info;
        this.samples = List.copyOf(samples);
        if (samples.size() != info.streams().size()) {
            throw new IllegalArgumentException(samples.size() + " sample blocks for " + info.streams().size() + " streams");
        }
        for (RecordedStream s : info.streams()) {
            double[][] rows = samples.get(s.index());
            if (rows.length != s.info().channelCount()) {
                throw new IllegalArgumentException("stream " + s.index() + ": " + rows.length + " rows for "
                        + s.info().channelCount() + " channels");
            }
            for (double[] row : rows) {
                if (row.length != s.sampleCount()) {
                    throw new IllegalArgumentException("stream " + s.index() + ": row of " + row.length + " for "
                            + s.sampleCount() + " samples");
                }
            }
        }
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) {
        if (closed) throw new IllegalStateException("closed");
        RecordedStream s = info.streams().get(stream);
        Spans.check(s, firstSample, count);
        Spans.checkDestination(s, dst, dstOffset, count);
        double[][] rows = samples.get(stream);
        for (int c = 0; c < rows.length; c++) {
            System.arraycopy(rows[c], (int) firstSample, dst[c], dstOffset, count);
        }
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        throw new IllegalArgumentException("stream " + stream + " is numeric");
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
