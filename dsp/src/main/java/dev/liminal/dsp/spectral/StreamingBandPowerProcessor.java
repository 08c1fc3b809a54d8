package dev.liminal.dsp.spectral;

import dev.liminal.dsp.quality.EmgIndex;
import dev.liminal.dsp.quality.QualityAssessor;
import dev.liminal.dsp.quality.QualityFlag;
import dev.liminal.dsp.quality.QualityThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The band-power timeline computed as samples arrive: feed chunks of any length (one sample to
 * many seconds) and receive a frame every hop once the first window is full. Each frame is
 * computed by the same code as {@link BandPowerTimelineEstimator} on the same samples, so
 * streaming and offline give bit-identical numbers (ARCHITECTURE.md "Spectral definitions"):
 * both use one {@code BandPowerKernel}, whose result for a channel depends on that channel's
 * samples and band only.
 *
 * <p>Two ways to receive frames:
 * <ul>
 *   <li>{@link #feed(double[][], int, int, StreamingFrameSink)}, the hot path: the sink gets the
 *       processor's one reusable {@link StreamingFrame}, a read-only view valid during the call.
 *       Nothing is allocated per chunk or per frame once the processor is built (JMH
 *       {@code LiveUpdateBenchmark -prof gc}); the sink calls {@link StreamingFrame#snapshot()}
 *       only for the frames it publishes to another thread.</li>
 *   <li>{@link #process(double[][], int, int, Consumer)}, the convenience form: an immutable
 *       {@link BandPowerFrame} per frame (allocates one snapshot per hop).</li>
 * </ul>
 *
 * <p>Quality: every frame carries per channel the {@link QualityFlag}s of its window, by the
 * rules of {@link QualityAssessor} (amplitude beyond the threshold, flat line, non-finite
 * samples) and, when the rate reaches {@link #EMG_MIN_SAMPLE_RATE_HZ}, the {@link EmgIndex}
 * warning (51-69 Hz over 1-69 Hz power, Gasser et al. 2005). The two EMG bands are summed by the
 * same kernel call as the caller's bands, in extra columns the caller never sees, so they cost
 * no extra transform and do not change the caller's numbers. A channel with a NaN or infinite
 * sample in its window has no power ({@link StreamingFrame#hasPower(int)} false, values 0.0):
 * the non-finite value never reaches the output as a number, and the other channels are
 * unaffected. The same holds when finite samples are so large that a band power overflows to
 * infinity.
 *
 * <p>After a discontinuity (samples lost, e.g. a reader overrun) call {@link #restart(double)}
 * or {@link #restart(double, double)}: the history is dropped, the next frame comes when a
 * whole window of new samples has arrived, so no window ever spans a gap, and that frame is
 * marked {@link StreamingFrame#discontinuity()} with the gap duration when known.
 *
 * <p>Thread-safety: confined to one thread (the dsp thread).
 */
public final class StreamingBandPowerProcessor {
    /**
     * Lowest rate at which frames carry the EMG check: the muscle band's upper edge
     * {@link EmgIndex#MUSCLE_HIGH_HZ} must lie at or below Nyquist.
     */
    public static final double EMG_MIN_SAMPLE_RATE_HZ = 2 * EmgIndex.MUSCLE_HIGH_HZ;
    /**
     * Shortest quality segment worth keeping statistics for: below it, combining the segments
     * of a window costs about as much as rescanning the window, which is then done instead.
     */
    static final int MIN_SEGMENT_SAMPLES = 8;

    private final TimelineParameters parameters;
    private final BandSet bands;
    private final int channels;
    private final BandPowerKernel kernel;
    private final QualityAssessor assessor;
    private final double emgWarning;
    /** Column of the 51-69 Hz band in {@link #computed}, or -1 when the rate cannot hold it. */
    private final int emgColumn;
    private final int[] group;
    /** Last window of samples per channel, circular; {@link #writeIndex} is the oldest once full. */
    private final double[][] history;
    /** The window oldest first, for a kernel that transforms whole windows; null when {@link #sliding}. */
    private final double[][] linear;
    /**
     * Whether the kernel slides (live settings): then it reads the newest hop straight from the
     * ring, the frame's window view reads the ring, and no window is copied per frame.
     */
    private final boolean sliding;
    /** One channel's window oldest first, for the rare full scan when {@link #sliding}. */
    private final double[] linearRow;
    /** Kernel output: the caller's bands, then (when {@link #emgColumn} >= 0) the muscle and 1-69 Hz bands. */
    private final double[][] computed;
    private final double[][] frame;
    private final int[] qualityBits;
    private final StreamingFrame view;
    /**
     * Quality statistics are kept per segment of {@code gcd(window, hop)} samples, so each
     * sample is scanned once rather than once per window holding it; 0 when segments would be
     * shorter than {@link #MIN_SEGMENT_SAMPLES} (then each window is rescanned).
     */
    private final int segmentSamples;
    private final int segmentsPerWindow;
    /** Sum, minimum and maximum of the last {@link #segmentsPerWindow} whole segments, {@code [channel][segment]}, circular. */
    private final double[][] segmentSum;
    private final double[][] segmentMin;
    private final double[][] segmentMax;
    /** Running sum, minimum and maximum of the segment being filled, per channel. */
    private final double[] currentSum;
    private final double[] currentMin;
    private final double[] currentMax;
    private int segmentFill;
    private int segmentWrite;
    private int writeIndex;
    private int untilNextFrame;
    private long framesSinceStart;
    private double startTimeSeconds;
    private boolean pendingDiscontinuity;
    private double pendingGapSeconds;

    /**
     * A processor with the default quality thresholds ({@link QualityThresholds#DEFAULT}).
     *
     * @param parameters       window, hop and rate
     * @param bands            bands to integrate
     * @param channels         number of channels, at least 1
     * @param startTimeSeconds time of the first sample that will be fed
     * @throws IllegalArgumentException if a band exceeds the Nyquist frequency
     */
    public StreamingBandPowerProcessor(TimelineParameters parameters, BandSet bands, int channels, double startTimeSeconds) {
        this(parameters, bands, channels, startTimeSeconds, QualityThresholds.DEFAULT);
    }

    /**
     * @param parameters       window, hop and rate
     * @param bands            bands to integrate
     * @param channels         number of channels, at least 1
     * @param startTimeSeconds time of the first sample that will be fed
     * @param thresholds       limits of the per-frame quality flags
     * @throws IllegalArgumentException if a band exceeds the Nyquist frequency
     */
    public StreamingBandPowerProcessor(TimelineParameters parameters, BandSet bands, int channels, double startTimeSeconds,
                                       QualityThresholds thresholds) {
        if (parameters == null || bands == null || thresholds == null) {
            throw new IllegalArgumentException("streaming band powers need parameters, bands and quality thresholds");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("streaming band powers need at least 1 channel, got " + channels);
        }
        bands.requireBelowNyquist(parameters.sampleRateHz());
        this.parameters = parameters;
        this.bands = bands;
        this.channels = channels;
        this.assessor = new QualityAssessor(thresholds);
        this.emgWarning = thresholds.emgIndexWarning();
        boolean emg = parameters.sampleRateHz() >= EMG_MIN_SAMPLE_RATE_HZ;
        this.emgColumn = emg ? bands.size() : -1;
        BandSet computedBands = emg ? withEmgBands(bands) : bands;
        int n = parameters.windowSamples();
        BandBins bins = new BandBins(computedBands, parameters.sampleRateHz(), n);
        this.kernel = new BandPowerKernel(parameters, bins, Math.min(channels, BandPowerTimelineEstimator.MAX_CHANNELS_PER_BATCH),
                channels);
        this.group = new int[kernel.lanes()];
        this.history = new double[channels][n];
        this.sliding = kernel.slides();
        this.linear = sliding ? null : new double[channels][n];
        this.linearRow = sliding ? new double[n] : null;
        this.computed = new double[channels][computedBands.size()];
        this.frame = new double[channels][bands.size()];
        this.qualityBits = new int[channels];
        this.view = new StreamingFrame(bands, frame, qualityBits, sliding ? history : linear);
        int segment = gcd(n, parameters.hopSamples());
        this.segmentSamples = segment >= MIN_SEGMENT_SAMPLES ? segment : 0;
        this.segmentsPerWindow = segmentSamples > 0 ? n / segmentSamples : 0;
        this.segmentSum = new double[channels][segmentsPerWindow];
        this.segmentMin = new double[channels][segmentsPerWindow];
        this.segmentMax = new double[channels][segmentsPerWindow];
        this.currentSum = new double[channels];
        this.currentMin = new double[channels];
        this.currentMax = new double[channels];
        reset(startTimeSeconds);
        this.pendingDiscontinuity = false;
        this.pendingGapSeconds = Double.NaN;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** {@code bands} followed by the EMG muscle band and its 1-69 Hz total, under names unused in {@code bands}. */
    private static BandSet withEmgBands(BandSet bands) {
        List<FrequencyBand> all = new ArrayList<>(bands.bands());
        Set<String> names = new HashSet<>();
        for (FrequencyBand b : bands.bands()) names.add(b.name());
        all.add(new FrequencyBand(unused("emg-muscle", names), EmgIndex.MUSCLE_LOW_HZ, EmgIndex.MUSCLE_HIGH_HZ));
        all.add(new FrequencyBand(unused("emg-total", names), EmgIndex.TOTAL_LOW_HZ, EmgIndex.MUSCLE_HIGH_HZ));
        return new BandSet(all);
    }

    private static String unused(String name, Set<String> taken) {
        String candidate = name;
        while (taken.contains(candidate)) candidate = candidate + "_";
        return candidate;
    }

    /** The window, hop and rate. */
    public TimelineParameters parameters() {
        return parameters;
    }

    /** The bands, in column order. */
    public BandSet bands() {
        return bands;
    }

    /** Number of channels. */
    public int channelCount() {
        return channels;
    }

    /** Whether frames carry the {@link QualityFlag#EMG} check (rate at least {@link #EMG_MIN_SAMPLE_RATE_HZ}). */
    public boolean checksEmg() {
        return emgColumn >= 0;
    }

    /**
     * Forgets all samples after a discontinuity of unknown length; the next sample fed has
     * time {@code startTimeSeconds} and the next frame is marked as a discontinuity.
     */
    public void restart(double startTimeSeconds) {
        restart(startTimeSeconds, Double.NaN);
    }

    /**
     * Forgets all samples after a gap in the input; the next sample fed has time
     * {@code startTimeSeconds}, the next frame comes after a whole new window and is marked
     * {@link StreamingFrame#discontinuity()} with {@code gapSeconds}.
     *
     * @param gapSeconds how long the input was missing, at least 0; NaN when unknown
     */
    public void restart(double startTimeSeconds, double gapSeconds) {
        if (!Double.isNaN(gapSeconds) && !(gapSeconds >= 0 && Double.isFinite(gapSeconds))) {
            throw new IllegalArgumentException("gap " + gapSeconds + " s must be NaN (unknown) or finite and at least 0");
        }
        reset(startTimeSeconds);
        pendingDiscontinuity = true;
        pendingGapSeconds = gapSeconds;
    }

    private void reset(double startTimeSeconds) {
        if (!Double.isFinite(startTimeSeconds)) {
            throw new IllegalArgumentException("start time " + startTimeSeconds + " s must be finite");
        }
        this.startTimeSeconds = startTimeSeconds;
        this.writeIndex = 0;
        this.untilNextFrame = parameters.windowSamples();
        this.framesSinceStart = 0;
        this.segmentFill = 0;
        this.segmentWrite = 0;
        Arrays.fill(currentSum, 0.0);
        Arrays.fill(currentMin, Double.POSITIVE_INFINITY);
        Arrays.fill(currentMax, Double.NEGATIVE_INFINITY);
    }

    /**
     * Feeds samples {@code [offset, offset + length)} of every channel of {@code chunk} and
     * hands each completed frame, as an immutable {@link BandPowerFrame}, to {@code sink}, in
     * order, before returning. Allocates one frame per hop; use
     * {@link #feed(double[][], int, int, StreamingFrameSink)} on the live path.
     *
     * @param chunk  {@code [channel][sample]} in uV, one row per channel; Not modified
     * @param offset first sample to use in each row
     * @param length number of samples to use, at least 0
     * @param sink   receives the frames; called on this thread
     * @return the number of frames emitted
     */
    public int process(double[][] chunk, int offset, int length, Consumer<BandPowerFrame> sink) {
        if (sink == null) {
            throw new IllegalArgumentException("streaming band powers need a frame consumer");
        }
        return feed(chunk, offset, length, f -> sink.accept(f.snapshot()));
    }

    /**
     * Feeds samples {@code [offset, offset + length)} of every channel of {@code chunk} and
     * hands each completed frame to {@code sink}, in order, before returning. Allocates nothing.
     *
     * @param chunk  {@code [channel][sample]} in uV, one row per channel; Not modified
     * @param offset first sample to use in each row
     * @param length number of samples to use, at least 0
     * @param sink   receives this processor's reusable frame once per hop, on this thread
     * @return the number of frames emitted
     */
    public int feed(double[][] chunk, int offset, int length, StreamingFrameSink sink) {
        if (chunk == null || chunk.length != channels) {
            throw new IllegalArgumentException("chunk has " + (chunk == null ? "no" : chunk.length)
                    + " channels, processor " + channels);
        }
        if (sink == null) {
            throw new IllegalArgumentException("streaming band powers need a frame sink");
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
            if (segmentSamples > 0) accumulate(chunk, offset + consumed, take);
            append(chunk, offset + consumed, take, n);
            consumed += take;
            untilNextFrame -= take;
            if (untilNextFrame == 0) {
                computeFrame(n);
                sink.accept(view);
                emitted++;
                untilNextFrame = parameters.hopSamples();
            }
        }
        return emitted;
    }

    /**
     * Adds every sample (also those no window will hold, when the hop exceeds the window) to
     * the segment statistics; segments start at multiples of {@link #segmentSamples} since the
     * restart, so every window is a whole number of segments.
     */
    private void accumulate(double[][] chunk, int from, int count) {
        while (count > 0) {
            int k = Math.min(count, segmentSamples - segmentFill);
            for (int c = 0; c < channels; c++) {
                double[] x = chunk[c];
                double sum = currentSum[c];
                double lo = currentMin[c];
                double hi = currentMax[c];
                for (int i = from, end = from + k; i < end; i++) {
                    double v = x[i];
                    sum += v;
                    // NaN fails both comparisons but makes the sum NaN; an infinity shows in all three.
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
                currentSum[c] = sum;
                currentMin[c] = lo;
                currentMax[c] = hi;
            }
            segmentFill += k;
            from += k;
            count -= k;
            if (segmentFill == segmentSamples) {
                for (int c = 0; c < channels; c++) {
                    segmentSum[c][segmentWrite] = currentSum[c];
                    segmentMin[c][segmentWrite] = currentMin[c];
                    segmentMax[c][segmentWrite] = currentMax[c];
                    currentSum[c] = 0.0;
                    currentMin[c] = Double.POSITIVE_INFINITY;
                    currentMax[c] = Double.NEGATIVE_INFINITY;
                }
                segmentWrite = (segmentWrite + 1) % segmentsPerWindow;
                segmentFill = 0;
            }
        }
    }

    /**
     * Quality bits of every channel's window: from the segment statistics when kept (a window
     * ends on a segment boundary, so the last {@link #segmentsPerWindow} segments are exactly
     * the window), by rescanning the window when a statistic is not finite (a non-finite sample,
     * or finite samples whose sum overflows) or when no statistics are kept.
     */
    private void assessWindows(int n) {
        if (segmentSamples == 0) {
            if (!sliding) {
                assessor.assess(linear, 0, n, qualityBits);
                return;
            }
            for (int c = 0; c < channels; c++) qualityBits[c] = assessor.assessChannel(windowOf(c, n), 0, n);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double[] sums = segmentSum[c];
            double[] mins = segmentMin[c];
            double[] maxs = segmentMax[c];
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < segmentsPerWindow; k++) {
                sum += sums[k];
                lo = Math.min(lo, mins[k]);
                hi = Math.max(hi, maxs[k]);
            }
            qualityBits[c] = Double.isFinite(sum) && Double.isFinite(lo) && Double.isFinite(hi)
                    ? assessor.assessRange(sum / n, lo, hi)
                    : assessor.assessChannel(windowOf(c, n), 0, n);
        }
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

    private static boolean allFinite(double[] values) {
        for (double v : values) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** Channel {@code c}'s window, oldest first: its row of {@link #linear}, or when sliding a scratch copy. */
    private double[] windowOf(int c, int n) {
        if (!sliding) return linear[c];
        System.arraycopy(history[c], writeIndex, linearRow, 0, n - writeIndex);
        System.arraycopy(history[c], 0, linearRow, n - writeIndex, writeIndex);
        return linearRow;
    }

    private void computeFrame(int n) {
        if (!sliding) {
            for (int c = 0; c < channels; c++) {
                // A frame is due only when the window is full, so the oldest sample is at writeIndex.
                System.arraycopy(history[c], writeIndex, linear[c], 0, n - writeIndex);
                System.arraycopy(history[c], 0, linear[c], n - writeIndex, writeIndex);
            }
        }
        assessWindows(n);
        // A sliding kernel keeps each channel's block spectra: the first frame of a run fills
        // them from the whole window, later frames (one hop apart) add the newest hop only.
        // Frames fall on multiples of the hop since the (re)start and the hop divides the window,
        // so the first window is linear in the ring (writeIndex is 0) and later the newest hop is
        // contiguous in it.
        boolean slide = sliding && framesSinceStart > 0;
        int newest = (writeIndex == 0 ? n : writeIndex) - parameters.hopSamples();
        for (int first = 0; first < channels; first += group.length) {
            int count = Math.min(group.length, channels - first);
            for (int i = 0; i < count; i++) group[i] = first + i;
            if (slide) {
                kernel.slide(history, group, count, first, newest, computed, 0);
            } else if (sliding) {
                kernel.compute(history, group, count, first, 0, computed, 0);
            } else {
                kernel.compute(linear, group, count, first, 0, computed, 0);
            }
        }
        int bandCount = bands.size();
        for (int c = 0; c < channels; c++) {
            if ((qualityBits[c] & QualityFlag.NON_FINITE.bit()) == 0 && !allFinite(computed[c])) {
                // Finite samples so large (beyond about 1e150 uV) that their power overflows: no number to report either.
                qualityBits[c] = QualityFlag.NON_FINITE.bit();
            }
            if ((qualityBits[c] & QualityFlag.NON_FINITE.bit()) != 0) {
                Arrays.fill(frame[c], 0.0);
                continue;
            }
            System.arraycopy(computed[c], 0, frame[c], 0, bandCount);
            if (emgColumn >= 0) {
                double muscle = computed[c][emgColumn];
                double total = computed[c][emgColumn + 1];
                // Same rule as EmgIndex.of: undefined (no warning) when the total is 0.
                if (total > 0 && muscle / total > emgWarning) qualityBits[c] |= QualityFlag.EMG.bit();
            }
        }
        double end = parameters.frameEndTimeSeconds(startTimeSeconds, Math.toIntExact(framesSinceStart));
        framesSinceStart++;
        view.set(end, pendingDiscontinuity, pendingGapSeconds, sliding ? writeIndex : 0);
        pendingDiscontinuity = false;
        pendingGapSeconds = Double.NaN;
    }
}
