package dev.liminal.app;

import dev.liminal.core.SampleFormat;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;

/**
 * Counts derived from a {@link RecordingInfo} that {@code info} and {@code convert} report.
 * Immutable.
 *
 * @param channelCount     channels over all streams
 * @param streamCount      streams
 * @param markerStreamCount streams of strings (LSL/XDF marker streams)
 * @param markerCount      samples held by the marker streams
 * @param sampleCount      numeric values over all numeric streams: the sum of each stream's
 *                         sample count times its channel count
 * @param annotationCount  annotations on the recording's time axis
 */
record RecordingSummary(int channelCount, int streamCount, int markerStreamCount, long markerCount, long sampleCount,
                        int annotationCount) {

    /** The counts of one recording. */
    static RecordingSummary of(RecordingInfo info) {
        int channels = 0;
        int markerStreams = 0;
        long markers = 0;
        long samples = 0;
        for (RecordedStream s : info.streams()) {
            channels += s.info().channelCount();
            if (s.info().format() == SampleFormat.STRING) {
                markerStreams++;
                markers += s.sampleCount();
            } else {
                samples += s.sampleCount() * s.info().channelCount();
            }
        }
        return new RecordingSummary(channels, info.streams().size(), markerStreams, markers, samples,
                info.annotations().size());
    }
}
