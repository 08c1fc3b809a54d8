package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.BatchedComplexFft;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The batch band-power timeline: for every channel and frame (see {@link TimelineParameters})
 * the absolute power of each band, without keeping spectra. Per frame the raw window is
 * transformed once, then detrended and windowed in the frequency domain for only the bins
 * between the lowest and highest band edge ({@link CosineWindowCombiner}), squared, scaled and
 * summed per band; nothing is allocated per frame.
 *
 * <p>Transforms: when the window length has no prime factor above 5 (2 s at 250, 256, 500,
 * 512, 1000, 2048 Hz), channels are transformed {@value #MAX_CHANNELS_PER_BATCH} at a time
 * with {@link BatchedComplexFft}, two real channels per complex lane (the real and imaginary
 * parts; the two spectra are separated by conjugate symmetry). Rounding then mixes a channel
 * pair: the absolute error of a bin is of order 1e-16 of the larger of the two channels'
 * spectra, so a channel many orders of magnitude weaker than its partner (a flat channel)
 * shows powers near 1e-30 of the partner's instead of exact zeros. Other lengths use
 * JTransforms per channel ({@link FrequencyDomainPeriodogram}).
 *
 * <p>Channels can be spread over an {@link Executor}: channels are paired as (0, 1), (2, 3), ...
 * whatever the parallelism, each task takes every {@code parallelism}-th pair, and a lane's
 * arithmetic does not depend on its neighbours, so results are bit-identical for any
 * parallelism. Gives the same numbers as
 * {@link Spectrogram#bandPowerTimeline} (the reference path) to 1e-9 relative.
 *
 * <p>Thread-safety: the sequential {@link #process(double[][], double[][])} is confined to one
 * thread (it reuses this estimator's scratch). The parallel overload builds per-task scratch
 * and may be called from any one thread at a time.
 */
public final class BandPowerTimelineEstimator {
    /**
     * Channels transformed together by the batched FFT: two per lane, 16 lanes. For a 2000-point
     * window its four buffers take 4 * 2000 * 16 * 8 bytes = 1 MiB, within a core's L2 cache.
     */
    public static final int MAX_CHANNELS_PER_BATCH = 32;
    private static final int MAX_LANES = MAX_CHANNELS_PER_BATCH / 2;

    private final TimelineParameters parameters;
    private final BandSet bands;
    private final BandBins bins;
    private final boolean batched;
    private Worker sequentialWorker;

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
        this.batched = parameters.windowSamples() >= CosineWindowCombiner.MIN_SEGMENT_SAMPLES
                && BatchedComplexFft.supports(parameters.windowSamples());
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
     * Computes the timeline in the calling thread. Scratch is kept for the next call with the
     * same channel count, so repeated calls allocate nothing.
     *
     * @param input  {@code [channel][sample]} in uV, rectangular; Not modified
     * @param output {@code [channel][outputLength(samples)]}, uV^2, frame-major
     *               ({@code frame * bands + band}); Modified
     */
    public void process(double[][] input, double[][] output) {
        int samples = checkShapes(input, output);
        int lanes = Math.min(pairCount(input.length), MAX_LANES);
        if (sequentialWorker == null || sequentialWorker.laneCapacity != lanes) {
            sequentialWorker = new Worker(lanes);
        }
        sequentialWorker.run(0, 1, input, samples, output);
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
        int pairs = pairCount(input.length);
        int tasks = Math.min(parallelism, pairs);
        int capacity = Math.min((pairs + tasks - 1) / tasks, MAX_LANES);
        CompletableFuture<?>[] others = new CompletableFuture<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            others[t - 1] = CompletableFuture.runAsync(
                    () -> new Worker(capacity).run(task, tasks, input, samples, output), executor);
        }
        new Worker(capacity).run(0, tasks, input, samples, output);
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

    private static int pairCount(int channels) {
        return (channels + 1) / 2;
    }

    private int checkShapes(double[][] input, double[][] output) {
        int samples = Validation.requireRectangular(input, "band-power timeline input");
        Validation.requireShape(output, input.length, outputLength(samples), "band-power timeline output");
        return samples;
    }

    /** One thread's scratch: either the batched transform or the per-channel one. */
    private final class Worker {
        final int laneCapacity;
        private final int n = parameters.windowSamples();
        private final int fromBin = bins.lowestBin();
        private final int toBin = bins.endBin();
        private final double[] density = new double[parameters.binCount()];
        private final int[] group;
        // batched path
        private final BatchedComplexFft fft;
        private final CosineWindowCombiner combiner;
        private final double[] real;
        private final double[] imaginary;
        // per-channel paths
        private final FrequencyDomainPeriodogram single;
        private final Periodogram plain;

        Worker(int laneCapacity) {
            this.laneCapacity = laneCapacity;
            this.group = new int[2 * laneCapacity];
            if (batched) {
                fft = new BatchedComplexFft(n, laneCapacity);
                combiner = new CosineWindowCombiner(n, parameters.window(), parameters.sampleRateHz());
                real = new double[parameters.binCount()];
                imaginary = new double[parameters.binCount()];
                single = null;
                plain = null;
            } else {
                fft = null;
                combiner = null;
                real = null;
                imaginary = null;
                boolean frequencyDomain = n >= CosineWindowCombiner.MIN_SEGMENT_SAMPLES;
                single = frequencyDomain ? new FrequencyDomainPeriodogram(n, parameters.window(), parameters.sampleRateHz()) : null;
                plain = frequencyDomain ? null : new Periodogram(n, parameters.window(), parameters.sampleRateHz());
            }
        }

        /** Channel pairs {@code task, task + tasks, ...}: channels {@code 2p} and {@code 2p + 1}. */
        void run(int task, int tasks, double[][] input, int samples, double[][] output) {
            int frames = parameters.frameCount(samples);
            int pairs = pairCount(input.length);
            int lanesUsed = 0;
            for (int p = task; p < pairs; p += tasks) {
                int first = 2 * p;
                int second = first + 1 < input.length ? first + 1 : -1;
                if (!batched) {
                    runSingle(input[first], frames, output[first]);
                    if (second >= 0) runSingle(input[second], frames, output[second]);
                    continue;
                }
                group[2 * lanesUsed] = first;
                group[2 * lanesUsed + 1] = second;
                lanesUsed++;
                if (lanesUsed == laneCapacity) {
                    runBatch(lanesUsed, input, frames, output);
                    lanesUsed = 0;
                }
            }
            if (lanesUsed > 0) runBatch(lanesUsed, input, frames, output);
        }

        private void runSingle(double[] x, int frames, double[] out) {
            int hop = parameters.hopSamples();
            int bandCount = bins.bandCount();
            for (int f = 0; f < frames; f++) {
                if (single != null) {
                    single.density(x, f * hop, density, fromBin, toBin);
                } else {
                    plain.density(x, f * hop, density, fromBin, toBin);
                }
                bins.integrate(density, out, f * bandCount);
            }
        }

        /** Transforms lanes {@code 0..lanesUsed)} of {@link #group}; entries of -1 are empty slots. */
        private void runBatch(int lanesUsed, double[][] input, int frames, double[][] output) {
            int lanes = fft.lanes();
            int hop = parameters.hopSamples();
            int bandCount = bins.bandCount();
            int lo = combiner.firstRawBin(fromBin);
            int hi = combiner.endRawBin(toBin);
            for (int f = 0; f < frames; f++) {
                int start = f * hop;
                double[] inRe = fft.inputReal();
                double[] inIm = fft.inputImaginary();
                for (int lane = 0; lane < lanes; lane++) {
                    int a = lane < lanesUsed ? group[2 * lane] : -1;
                    int b = lane < lanesUsed ? group[2 * lane + 1] : -1;
                    fillLane(a >= 0 ? input[a] : null, start, inRe, lane, lanes);
                    fillLane(b >= 0 ? input[b] : null, start, inIm, lane, lanes);
                }
                fft.forward();
                double[] zRe = fft.outputReal();
                double[] zIm = fft.outputImaginary();
                for (int i = 0; i < 2 * lanesUsed; i++) {
                    if (group[i] < 0) continue;
                    int lane = i / 2;
                    boolean second = (i % 2) == 1;
                    // x_a + i x_b transformed to Z: X_a[k] = (Z[k] + conj Z[n-k]) / 2,
                    // X_b[k] = (Z[k] - conj Z[n-k]) / 2i.
                    for (int k = lo; k < hi; k++) {
                        int mirror = (k == 0) ? 0 : n - k;
                        double zr = zRe[k * lanes + lane];
                        double zi = zIm[k * lanes + lane];
                        double yr = zRe[mirror * lanes + lane];
                        double yi = zIm[mirror * lanes + lane];
                        if (second) {
                            real[k] = 0.5 * (zi + yi);
                            imaginary[k] = 0.5 * (yr - zr);
                        } else {
                            real[k] = 0.5 * (zr + yr);
                            imaginary[k] = 0.5 * (zi - yi);
                        }
                    }
                    combiner.density(real, imaginary, density, fromBin, toBin);
                    bins.integrate(density, output[group[i]], f * bandCount);
                }
            }
        }

        private void fillLane(double[] x, int start, double[] target, int lane, int lanes) {
            if (x == null) {
                for (int j = 0; j < n; j++) target[j * lanes + lane] = 0.0;
            } else {
                for (int j = 0; j < n; j++) target[j * lanes + lane] = x[start + j];
            }
        }
    }
}
