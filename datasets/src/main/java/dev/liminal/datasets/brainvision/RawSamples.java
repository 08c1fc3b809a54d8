package dev.liminal.datasets.brainvision;

import java.io.Closeable;
import java.io.IOException;

/**
 * The sample file of a BrainVision recording, binary or text: raw values of every channel,
 * before resolution and unit are applied. Not thread-safe: confine to one thread.
 */
interface RawSamples extends Closeable {

    /** Number of complete samples (frames) in the file. */
    long sampleCount();

    /**
     * Writes {@code raw(c, first + k) * scale[c]} to {@code dst[c][dstOffset + k]} for every
     * channel c and {@code 0 <= k < count}. The span and {@code dst}'s shape are checked by the
     * caller.
     *
     * @param scale Not modified: one factor per channel
     * @param dst   Modified
     * @throws dev.liminal.datasets.RecordingFormatException if the file is damaged in the span
     */
    void read(long first, int count, double[] scale, double[][] dst, int dstOffset) throws IOException;
}
