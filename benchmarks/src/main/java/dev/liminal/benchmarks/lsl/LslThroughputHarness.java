package dev.liminal.benchmarks.lsl;

import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslOutlet;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Liminal outlet to Liminal inlet throughput in one JVM over 127.0.0.1, the twin of
 * {@code lsl_bench_throughput.c}: a pusher thread pushes float32 chunks as fast as they get
 * through ({@link LslOutlet#pushChunk(float[], int, double)}, one stamp per chunk), the main thread
 * pulls interleaved floats ({@link LslInlet#pullChunk(float[], double[], Duration)}, up to
 * {@value #PULL_SAMPLES} samples) and counts. Channels 0 and 1 carry the sample counter
 * ({@code i mod 2^24}, {@code i / 2^24}, exact in float32), so lost samples are counted.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.lsl.LslThroughputHarness \
 *     [--channels 64] [--chunk 32] [--samples 2000000] [--seconds 20] [--rate 1000] [--window 65536]
 *     [--warmup-samples 1000000]
 * </pre>
 * {@code --window}: the pusher waits while the next chunk would put more than this many samples
 * in flight (pushed, not yet pulled): flow control, so the figure is what gets through; 0 = none,
 * then the outlet drops the oldest. (The C program lets one chunk beyond the window; here the
 * window is strict because Liminal's inlet buffer holds 4 Mi values, 65,536 samples of 64
 * channels, exactly the default window, where liblsl's holds 360 s x rate.) {@code --seconds} bounds the whole run. Prints one line:
 * {@code RESULT bench=lsl_throughput impl=liminal channels=.. chunk=.. window=.. sent=.. received=..
 * lost=.. seconds=.. samples_per_s=.. values_per_s=.. payload_mb_per_s=.. push_samples_per_s=..};
 * {@code seconds} runs from the first to the last pull that returned samples, and the first pull's
 * samples are not counted in the rate (they arrived before the clock started), as in the C program.
 * The line ends with {@code steady_samples_per_s}, the same rate from the first pull past
 * {@code --warmup-samples} on (0 if the run is shorter): the JVM interprets, then compiles, the
 * hot path during its first half second or so, a cost liblsl's native code does not have, and
 * this figure leaves it out.
 */
public final class LslThroughputHarness {
    /** Most samples per pull (as the C program). */
    static final int PULL_SAMPLES = 1024;
    /** Pusher's pause while the window is full, seconds (as the C program's idle sleep). */
    static final double FLOW_PAUSE_SECONDS = 50e-6;
    /** Bound on one pull's wait for the first sample. */
    static final Duration PULL_TIMEOUT = Duration.ofMillis(100);
    /** The pull side gives up this long after the pusher finished without new data, seconds. */
    static final double DRAIN_TIMEOUT_SECONDS = 2.0;
    /** Channels 0 and 1 carry {@code i mod 2^24} and {@code i / 2^24}. */
    static final long COUNTER_SPLIT = 1L << 24;

    private LslThroughputHarness() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        HarnessArguments a = new HarnessArguments("LslThroughputHarness", args,
                Set.of("--channels", "--chunk", "--samples", "--seconds", "--rate", "--window", "--warmup-samples"));
        int channels = a.integer("--channels", 64, 2, 4096);
        int chunk = a.integer("--chunk", 32, 1, 65536);
        long samples = (long) a.number("--samples", 2_000_000, 1, 1e12);
        double seconds = a.number("--seconds", 20, 0.1, 3600);
        double rate = a.number("--rate", 1000, 1, 1e6);
        long window = (long) a.number("--window", 65536, 0, 1e12);
        long warmupSamples = (long) a.number("--warmup-samples", 1_000_000, 0, 1e12);

        String name = LoopbackLsl.streamName("throughput");
        try (LslOutlet outlet = LoopbackLsl.openOutlet(name, channels, rate);
             LslInlet inlet = LoopbackLsl.openInlet(name)) {
            LoopbackLsl.awaitConsumer(outlet);
            run(outlet, inlet, channels, chunk, samples, seconds, window, warmupSamples);
        }
    }

    private static void run(LslOutlet outlet, LslInlet inlet, int channels, int chunk, long samples, double seconds,
                            long window, long warmupSamples) throws InterruptedException, IOException {
        double deadline = LslClock.nowSeconds() + seconds;
        AtomicLong sent = new AtomicLong();
        AtomicLong pulled = new AtomicLong();
        double[] pushSeconds = new double[1];
        Thread pusher = new Thread(() -> {
            float[] buf = new float[chunk * channels];
            double start = LslClock.nowSeconds();
            long i = 0;
            while (i < samples && LslClock.nowSeconds() < deadline) {
                int n = (int) Math.min(chunk, samples - i);
                while (window > 0 && i + n - pulled.get() > window && LslClock.nowSeconds() < deadline) {
                    PacedPusher.sleepUntil(LslClock.nowSeconds() + FLOW_PAUSE_SECONDS);
                }
                for (int s = 0; s < n; s++) {
                    int row = s * channels;
                    long k = i + s;
                    buf[row] = k % COUNTER_SPLIT;
                    buf[row + 1] = k / COUNTER_SPLIT;
                    for (int c = 2; c < channels; c++) buf[row + c] = c;
                }
                outlet.pushChunk(buf, n, LslClock.nowSeconds());
                i += n;
                sent.set(i);
            }
            pushSeconds[0] = LslClock.nowSeconds() - start;
        }, "liminal-bench-push-" + outlet.info().name());
        pusher.setDaemon(true);
        pusher.start();

        float[] buf = new float[PULL_SAMPLES * channels];
        double[] stamps = new double[PULL_SAMPLES];
        long received = 0;
        long lost = 0;
        long next = 0;
        long firstGot = 0;
        double first = 0;
        double last = 0;
        double idleSince = 0;
        double steadyFrom = 0;
        long steadyReceived = 0;
        while (true) {
            double now = LslClock.nowSeconds();
            if (now > deadline + DRAIN_TIMEOUT_SECONDS) break;
            boolean pusherDone = !pusher.isAlive();
            if (pusherDone && next >= sent.get()) break;
            int got = inlet.pullChunk(buf, stamps, PULL_TIMEOUT);
            if (got == 0) {
                if (pusherDone) {
                    if (idleSince == 0) idleSince = now;
                    else if (now - idleSince > DRAIN_TIMEOUT_SECONDS) break;
                }
                continue;
            }
            idleSince = 0;
            now = LslClock.nowSeconds();
            if (received == 0) {
                first = now;
                firstGot = got;
            }
            last = now;
            for (int s = 0; s < got; s++) {
                int row = s * channels;
                long k = (long) buf[row] + (long) buf[row + 1] * COUNTER_SPLIT;
                if (k > next) lost += k - next;
                next = k + 1;
            }
            received += got;
            pulled.set(next);
            if (steadyFrom != 0) {
                steadyReceived += got;
            } else if (received >= warmupSamples) {
                steadyFrom = now;
            }
        }
        pusher.join(Duration.ofSeconds(5).toMillis());
        long total = sent.get();
        if (next < total) lost += total - next;
        double span = last - first;
        double rx = span > 0 ? (received - firstGot) / span : 0;
        double steady = steadyFrom > 0 && last > steadyFrom ? steadyReceived / (last - steadyFrom) : 0;
        System.out.printf(Locale.ROOT, "RESULT bench=lsl_throughput impl=liminal channels=%d chunk=%d window=%d sent=%d "
                        + "received=%d lost=%d seconds=%.6f samples_per_s=%.0f values_per_s=%.0f payload_mb_per_s=%.1f "
                        + "push_samples_per_s=%.0f inlet_dropped=%d warmup_samples=%d steady_samples_per_s=%.0f%n",
                channels, chunk, window, total, received, lost, span, rx, rx * channels, rx * channels * 4 / 1e6,
                pushSeconds[0] > 0 ? total / pushSeconds[0] : 0, inlet.droppedSamples(), warmupSamples, steady);
    }
}
