package dev.liminal.dsp.spectral;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The batch band-power timeline: for every channel and frame (see {@link TimelineParameters})
 * the absolute power of each band, without keeping spectra. Per frame it copies and transforms
 * the raw window once, then detrends and windows in the frequency domain for only the bins
 * between the lowest and highest band edge (see {@link FrequencyDomainPeriodogram}), squares,
 * scales and sums them per band; nothing is allocated per frame. Channels can be
 * spread over an {@link Executor}; every channel is computed by exactly the same code whatever
 * the parallelism, so results do not depend on it. Gives the same numbers as
 * {@link Spectrogram#bandPowerTimeline} (the reference path) up to summation rounding.
 *
 * <p>Thread-safety: the sequential {@link #process(double[][], double[][])} is confined to one
 * thread (it reuses this estimator's scratch). The parallel overload builds per-task scratch
 * and may be called from any one thread at a time.
 */
public final class BandPowerTimelineEstimator {
    private final TimelineParameters parameters;
    private final BandSet bands;
    private final BandBins bins;
    private ChannelKernel sequentialKernel;

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
     * Computes the timeline in the calling thread.
     *
     * @param input  {@code [channel][sample]} in uV, rectangular; Not modified
     * @param output {@code [channel][outputLength(samples)]}, uV^2, frame-major
     *               ({@code frame * bands + band}); Modified
     */
    public void process(double[][] input, double[][] output) {
        int samples = checkShapes(input, output);
        if (sequentialKernel == null) {
            sequentialKernel = new ChannelKernel();
        }
        for (int c = 0; c < input.length; c++) {
            sequentialKernel.run(input[c], samples, output[c]);
        }
    }

    /**
     * Computes the timeline with channels spread over {@code parallelism} tasks: one runs in the
     * calling thread, the others on {@code executor}. Returns when all are done.
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
        CompletableFuture<?>[] others = new CompletableFuture<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            others[t - 1] = CompletableFuture.runAsync(() -> runTask(task, tasks, input, samples, output), executor);
        }
        runTask(0, tasks, input, samples, output);
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

    private void runTask(int task, int tasks, double[][] input, int samples, double[][] output) {
        ChannelKernel kernel = new ChannelKernel();
        // Interleaved assignment keeps the tasks balanced whatever the channel count.
        for (int c = task; c < input.length; c += tasks) {
            kernel.run(input[c], samples, output[c]);
        }
    }

    private int checkShapes(double[][] input, double[][] output) {
        int samples = Validation.requireRectangular(input, "band-power timeline input");
        Validation.requireShape(output, input.length, outputLength(samples), "band-power timeline output");
        return samples;
    }

    /** Scratch for one thread: a periodogram and the partial density row. */
    private final class ChannelKernel {
        private final boolean frequencyDomain =
                parameters.windowSamples() >= CosineWindowCombiner.MIN_SEGMENT_SAMPLES;
        private final FrequencyDomainPeriodogram fast = frequencyDomain
                ? new FrequencyDomainPeriodogram(parameters.windowSamples(), parameters.window(), parameters.sampleRateHz())
                : null;
        private final Periodogram plain = frequencyDomain
                ? null
                : new Periodogram(parameters.windowSamples(), parameters.window(), parameters.sampleRateHz());
        private final double[] density = new double[parameters.binCount()];
        private final int fromBin = bins.lowestBin();
        private final int toBin = bins.endBin();

        void run(double[] x, int samples, double[] out) {
            int frames = parameters.frameCount(samples);
            int hop = parameters.hopSamples();
            int bandCount = bins.bandCount();
            for (int f = 0; f < frames; f++) {
                if (frequencyDomain) {
                    fast.density(x, f * hop, density, fromBin, toBin);
                } else {
                    plain.density(x, f * hop, density, fromBin, toBin);
                }
                bins.integrate(density, out, f * bandCount);
            }
        }
    }
}
