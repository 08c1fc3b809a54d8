package dev.liminal.benchmarks.spectral;

import dev.liminal.benchmarks.data.SyntheticEeg;
import dev.liminal.core.ProgressListener;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Recordings;
import dev.liminal.datasets.WriteOptions;
import dev.liminal.dsp.spectral.BandPowerTimelineEstimator;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.StreamingFrame;
import dev.liminal.dsp.spectral.StreamingFrameSink;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * W1 read from a 16-bit EDF on disk: the EDF file itself and the two timed pipelines of
 * {@code TimelineHarness w1-edf}.
 * <ul>
 *   <li>{@link #whole}: open the file with datasets' reader ({@link Recordings#open}), allocate
 *       the {@code [channel][sample]} arrays, fill them with {@link RecordingReader#readSamples}
 *       in blocks, then run {@link BandPowerTimelineEstimator} on them exactly as {@code w1}
 *       does. Memory: the whole recording as doubles (1.84 GB for W1).</li>
 *   <li>{@link #blocked}: bounded memory, same estimator. The frames are computed in runs
 *       (a minute of hops by default); each run's samples are read into a reusable buffer and
 *       the estimator computes that run's frames. With several threads the calling thread reads
 *       the next run while the pool computes this one.</li>
 *   <li>{@link #streamed}: bounded memory, the live engine. Blocks are read into one or two reusable
 *       {@code [channel][block]} buffers and fed to {@link StreamingBandPowerProcessor}s (window
 *       and hop of the timeline, so one frame per hop) with {@code feed}; each frame's powers
 *       are copied into the output rows. With several threads the channels are split into one
 *       processor per thread, run on the pool, while the calling thread reads the next block
 *       into the other buffer. This is what {@code liminal bandpower} does, minus the CSV.</li>
 * </ul>
 * All return the band powers in the estimator's layout ({@code [channel][frame * bands + band]},
 * uV^2) with the time of each phase.
 *
 * <p>The EDF file ({@link #w1EdfFile}) is written once from the W1 float64 file through
 * {@link Recordings#write} (datasets' EDF+ writer, one-second records). The writer scans each
 * channel's minimum and maximum first and uses them, rounded outward to 8 characters, as the
 * physical range over the full 16-bit digital range, so the step is (max - min) / 65535 (0.0022 to
 * 0.0029 uV for W1's channels, whose ranges are about +-75 to +-95 uV) and the rounding error
 * at most half of that.
 *
 * <p>Not instantiable; the methods share no state and may run on any thread, one call per
 * reader.
 */
final class EdfTimeline {
    /**
     * The W1 EDF inside the bench-data directory. Not {@code eeg-64ch-1000hz-3600s.edf}: that name
     * is the reader benchmarks' file ({@code GenerateBenchData}, a fixed 0.1 uV step and markers).
     */
    static final String W1_EDF_FILE_NAME = SpectralBenchData.W1.fileStem() + "-w1.edf";

    private EdfTimeline() {}

    /**
     * Seconds spent in each phase of one run.
     *
     * @param openSeconds     opening the file: header, the pass over the annotation signal
     * @param allocateSeconds allocating the sample arrays ({@link #whole}: 1.84 GB for W1, zeroed
     *                        by the JVM) or the block buffers and processors ({@link #streamed})
     * @param readSeconds    in {@code readSamples} on the calling thread
     * @param computeSeconds band powers: the estimator for {@link #whole}; for {@link #streamed}
     *                       the time the calling thread fed the processors or waited for them
     * @param totalSeconds   from before opening the file to the last band power
     */
    record Timing(double openSeconds, double allocateSeconds, double readSeconds, double computeSeconds,
                  double totalSeconds) {}

    /**
     * One run's result.
     *
     * @param bandPowers {@code [channel][frame * bands + band]}, uV^2; owned by the caller
     */
    record Run(Timing timing, double[][] bandPowers) {}

    /** {@code dir/eeg-64ch-1000hz-3600s-w1.edf}. */
    static Path w1EdfFile(Path dir) {
        return dir.resolve(W1_EDF_FILE_NAME);
    }

    /**
     * Writes the W1 EDF from the W1 float64 file (writing that first if missing) unless an EDF
     * with W1's shape is already there. Several minutes of one core: the writer reads the
     * float64 file twice (range scan, then records).
     *
     * @return true if the file was written
     */
    static boolean ensureW1Edf(Path dir) throws IOException {
        Path edf = w1EdfFile(dir);
        if (Files.isRegularFile(edf) && hasShape(edf, SpectralBenchData.W1.channelCount(), SpectralBenchData.W1.sampleCount(),
                SpectralBenchData.W1.sampleRateHz())) {
            return false;
        }
        SpectralBenchData.ensureW1File(dir);
        writeEdf(SpectralBenchData.w1File(dir), SyntheticEeg.labels(SpectralBenchData.W1.channelCount()),
                SpectralBenchData.W1.sampleCount(), SpectralBenchData.W1.sampleRateHz(), edf);
        return true;
    }

    /**
     * Writes a channel-major float64 file (see {@link RawSampleRecording}) as EDF+ with
     * one-second data records through {@link Recordings#write}.
     */
    static void writeEdf(Path raw, List<String> labels, long samples, double sampleRateHz, Path edf) throws IOException {
        try (RecordingReader source = RawSampleRecording.open(raw, labels, samples, sampleRateHz)) {
            Recordings.write(source, edf, new WriteOptions(1.0), ProgressListener.NONE);
        }
    }

    /** Whether {@code edf} opens and holds one stream of {@code channels x samples} at {@code rateHz}. */
    static boolean hasShape(Path edf, int channels, long samples, double rateHz) {
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = signalStream(reader.info(), edf);
            return s.info().channelCount() == channels && s.sampleCount() == samples && s.info().nominalRateHz() == rateHz;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The one numeric, regularly sampled stream of an EDF that holds the EEG channels.
     *
     * @throws IllegalArgumentException if there is not exactly one such stream
     */
    static RecordedStream signalStream(RecordingInfo info, Path file) {
        List<RecordedStream> numeric = info.streams().stream()
                .filter(s -> s.info().format().isNumeric() && !s.info().isIrregular()).toList();
        if (numeric.size() != 1) {
            throw new IllegalArgumentException(file + " has " + numeric.size()
                    + " numeric streams; the benchmark expects one (every channel at one rate)");
        }
        return numeric.get(0);
    }

    /**
     * Every sample of the EDF's signal stream, read with one {@code readSamples} call: the
     * reference input for checking the timed runs.
     *
     * @return {@code [channel][sample]}, uV; owned by the caller
     */
    static double[][] samples(Path edf) throws IOException {
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = signalStream(reader.info(), edf);
            double[][] x = new double[s.info().channelCount()][Math.toIntExact(s.sampleCount())];
            reader.readSamples(s.index(), 0, x[0].length, x, 0);
            return x;
        }
    }

    /**
     * Whole-array pipeline (see the class comment). With {@code threads > 1} the estimator
     * spreads the channels over {@code pool} as in {@code w1}; the EDF reader additionally decodes
     * blocks of 8 MB and more on its own pool of (cores - 1) threads, so with one thread pick
     * blocks under 8 MB (60 one-second records of 64 x 1000 samples are 7.7 MB).
     *
     * @param blockSamples samples per channel per {@code readSamples} call, at least 1
     * @param pool         the estimator's other threads; null when {@code threads == 1}
     */
    static Run whole(Path edf, BandPowerTimelineEstimator estimator, int blockSamples, ExecutorService pool, int threads)
            throws IOException {
        long t0 = System.nanoTime();
        double[][] x;
        long tOpen;
        long t1;
        long t2;
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = signalStream(reader.info(), edf);
            checkRate(s, estimator.parameters(), edf);
            int samples = Math.toIntExact(s.sampleCount());
            tOpen = System.nanoTime();
            x = new double[s.info().channelCount()][samples];
            t1 = System.nanoTime();
            for (int first = 0; first < samples; first += blockSamples) {
                reader.readSamples(s.index(), first, Math.min(blockSamples, samples - first), x, first);
            }
            t2 = System.nanoTime();
        }
        double[][] y = new double[x.length][estimator.outputLength(x[0].length)];
        if (threads > 1) {
            estimator.process(x, y, pool, threads);
        } else {
            estimator.process(x, y);
        }
        long t3 = System.nanoTime();
        return new Run(new Timing((tOpen - t0) / 1e9, (t1 - tOpen) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (t3 - t0) / 1e9), y);
    }

    /**
     * Bounded-memory pipeline (see the class comment): at most two blocks of samples in memory
     * besides the output. With {@code threads == 1} everything runs on the calling thread (read a
     * block, feed it); otherwise {@code pool} (at least {@code threads} threads) runs one
     * processor per channel group while the calling thread reads ahead.
     *
     * @param blockSamples samples per channel per {@code readSamples} call, at least 1
     */
    static Run streamed(Path edf, TimelineParameters parameters, BandSet bands, int blockSamples, ExecutorService pool,
                        int threads) throws IOException {
        long t0 = System.nanoTime();
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = signalStream(reader.info(), edf);
            checkRate(s, parameters, edf);
            long tOpen = System.nanoTime();
            int channels = s.info().channelCount();
            long samples = s.sampleCount();
            int frames = parameters.frameCount(samples);
            int bandCount = bands.size();
            double[][] y = new double[channels][Math.multiplyExact(frames, bandCount)];
            int groups = Math.min(threads, channels);
            Group[] group = new Group[groups];
            for (int g = 0; g < groups; g++) {
                int from = (int) ((long) channels * g / groups);
                int to = (int) ((long) channels * (g + 1) / groups);
                group[g] = new Group(new StreamingBandPowerProcessor(parameters, bands, to - from, 0.0), from, to, y, bandCount);
            }
            int block = (int) Math.min(blockSamples, samples);
            double[][][] buffers = new double[groups > 1 ? 2 : 1][channels][block];
            long t1 = System.nanoTime();
            long readNanos = 0;
            long computeNanos = 0;
            List<Future<?>> pending = new ArrayList<>();
            int k = 0;
            for (long first = 0; first < samples; first += block, k++) {
                int n = (int) Math.min(block, samples - first);
                double[][] buffer = buffers[k % buffers.length];
                long r0 = System.nanoTime();
                reader.readSamples(s.index(), first, n, buffer, 0);
                long r1 = System.nanoTime();
                readNanos += r1 - r0;
                if (groups == 1) {
                    group[0].feed(buffer, n);
                } else {
                    // The tasks of block k - 1 use the other buffer; those of k - 2 (this buffer) were joined.
                    join(pending);
                    for (Group g : group) pending.add(pool.submit(() -> g.feed(buffer, n)));
                }
                computeNanos += System.nanoTime() - r1;
            }
            long c0 = System.nanoTime();
            join(pending);
            long t2 = System.nanoTime();
            computeNanos += t2 - c0;
            for (Group g : group) {
                if (g.frame != frames) {
                    throw new IllegalStateException("channels " + g.from + ".." + (g.to - 1) + " gave " + g.frame
                            + " frames, expected " + frames);
                }
            }
            return new Run(new Timing((tOpen - t0) / 1e9, (t1 - tOpen) / 1e9, readNanos / 1e9, computeNanos / 1e9,
                    (t2 - t0) / 1e9), y);
        }
    }

    /**
     * Bounded-memory pipeline through the batch estimator (see the class comment): the frames
     * are taken in runs of {@code blockSamples / hop}; for each run the samples its windows cover
     * (the run's span plus window - hop samples, re-read from the file rather than kept) are read
     * into a reusable buffer and {@link BandPowerTimelineEstimator#process} computes the run's
     * frames, copied into the output rows. With {@code threads > 1} the channels are split into
     * one estimator per thread, run on {@code pool} (at least {@code threads} threads), while the
     * calling thread reads the next run into the other buffer.
     *
     * @param blockSamples samples per channel per run (rounded down to whole hops, at least one)
     */
    static Run blocked(Path edf, TimelineParameters parameters, BandSet bands, int blockSamples, ExecutorService pool,
                       int threads) throws IOException {
        long t0 = System.nanoTime();
        try (RecordingReader reader = Recordings.open(edf)) {
            RecordedStream s = signalStream(reader.info(), edf);
            checkRate(s, parameters, edf);
            long tOpen = System.nanoTime();
            int channels = s.info().channelCount();
            int hop = parameters.hopSamples();
            int window = parameters.windowSamples();
            int frames = parameters.frameCount(s.sampleCount());
            int bandCount = bands.size();
            double[][] y = new double[channels][Math.multiplyExact(frames, bandCount)];
            int framesPerRun = Math.max(1, Math.min(blockSamples / hop, frames));
            int runSamples = (framesPerRun - 1) * hop + window;
            int groups = Math.min(threads, channels);
            RunGroup[] group = new RunGroup[groups];
            for (int g = 0; g < groups; g++) {
                group[g] = new RunGroup(new BandPowerTimelineEstimator(parameters, bands),
                        (int) ((long) channels * g / groups), (int) ((long) channels * (g + 1) / groups), y, bandCount);
            }
            double[][][] buffers = new double[groups > 1 ? 2 : 1][channels][runSamples];
            long t1 = System.nanoTime();
            long readNanos = 0;
            long computeNanos = 0;
            List<Future<?>> pending = new ArrayList<>();
            int k = 0;
            for (int f0 = 0; f0 < frames; f0 += framesPerRun, k++) {
                int runFrames = Math.min(framesPerRun, frames - f0);
                int n = (runFrames - 1) * hop + window;
                // The estimator takes the row length as the span, so a short last run needs its own arrays.
                double[][] buffer = n == runSamples ? buffers[k % buffers.length] : new double[channels][n];
                long r0 = System.nanoTime();
                reader.readSamples(s.index(), (long) f0 * hop, n, buffer, 0);
                long r1 = System.nanoTime();
                readNanos += r1 - r0;
                int first = f0;
                if (groups == 1) {
                    group[0].run(buffer, first, runFrames);
                } else {
                    // The tasks of run k - 1 use the other buffer; those of k - 2 (this buffer) were joined.
                    join(pending);
                    for (RunGroup g : group) pending.add(pool.submit(() -> g.run(buffer, first, runFrames)));
                }
                computeNanos += System.nanoTime() - r1;
            }
            long c0 = System.nanoTime();
            join(pending);
            long t2 = System.nanoTime();
            computeNanos += t2 - c0;
            return new Run(new Timing((tOpen - t0) / 1e9, (t1 - tOpen) / 1e9, readNanos / 1e9, computeNanos / 1e9,
                    (t2 - t0) / 1e9), y);
        }
    }

    /** One estimator over channels {@code [from, to)} for {@link #blocked}. Used by one thread at a time. */
    private static final class RunGroup {
        final BandPowerTimelineEstimator estimator;
        final int from;
        final int to;
        final double[][] view;
        final double[][] out;
        final int bandCount;
        double[][] runOut = new double[0][];

        RunGroup(BandPowerTimelineEstimator estimator, int from, int to, double[][] out, int bandCount) {
            this.estimator = estimator;
            this.from = from;
            this.to = to;
            this.view = new double[to - from][];
            this.out = out;
            this.bandCount = bandCount;
        }

        /** Frames {@code [firstFrame, firstFrame + frames)} from this group's rows of {@code buffer}. */
        void run(double[][] buffer, int firstFrame, int frames) {
            System.arraycopy(buffer, from, view, 0, to - from);
            int length = frames * bandCount;
            if (runOut.length != to - from || runOut[0].length != length) runOut = new double[to - from][length];
            estimator.process(view, runOut);
            for (int c = from; c < to; c++) System.arraycopy(runOut[c - from], 0, out[c], firstFrame * bandCount, length);
        }
    }

    /** One processor over channels {@code [from, to)}, writing its frames into the output rows. */
    private static final class Group implements StreamingFrameSink {
        final StreamingBandPowerProcessor processor;
        final int from;
        final int to;
        final double[][] view;
        final double[][] out;
        final int bandCount;
        int frame;

        Group(StreamingBandPowerProcessor processor, int from, int to, double[][] out, int bandCount) {
            this.processor = processor;
            this.from = from;
            this.to = to;
            this.view = new double[to - from][];
            this.out = out;
            this.bandCount = bandCount;
        }

        /** Feeds samples {@code [0, n)} of this group's rows of {@code block}. */
        void feed(double[][] block, int n) {
            System.arraycopy(block, from, view, 0, to - from);
            processor.feed(view, 0, n, this);
        }

        @Override
        public void accept(StreamingFrame f) {
            int base = frame * bandCount;
            for (int c = from; c < to; c++) {
                double[] row = out[c];
                for (int b = 0; b < bandCount; b++) row[base + b] = f.absolute(c - from, b);
            }
            frame++;
        }
    }

    private static void checkRate(RecordedStream s, TimelineParameters parameters, Path edf) {
        if (s.info().nominalRateHz() != parameters.sampleRateHz()) {
            throw new IllegalArgumentException(edf + " is sampled at " + s.info().nominalRateHz() + " Hz, the timeline at "
                    + parameters.sampleRateHz() + " Hz");
        }
        if (s.isDiscontinuous()) {
            throw new IllegalArgumentException(edf + " is discontinuous (" + s.segments().size()
                    + " segments); the benchmark expects one run");
        }
    }

    /** Waits for every future in {@code pending}, then clears it; a task's failure is rethrown. */
    private static void join(List<Future<?>> pending) throws IOException {
        try {
            for (Future<?> f : pending) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the band-power tasks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        } finally {
            pending.clear();
        }
    }
}
