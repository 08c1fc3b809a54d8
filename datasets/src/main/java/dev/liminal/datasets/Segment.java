package dev.liminal.datasets;

/**
 * A run of regularly spaced samples of one stream: samples {@code [firstSample, firstSample +
 * sampleCount)} lie at {@code startSeconds + k / rate}. A discontinuous recording (EDF+D, a
 * BrainVision "New Segment", an XDF stream with a time gap) has several; they are never joined
 * silently. Immutable.
 *
 * @param firstSample  index of the first sample in the stream
 * @param sampleCount  number of samples, >= 0
 * @param startSeconds time of the first sample on the recording's time axis
 */
public record Segment(long firstSample, long sampleCount, double startSeconds) {
    public Segment {
        if (firstSample < 0 || sampleCount < 0) {
            throw new IllegalArgumentException("segment [" + firstSample + ", +" + sampleCount + ") has a negative bound");
        }
        if (!Double.isFinite(startSeconds)) {
            throw new IllegalArgumentException("segment start " + startSeconds + " s is not finite");
        }
    }

    /** One past the last sample index. */
    public long endSample() {
        return firstSample + sampleCount;
    }
}
