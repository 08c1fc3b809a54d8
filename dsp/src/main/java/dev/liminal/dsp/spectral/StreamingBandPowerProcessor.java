package dev.liminal.dsp.spectral;

import java.util.function.Consumer;

/**
 * The band-power timeline computed as samples arrive: feed chunks of any length and receive a
 * {@link BandPowerFrame} every hop once the first window is full. Each frame is computed by the
 * same code as {@link BandPowerTimelineEstimator} on the same samples, so streaming and offline
 * give bit-identical numbers (ARCHITECTURE.md "Spectral definitions"): both use one
 * {@code BandPowerKernel}, whose result for a channel depends on that channel's samples only.
 *
 * <p>After a discontinuity (samples lost, e.g. a reader overrun) call {@link #restart(double)}:
 * the history is dropped and the next frame comes when a whole window of new samples has
 * arrived, so no window ever spans a gap.
 *
 * <p>Thread-safety: confined to one thread (the dsp thread). Allocates only the immutable frame
 * it emits per hop; nothing per sample.
 */
public final class StreamingBandPowerProcessor {
    private final TimelineParameters parameters;
    private final BandSet bands;
    private final BandBins bins;
    private final int channels;
    private final BandPowerKernel kernel;
    private final int[] group;
    /** Last window of samples per channel, circular; {@link #writeIndex} is the oldest once full. */
    private final double[][] history;
    private final double[][] linear;
    private final double[][] frame;
    private int writeIndex;
    private int untilNextFrame;
    private long framesSinceStart;
    private double startTimeSeconds;

    /**
     * @param parameters       window, hop and rate
     * @param bands            bands to integrate
     * @param channels         number of channels, at least 1
     * @param startTimeSeconds time of the first sample that will be fed
     * @throws IllegalArgumentException if a band exceeds the Nyquist frequency
     */
    public StreamingBandPowerProcessor(TimelineParameters parameters, BandSet bands, int channels, double startTimeSeconds) {
        if (parameters == null || bands == null) {
            throw new IllegalArgumentException("streaming band powers need parameters and bands");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("streaming band powers need at least 1 channel, got " + channels);
        }
        this.parameters = parameters;
        this.bands = bands;
        this.bins = new BandBins(bands, parameters.sampleRateHz(), parameters.windowSamples());
        this.channels = channels;
        int n = parameters.windowSamples();
        this.kernel = new BandPowerKernel(parameters, bins, Math.min(channels, BandPowerTimelineEstimator.MAX_CHANNELS_PER_BATCH),
                channels);
        this.group = new int[kernel.lanes()];
        this.history = new double[channels][n];
        this.linear = kernel.slides() ? null : new double[channels][n];
        this.frame = new double[channels][bands.size()];
        restart(startTimeSeconds);
    }

    /**
     * Forgets all samples (after a discontinuity); the next sample fed has time {@code startTimeSeconds}.
     */
    public void restart(double startTimeSeconds) {
        if (!Double.isFinite(startTimeSeconds)) {
            throw new IllegalArgumentException("start time " + startTimeSeconds + " s must be finite");
        }
        this.startTimeSeconds = startTimeSeconds;
        this.writeIndex = 0;
        this.untilNextFrame = parameters.windowSamples();
        this.framesSinceStart = 0;
    }

    /**
     * Feeds samples {@code [offset, offset + length)} of every channel of {@code chunk} and
     * hands each completed frame to {@code sink}, in order, before returning.
     *
     * @param chunk  {@code [channel][sample]} in uV, one row per channel; Not modified
     * @param offset first sample to use in each row
     * @param length number of samples to use, at least 0
     * @param sink   receives the frames; called on this thread
     * @return the number of frames emitted
     */
    public int process(double[][] chunk, int offset, int length, Consumer<BandPowerFrame> sink) {
        if (chunk == null || chunk.length != channels) {
            throw new IllegalArgumentException("chunk has " + (chunk == null ? "no" : chunk.length)
                    + " channels, processor " + channels);
        }
        for (int c = 0; c < channels; c++) {
            if (chunk[c] == null || offset < 0 || length < 0 || offset > chunk[c].length - length) {
                throw new IllegalArgumentException("samples " + offset + ".." + ((long) offset + length)
                        + " outside channel " + c + " of " + (chunk[c] == null ? 0 : chunk[c].length) + " samples");
            }
        }
        int n = parameters.windowSamples();
        int emitted = 0;
        int consumed = 0;
        while (consumed < length) {
            int take = Math.min(length - consumed, untilNextFrame);
            append(chunk, offset + consumed, take, n);
            consumed += take;
            untilNextFrame -= take;
            if (untilNextFrame == 0) {
                sink.accept(computeFrame(n));
                emitted++;
                untilNextFrame = parameters.hopSamples();
            }
        }
        return emitted;
    }

    /** Appends samples to the circular history; of more than a window only the last window matters. */
    private void append(double[][] chunk, int from, int count, int n) {
        if (count > n) {
            from += count - n;
            count = n;
        }
        int first = Math.min(count, n - writeIndex);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(chunk[c], from, history[c], writeIndex, first);
            System.arraycopy(chunk[c], from + first, history[c], 0, count - first);
        }
        writeIndex = (writeIndex + count) % n;
    }

    private BandPowerFrame computeFrame(int n) {
        if (kernel.slides()) {
            // Frames are due at multiples of the hop since the (re)start, and the hop divides the
            // window, so the newest hop is contiguous in the ring and the first window is linear.
            boolean first = framesSinceStart == 0;
            int newest = (writeIndex == 0 ? n : writeIndex) - parameters.hopSamples();
            for (int start = 0; start < channels; start += group.length) {
                int count = Math.min(group.length, channels - start);
                for (int i = 0; i < count; i++) group[i] = start + i;
                if (first) {
                    kernel.compute(history, group, count, start, 0, frame, 0);
                } else {
                    kernel.slide(history, group, count, start, newest, frame, 0);
                }
            }
        } else {
            for (int c = 0; c < channels; c++) {
                // A frame is due only when the window is full, so the oldest sample is at writeIndex.
                System.arraycopy(history[c], writeIndex, linear[c], 0, n - writeIndex);
                System.arraycopy(history[c], 0, linear[c], n - writeIndex, writeIndex);
            }
            for (int first = 0; first < channels; first += group.length) {
                int count = Math.min(group.length, channels - first);
                for (int i = 0; i < count; i++) group[i] = first + i;
                kernel.compute(linear, group, count, first, 0, frame, 0);
            }
        }
        double end = parameters.frameEndTimeSeconds(startTimeSeconds, Math.toIntExact(framesSinceStart));
        framesSinceStart++;
        return new BandPowerFrame(end, bands, frame);
    }
}
