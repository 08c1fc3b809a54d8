package dev.liminal.app;

import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the selected channels of a recording block by block, run by run, so that an analysis
 * holds at most one block (about {@value #BLOCK_SECONDS} s of every channel of the streams
 * involved) at a time, however long the file. Every sample is checked to be finite. Confined to
 * one thread.
 */
final class SignalBlocks {
    /** Seconds per block read. */
    static final double BLOCK_SECONDS = 4.0;
    /** Cap on doubles held per block over all channels of the streams read (32 MiB). */
    static final long MAX_BLOCK_VALUES = 4L << 20;

    /** Receives the blocks of one pass. */
    interface Sink {
        /**
         * A new contiguous run starts; the next block's first sample lies at {@code startSeconds}.
         *
         * @param run          index of the run, from 0
         * @param startSeconds time of its first sample on the recording's time axis
         */
        void runStart(int run, double startSeconds) throws IOException;

        /**
         * Samples {@code [0, length)} of every selected channel, in microvolts for voltage channels.
         *
         * @param block {@code [selected channel][sample]}; the sink may modify it in place;
         *              owned by the reader and overwritten by the next block
         */
        void block(double[][] block, int length) throws IOException;
    }

    private SignalBlocks() {}

    /**
     * Passes every run of the selection through {@code sink}, reporting progress in samples.
     *
     * @throws AnalysisInputException naming channel and time of the first non-finite sample
     */
    static void read(Path file, RecordingReader reader, SignalSelection selection, ConsoleProgress progress, Sink sink)
            throws IOException {
        int streams = selection.streamIndices().size();
        long perSample = 0;
        for (int n : selection.streamChannels()) perSample += n;
        long wantedBlock = Math.max(1, Math.round(BLOCK_SECONDS * selection.sampleRateHz()));
        int blockSamples = (int) Math.max(1, Math.min(wantedBlock, MAX_BLOCK_VALUES / Math.max(1, perSample)));
        double[][][] raw = new double[streams][][];
        for (int s = 0; s < streams; s++) raw[s] = new double[selection.streamChannels()[s]][blockSamples];
        double[][] selected = new double[selection.channelCount()][];
        for (int i = 0; i < selected.length; i++) selected[i] = raw[selection.streamOf()[i]][selection.channelOf()[i]];

        long total = selection.sampleCount();
        long done = 0;
        progress.progress(0, total);
        int run = 0;
        for (Segment segment : selection.segments()) {
            if (segment.sampleCount() == 0) continue;
            sink.runStart(run++, segment.startSeconds());
            for (long k = 0; k < segment.sampleCount(); k += blockSamples) {
                int n = (int) Math.min(blockSamples, segment.sampleCount() - k);
                for (int s = 0; s < streams; s++) {
                    reader.readSamples(selection.streamIndices().get(s), segment.firstSample() + k, n, raw[s], 0);
                }
                requireFinite(file, selection, selected, n, segment, k);
                sink.block(selected, n);
                done += n;
                progress.progress(done, total);
            }
        }
    }

    private static void requireFinite(Path file, SignalSelection selection, double[][] block, int n, Segment segment,
                                      long offset) throws AnalysisInputException {
        for (int c = 0; c < block.length; c++) {
            double[] row = block[c];
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(row[i])) {
                    double t = segment.startSeconds() + (offset + i) / selection.sampleRateHz();
                    throw new AnalysisInputException(String.format(Locale.ROOT,
                            "%s: channel '%s' has sample value %s at %s s (sample %d); expected finite numbers",
                            file, selection.labels().get(c), row[i], NumberText.plain(t),
                            segment.firstSample() + offset + i));
                }
            }
        }
    }
}
