package dev.liminal.dsp.spectral;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The batch band-power timeline: for every channel and frame (see {@link TimelineParameters})
 * the absolute power of each band, without keeping spectra. Per frame the raw window is
 * transformed once, then detrended and windowed in the frequency domain for only the bins
 * between the lowest and highest band edge, squared, scaled and summed per band (the
 * {@code BandPowerKernel} shared with {@link StreamingBandPowerProcessor}). Up to
 * {@value #MAX_CHANNELS_PER_BATCH} channels go through one lane-batched transform
 * ({@link dev.liminal.dsp.fft.LaneRealFft}); nothing is allocated per frame when the window
 * length is even with a 2,3,5-smooth half (every 2 s window at an integer rate), and inside
 * JTransforms only for other non-power-of-two lengths.
 *
 * <p>Channels can be spread over an {@link Executor}; a channel's numbers depend only on its
 * own samples, so they are bit-identical for any parallelism, and equal to
 * {@link Spectrogram#bandPowerTimeline} (the reference path) to 1e-9 relative.
 *
 * <p>Thread-safety: the sequential {@link #process(double[][], double[][])} is confined to one
 * thread (it reuses this estimator's scratch). The parallel overload builds per-task scratch
 * and may be called from any one thread at a time.
 */
public final class BandPowerTimelineEstimator {
    /**
     * Channels per lane-batched transform: enough lanes for the vectorised butterflies
     * (BatchedComplexFft.SPLIT_MIN_LANES), few enough that for a 2000-point window the four
     * buffers, 4 * 1000 * 32 * 8 bytes = 1 MiB, stay inside a core's 2 MiB L2 cache.
     */
    public static final int MAX_CHANNELS_PER_BATCH = 32;

    private final TimelineParameters parameters;
    private final BandSet bands;
    private final BandBins bins;
    private BandPowerKernel sequentialKernel;
    private int[] sequentialGroup;

    /**
     * @param parameters timeline parameters
     * @param bands      bands to integrate
     * @throws IllegalArgumentException if a band exceeds the Nyquist frequency
     */
    public BandPowerTimelineEstimator(TimelineParameters parameters, BandSet bands) {
        if (parameters == null || bands == null) {
            throw new IllegalArgumentException("band-power timeline needs parameters and bands");
        }
        this.parameters = parameters;
        this.bands = bands;
        this.bins = new BandBins(bands, parameters.sampleRateHz(), parameters.windowSamples());
    }

    /** The parameters. */
    public TimelineParameters parameters() {
        return parameters;
    }

    /** The bands. */
    public BandSet bands() {
        return bands;
    }

    /** Length of one output row for a span of {@code samples}: frames times bands. */
    public int outputLength(long samples) {
        return Math.multiplyExact(parameters.frameCount(samples), bands.size());
    }

    /**
     * Computes the timeline in the calling thread. Scratch is kept for the next call, so
     * repeated calls with the same channel count allocate nothing.
     *
     * @param input  {@code [channel][sample]} in uV, rectangular; Not modified
     * @param output {@code [channel][outputLength(samples)]}, uV^2, frame-major
     *               ({@code frame * bands + band}); Modified
     */
    public void process(double[][] input, double[][] output) {
        int samples = checkShapes(input, output);
        int lanes = Math.min(input.length, MAX_CHANNELS_PER_BATCH);
        if (sequentialKernel == null || sequentialGroup.length != lanes) {
            sequentialKernel = new BandPowerKernel(parameters, bins, lanes, lanes);
            sequentialGroup = new int[lanes];
        }
        run(sequentialKernel, sequentialGroup, 0, 1, input, samples, output);
    }

    /**
     * Computes the timeline with channels spread over {@code parallelism} tasks: one runs in the
     * calling thread, the others on {@code executor}. Returns when all are done. Each task
     * allocates its scratch once per call.
     *
     * @param input       {@code [channel][sample]} in uV, rectangular; Not modified
     * @param output      {@code [channel][outputLength(samples)]}, uV^2; Modified
     * @param executor    runs the other tasks (e.g. a pool of {@code parallelism - 1} threads)
     * @param parallelism number of tasks, at least 1
     */
    public void process(double[][] input, double[][] output, Executor executor, int parallelism) {
        int samples = checkShapes(input, output);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " must be at least 1");
        }
        int tasks = Math.min(parallelism, input.length);
        int lanes = Math.min((input.length + tasks - 1) / tasks, MAX_CHANNELS_PER_BATCH);
        CompletableFuture<?>[] others = new CompletableFuture<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            others[t - 1] = CompletableFuture.runAsync(
                    () -> run(new BandPowerKernel(parameters, bins, lanes, lanes), new int[lanes], task, tasks, input, samples, output),
                    executor);
        }
        run(new BandPowerKernel(parameters, bins, lanes, lanes), new int[lanes], 0, tasks, input, samples, output);
        try {
            CompletableFuture.allOf(others).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Convenience: the timeline of {@code input} as a new record, computed in the calling thread.
     *
     * @param startTimeSeconds time of {@code input[*][0]}
     */
    public BandPowerTimeline estimate(double[][] input, double startTimeSeconds) {
        int samples = Validation.requireRectangular(input, "band-power timeline input");
        double[][] output = new double[input.length][outputLength(samples)];
        process(input, output);
        return new BandPowerTimeline(parameters, bands, startTimeSeconds, parameters.frameCount(samples), output);
    }

    /** Channels {@code task, task + tasks, ...} in groups of the kernel's lane count, every frame. */
    private void run(BandPowerKernel kernel, int[] group, int task, int tasks, double[][] input, int samples,
                     double[][] output) {
        int frames = parameters.frameCount(samples);
        int hop = parameters.hopSamples();
        int newest = parameters.windowSamples() - hop;
        int bandCount = bands.size();
        boolean slides = kernel.slides();
        int count = 0;
        for (int c = task; c < input.length; c += tasks) {
            group[count++] = c;
            if (count == kernel.lanes() || c + tasks >= input.length) {
                for (int f = 0; f < frames; f++) {
                    if (slides && f > 0) {
                        kernel.slide(input, group, count, 0, f * hop + newest, output, f * bandCount);
                    } else {
                        kernel.compute(input, group, count, 0, f * hop, output, f * bandCount);
                    }
                }
                count = 0;
            }
        }
    }

    private int checkShapes(double[][] input, double[][] output) {
        int samples = Validation.requireRectangular(input, "band-power timeline input");
        Validation.requireShape(output, input.length, outputLength(samples), "band-power timeline output");
        return samples;
    }
}
