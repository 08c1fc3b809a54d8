package dev.liminal.benchmarks.lsl;

import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslOutlet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Push-to-pull latency of Liminal's LSL over 127.0.0.1, the twin of {@code lsl_bench_latency.c}:
 * a {@link PacedPusher} pushes one float32 sample every {@code 1/rate} seconds stamped with the
 * LSL clock just before the push; the main thread pulls one sample at a time
 * ({@link LslInlet#pullChunk(float[], double[], Duration)} with room for one frame, the Java
 * form of {@code lsl_pull_sample_f}) and records {@code clock at return − stamp}.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.liminal.benchmarks.lsl.LslLatencyHarness \
 *     [--channels 64] [--rate 1000] [--seconds 10] [--warmup 1] [--prewarm-samples 20000]
 *     [--mode in-process|cross-process]
 * </pre>
 * Before the schedule, {@code --prewarm-samples} samples are pushed unpaced and pulled
 * (not counted), so that the JIT has compiled the push and pull paths (see {@link PacedPusher});
 * 0 reproduces a cold start.
 * {@code in-process} (default): outlet and inlet in this JVM (two threads), as the C program.
 * {@code cross-process}: the outlet and its pusher run in a second JVM started here with the same
 * class path ({@code --role outlet}); the LSL clock is {@code System.nanoTime()}, which on Linux
 * reads CLOCK_MONOTONIC, one clock for every process of the machine, so stamps from the other
 * process compare directly (the inlet's time-correction estimate is printed as a check, it should
 * be within a few tens of microseconds of 0). Samples pushed during the first {@code --warmup}
 * seconds are not counted. Prints one line:
 * {@code RESULT bench=lsl_latency impl=liminal mode=.. channels=.. rate_hz=.. samples=.. lost=..
 * late_pushes=.. mean_us=.. p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..};
 * {@code late_pushes} (in-process only; -1 cross-process) counts pushes that started more than one
 * period late (machine load, not LSL).
 */
public final class LslLatencyHarness {
    /** Bound on one pull, as the C program's; the run's deadline is checked between pulls. */
    static final Duration PULL_TIMEOUT = Duration.ofMillis(500);
    /** Delay from connection to the first scheduled push, seconds (as the C program). */
    static final double START_DELAY_SECONDS = 0.1;
    /** Extra time the run may take beyond its schedule, seconds (as the C program). */
    static final double DEADLINE_SLACK_SECONDS = 5.0;
    /** Time the outlet process waits for the inlet to connect and to finish, seconds. */
    static final double CHILD_WAIT_SECONDS = 30.0;
    /** Time allowed for the unpaced burst, on top of the schedule, seconds. */
    static final double BURST_ALLOWANCE_SECONDS = 10.0;

    private LslLatencyHarness() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        HarnessArguments a = new HarnessArguments("LslLatencyHarness", args,
                Set.of("--channels", "--rate", "--seconds", "--warmup", "--prewarm-samples", "--mode", "--role", "--name"));
        int channels = a.integer("--channels", 64, 1, 4096);
        double rate = a.number("--rate", 1000, 1, 100_000);
        double seconds = a.number("--seconds", 10, 0.01, 3600);
        double warmup = a.number("--warmup", 1, 0, 600);
        long total = (long) ((warmup + seconds) * rate);
        long skip = (long) (warmup * rate);
        long burst = (long) a.number("--prewarm-samples", 20_000, 0, 1_000_000);
        if (a.text("--role", "").equals("outlet")) {
            runOutletProcess(a.text("--name", ""), channels, rate, total, burst);
            return;
        }
        String mode = a.text("--mode", "in-process");
        switch (mode) {
            case "in-process" -> inProcess(channels, rate, total, skip, burst);
            case "cross-process" -> crossProcess(channels, rate, seconds, warmup, total, skip, burst);
            default -> throw new IllegalArgumentException("LslLatencyHarness: --mode '" + mode
                    + "' is not in-process or cross-process");
        }
    }

    private static void inProcess(int channels, double rate, long total, long skip, long burst)
            throws IOException, InterruptedException {
        String name = LoopbackLsl.streamName("latency");
        try (LslOutlet outlet = LoopbackLsl.openOutlet(name, channels, rate);
             LslInlet inlet = LoopbackLsl.openInlet(name)) {
            LoopbackLsl.awaitConsumer(outlet);
            double deadline = LslClock.nowSeconds() + START_DELAY_SECONDS + total / rate + DEADLINE_SLACK_SECONDS
                    + (burst > 0 ? BURST_ALLOWANCE_SECONDS : 0);
            PacedPusher pusher = new PacedPusher(outlet, channels, rate, START_DELAY_SECONDS, total, burst, (row, i) -> { });
            Thread t = new Thread(pusher, "liminal-bench-push-" + name);
            t.setDaemon(true);
            t.start();
            Pulled p = pull(inlet, channels, total, skip, deadline);
            t.join(Duration.ofSeconds(5).toMillis());
            if (pusher.failure() != null) throw new IOException("pusher failed: " + pusher.failure(), pusher.failure());
            print("in-process", channels, rate, p, pusher.latePushes(), "");
        }
    }

    private static void crossProcess(int channels, double rate, double seconds, double warmup, long total, long skip,
                                     long burst) throws IOException, InterruptedException {
        String name = LoopbackLsl.streamName("latency-xp");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), LslLatencyHarness.class.getName(),
                "--role", "outlet", "--name", name, "--channels", Integer.toString(channels),
                "--rate", Double.toString(rate), "--seconds", Double.toString(seconds), "--warmup", Double.toString(warmup),
                "--prewarm-samples", Long.toString(burst));
        // the child's stdin stays open while this process reads; closing it tells the child to end
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            try (LslInlet inlet = LoopbackLsl.openInlet(name)) {
                double deadline = LslClock.nowSeconds() + CHILD_WAIT_SECONDS + total / rate
                        + (burst > 0 ? BURST_ALLOWANCE_SECONDS : 0);
                Pulled p = pull(inlet, channels, total, skip, deadline);
                double correctionMicros = inlet.timeCorrection(Duration.ofSeconds(3)) * 1e6;
                print("cross-process", channels, rate, p, -1,
                        String.format(Locale.ROOT, " time_correction_us=%.1f", correctionMicros));
            }
            child.getOutputStream().close();
            if (!child.waitFor((long) CHILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("outlet process " + child.pid() + " did not end within " + CHILD_WAIT_SECONDS + " s");
            }
        } finally {
            if (child.isAlive()) child.destroyForcibly();
        }
    }

    /** The second process of cross-process mode: outlet plus pusher. */
    private static void runOutletProcess(String name, int channels, double rate, long total, long burst)
            throws IOException, InterruptedException {
        if (name.isEmpty()) throw new IllegalArgumentException("LslLatencyHarness: --role outlet needs --name");
        try (LslOutlet outlet = LoopbackLsl.openOutlet(name, channels, rate)) {
            LoopbackLsl.awaitConsumer(outlet);
            PacedPusher pusher = new PacedPusher(outlet, channels, rate, START_DELAY_SECONDS, total, burst, (row, i) -> { });
            pusher.run();
            if (pusher.failure() != null) throw new IOException("pusher failed: " + pusher.failure(), pusher.failure());
            System.err.printf(Locale.ROOT, "outlet process: %d samples pushed, %d late%n", total, pusher.latePushes());
            awaitParentDone();
        }
    }

    /**
     * Keeps the outlet open (the inlet may still be reading, and then asks for the time correction)
     * until the parent closes this process's stdin, at most {@link #CHILD_WAIT_SECONDS}.
     */
    private static void awaitParentDone() throws InterruptedException {
        Thread reader = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent sends nothing; read until it closes the pipe
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone, which ends the wait as well
            }
        }, "liminal-bench-stdin");
        reader.setDaemon(true);
        reader.start();
        reader.join((long) (CHILD_WAIT_SECONDS * 1000));
    }

    /** Latencies and losses of one run. */
    private record Pulled(LatencyRecorder latencies, long lost) {}

    private static Pulled pull(LslInlet inlet, int channels, long total, long skip, double deadline) throws IOException {
        LatencyRecorder latencies = new LatencyRecorder((int) Math.max(1, total - skip));
        float[] row = new float[channels];
        double[] stamp = new double[1];
        long next = 0;
        long lost = 0;
        while (next < total && LslClock.nowSeconds() < deadline) {
            if (inlet.pullChunk(row, stamp, PULL_TIMEOUT) == 0) continue;
            double now = LslClock.nowSeconds();
            if (row[0] == PacedPusher.BURST_MARKER) continue;
            long i = (long) row[0];
            if (i > next) lost += i - next;
            next = i + 1;
            if (i >= skip) latencies.add(now - stamp[0]);
        }
        if (next < total) lost += total - next;
        return new Pulled(latencies, lost);
    }

    private static void print(String mode, int channels, double rate, Pulled p, long late, String extra) {
        System.out.printf(Locale.ROOT, "RESULT bench=lsl_latency impl=liminal mode=%s channels=%d rate_hz=%.0f samples=%d "
                        + "lost=%d late_pushes=%d %s%s%n",
                mode, channels, rate, p.latencies().count(), p.lost(), late, p.latencies().summary().resultFields(), extra);
    }
}
