package dev.liminal.benchmarks.lsl;

import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.StreamingFrame;
import dev.liminal.dsp.spectral.StreamingFrameSink;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Push to band-power frame over Liminal's LSL, in one JVM over 127.0.0.1: a {@link PacedPusher}
 * pushes one float32 sample per period (1000 Hz x 64 channels by default); the main thread, the
 * live pipeline's dsp thread, pulls channel-major doubles
 * ({@link LslInlet#pullChunk(double[][], double[], Duration)}) and feeds them straight to a
 * {@link StreamingBandPowerProcessor} with the live defaults
 * ({@link TimelineParameters#liveDefaults(double)}: 2 s window, 0.1 s hop; {@link BandSet#DEFAULT})
 * through the zero-allocation {@link StreamingBandPowerProcessor#feed feed} with a
 * {@link StreamingFrameSink}. A frame is due when the sample that completes a hop has been fed;
 * its latency is the clock when the sink receives the frame minus that sample's push time (its LSL
 * stamp, taken just before the push). Split into {@code pull} (push to the return of the pull that
 * brought the sample) and {@code dsp} (that return to the frame's delivery).
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.lsl.LslFrameLatencyHarness \
 *     [--channels 64] [--rate 1000] [--seconds 30] [--warmup 3] [--prewarm 20]
 * </pre>
 * Before connecting, {@code --prewarm} seconds of the same signal go through a throwaway processor
 * (untimed, so the JIT has compiled the kernel, as in a pipeline that has been running). Frames
 * completed by samples pushed in the first {@code --warmup} seconds are not counted.
 * Channels 1.. carry a 20 uV 10 Hz sine (channel-dependent phase) plus a 5 uV 23 Hz sine;
 * channel 0 carries the sample index (loss count). {@code check} is channel 1's absolute power in
 * the band holding 10 Hz in the last frame: about 200 uV^2 (half the squared amplitude).
 * Prints one line: {@code RESULT bench=lsl_frame_latency impl=liminal channels=.. rate_hz=..
 * window=.. hop=.. frames=.. lost=.. late_pushes=.. mean_us=.. p50_us=.. p90_us=.. p99_us=..
 * p999_us=.. max_us=.. pull_p50_us=.. pull_p99_us=.. dsp_p50_us=.. dsp_p99_us=.. check=..}.
 */
public final class LslFrameLatencyHarness {
    /** Most samples per pull. */
    static final int PULL_SAMPLES = 1024;
    /** Push stamps kept, indexed by the number of samples fed (a power of two well above one pull). */
    static final int STAMP_RING = 1 << 16;
    /** Bound on one pull; the run's deadline is checked between pulls. */
    static final Duration PULL_TIMEOUT = Duration.ofMillis(500);
    /** Amplitude of the 10 Hz test rhythm, uV. */
    static final double ALPHA_AMPLITUDE_MICROVOLTS = 20;
    /** Frequency of the test rhythm, Hz (inside the default alpha band). */
    static final double ALPHA_HZ = 10;
    /** Amplitude and frequency of a second rhythm (beta), uV and Hz. */
    static final double BETA_AMPLITUDE_MICROVOLTS = 5;
    static final double BETA_HZ = 23;

    private LslFrameLatencyHarness() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        HarnessArguments a = new HarnessArguments("LslFrameLatencyHarness", args,
                Set.of("--channels", "--rate", "--seconds", "--warmup", "--prewarm"));
        int channels = a.integer("--channels", 64, 2, 4096);
        double rate = a.number("--rate", 1000, 200, 100_000);
        double seconds = a.number("--seconds", 30, 1, 3600);
        double warmup = a.number("--warmup", 3, 0, 600);
        long total = (long) ((warmup + seconds) * rate);
        long skip = (long) (warmup * rate);
        double prewarm = a.number("--prewarm", 20, 0, 600);

        TimelineParameters parameters = TimelineParameters.liveDefaults(rate);
        StreamingBandPowerProcessor processor = new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, channels, 0.0);
        int alphaBand = bandHolding(BandSet.DEFAULT, ALPHA_HZ);
        compileAhead(parameters, channels, rate, (long) (prewarm * rate));
        String name = LoopbackLsl.streamName("frame");
        try (LslOutlet outlet = LoopbackLsl.openOutlet(name, channels, rate);
             LslInlet inlet = LoopbackLsl.openInlet(name)) {
            LoopbackLsl.awaitConsumer(outlet);
            double start = LslClock.nowSeconds() + LslLatencyHarness.START_DELAY_SECONDS;
            PacedPusher pusher = new PacedPusher(outlet, channels, rate, LslLatencyHarness.START_DELAY_SECONDS, total, 0,
                    (row, i) -> signal(row, i, rate));
            Thread t = new Thread(pusher, "liminal-bench-push-" + name);
            t.setDaemon(true);
            t.start();
            FrameClock clock = new FrameClock(parameters.windowSamples(), parameters.hopSamples(), skip,
                    (int) Math.max(1, (total - parameters.windowSamples()) / parameters.hopSamples() + 1), alphaBand);
            long lost = pullAndFeed(inlet, processor, clock, channels, total,
                    start + total / rate + LslLatencyHarness.DEADLINE_SLACK_SECONDS);
            t.join(Duration.ofSeconds(5).toMillis());
            if (pusher.failure() != null) throw new IOException("pusher failed: " + pusher.failure(), pusher.failure());
            System.out.printf(Locale.ROOT, "RESULT bench=lsl_frame_latency impl=liminal channels=%d rate_hz=%.0f window=%d hop=%d "
                            + "frames=%d lost=%d late_pushes=%d %s pull_p50_us=%.1f pull_p99_us=%.1f dsp_p50_us=%.1f "
                            + "dsp_p99_us=%.1f check=%.2f%n",
                    channels, rate, parameters.windowSamples(), parameters.hopSamples(), clock.total.count(), lost,
                    pusher.latePushes(), clock.total.summary().resultFields(), clock.pull.summary().p50Micros(),
                    clock.pull.summary().p99Micros(), clock.dsp.summary().p50Micros(), clock.dsp.summary().p99Micros(),
                    clock.lastAlphaPower);
        }
    }

    /** Channels 1.. of the test signal at sample {@code index}; see the class comment. */
    private static void signal(float[] row, long index, double rate) {
        double t = index / rate;
        for (int c = 1; c < row.length; c++) {
            row[c] = (float) (ALPHA_AMPLITUDE_MICROVOLTS * Math.sin(2 * Math.PI * ALPHA_HZ * t + 0.1 * c)
                    + BETA_AMPLITUDE_MICROVOLTS * Math.sin(2 * Math.PI * BETA_HZ * t));
        }
    }

    /**
     * Feeds {@code samples} of the test signal, one hop at a time, through a throwaway processor
     * before anything is timed, so that the measured frames run compiled code (a live pipeline
     * has been running for a while when its latency matters) rather than the interpreter's first
     * passes.
     */
    private static void compileAhead(TimelineParameters parameters, int channels, double rate, long samples) {
        StreamingBandPowerProcessor warm = new StreamingBandPowerProcessor(parameters, BandSet.DEFAULT, channels, 0.0);
        int hop = parameters.hopSamples();
        double[][] chunk = new double[channels][hop];
        float[] row = new float[channels];
        double[] sum = new double[1];
        StreamingFrameSink sink = f -> sum[0] += f.absolute(1, 0);
        for (long i = 0; i < samples; i += hop) {
            for (int s = 0; s < hop; s++) {
                signal(row, i + s, rate);
                for (int c = 0; c < channels; c++) chunk[c][s] = row[c];
            }
            warm.feed(chunk, 0, hop, sink);
        }
        if (Double.isNaN(sum[0])) throw new IllegalStateException("warm-up frames gave NaN band powers");
    }

    private static int bandHolding(BandSet bands, double hz) {
        for (int b = 0; b < bands.size(); b++) {
            if (bands.get(b).contains(hz)) return b;
        }
        throw new IllegalStateException("no band of " + bands + " holds " + hz + " Hz");
    }

    /** Pulls until {@code total} samples came or the deadline passed, feeding every pull; returns samples lost. */
    private static long pullAndFeed(LslInlet inlet, StreamingBandPowerProcessor processor, FrameClock clock, int channels,
                                    long total, double deadline) throws IOException {
        double[][] chunk = new double[channels][PULL_SAMPLES];
        double[] stamps = new double[PULL_SAMPLES];
        long next = 0;
        long lost = 0;
        while (next < total && LslClock.nowSeconds() < deadline) {
            int n = inlet.pullChunk(chunk, stamps, PULL_TIMEOUT);
            if (n == 0) continue;
            clock.pulledAtSeconds = LslClock.nowSeconds();
            for (int f = 0; f < n; f++) {
                long i = (long) chunk[0][f];
                if (i > next) lost += i - next;
                next = i + 1;
                clock.stampAt(stamps[f], i);
            }
            processor.feed(chunk, 0, n, clock);
        }
        if (next < total) lost += total - next;
        return lost;
    }

    /**
     * The frame sink: maps the k-th frame to the k-th hop's last sample fed, looks up its push
     * stamp and records the latencies. Confined to the dsp (main) thread.
     */
    private static final class FrameClock implements StreamingFrameSink {
        final LatencyRecorder total;
        final LatencyRecorder pull;
        final LatencyRecorder dsp;
        private final int window;
        private final int hop;
        private final long skip;
        private final int alphaBand;
        private final double[] pushStamps = new double[STAMP_RING];
        private final double[] pullStamps = new double[STAMP_RING];
        private final long[] sampleIndex = new long[STAMP_RING];
        private long fed;
        private long frames;
        double pulledAtSeconds;
        double lastAlphaPower = Double.NaN;

        FrameClock(int window, int hop, long skip, int expectedFrames, int alphaBand) {
            this.window = window;
            this.hop = hop;
            this.skip = skip;
            this.alphaBand = alphaBand;
            this.total = new LatencyRecorder(expectedFrames);
            this.pull = new LatencyRecorder(expectedFrames);
            this.dsp = new LatencyRecorder(expectedFrames);
        }

        /** Records the push stamp of the next sample to be fed (sample index {@code index}). */
        void stampAt(double pushSeconds, long index) {
            int slot = (int) (fed++ & (STAMP_RING - 1));
            pushStamps[slot] = pushSeconds;
            pullStamps[slot] = pulledAtSeconds;
            sampleIndex[slot] = index;
        }

        @Override
        public void accept(StreamingFrame frame) {
            double now = LslClock.nowSeconds();
            long last = window - 1 + frames * hop;
            frames++;
            int slot = (int) (last & (STAMP_RING - 1));
            lastAlphaPower = frame.absolute(1, alphaBand);
            if (sampleIndex[slot] < skip) return;
            total.add(now - pushStamps[slot]);
            pull.add(pullStamps[slot] - pushStamps[slot]);
            dsp.add(now - pullStamps[slot]);
        }
    }
}
