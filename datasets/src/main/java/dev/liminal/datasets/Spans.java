package dev.liminal.datasets;

/** Argument checks shared by readers. Immutable utility; thread-safe. */
public final class Spans {
    private Spans() {}

    /**
     * Checks that {@code [firstSample, firstSample + count)} lies within the stream.
     *
     * @throws IllegalArgumentException quoting the span and the stream's sample count
     */
    public static void check(RecordedStream s, long firstSample, int count) {
        if (firstSample < 0 || count < 0 || firstSample + count > s.sampleCount()) {
            throw new IllegalArgumentException("span [" + firstSample + ", " + (firstSample + count) + ") is outside stream "
                    + s.index() + " '" + s.info().name() + "' of " + s.sampleCount() + " samples");
        }
    }

    /**
     * Checks a destination array: one row per channel, each with room for {@code count} values
     * from {@code offset}.
     *
     * @throws IllegalArgumentException quoting the shapes
     */
    public static void checkDestination(RecordedStream s, double[][] dst, int offset, int count) {
        int channels = s.info().channelCount();
        if (dst.length < channels) {
            throw new IllegalArgumentException("destination has " + dst.length + " rows, stream '" + s.info().name()
                    + "' has " + channels + " channels");
        }
        for (int c = 0; c < channels; c++) {
            if (dst[c] == null || offset < 0 || dst[c].length < offset + count) {
                throw new IllegalArgumentException("destination row " + c + " of length "
                        + (dst[c] == null ? 0 : dst[c].length) + " cannot hold " + count + " values from " + offset);
            }
        }
    }
}
