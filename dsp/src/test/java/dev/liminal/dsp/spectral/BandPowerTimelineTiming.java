package dev.liminal.dsp.spectral;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Not a test: a short wall-clock run of workload W1 (64 channels, 1000 Hz, one hour, 2 s
 * window, 1 s hop, the default five bands) to see where the batch timeline stands before the
 * JMH suites exist. Run from the module directory after {@code test-compile}:
 * <pre>
 * java -Xmx4g -cp target/classes:target/test-classes:$JTRANSFORMS_CLASSPATH \
 *     dev.liminal.dsp.spectral.BandPowerTimelineTiming [channels] [seconds] [threads] [repeats]
 * </pre>
 * Notes, 2026-11-21, on the shared 2-core machine (other builds running, so wall time is
 * noisy; CPU time is the steadier figure), W1 with 2 threads:
 * <ul>
 * <li>JTransforms per channel: 4.0-5.9 s CPU, 12-18 s wall at load average 11-21; ~20 us of
 *     CPU per channel-frame, ~85% of it in the 2000-point FFT (which also allocated 16 KB).
 * <li>Lane-batched transform, 32 channels per batch, split butterflies: 3.3-3.7 s CPU and
 *     3.0 s wall warm at load average 5; a cold JVM's single run 2.4-5.5 s wall, 4.7-5.6 s CPU
 *     (JIT compilation included). ~14 us of CPU per channel-frame.
 * </ul>
 * On an idle machine that puts W1 near CPU / 2, about 1.7 s warm: inside the 2 s budget, not
 * yet the 1 s goal.
 */
public final class BandPowerTimelineTiming {
    private BandPowerTimelineTiming() {}

    public static void main(String[] args) throws InterruptedException {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        double fs = 1000;
        double[][] x = new double[channels][seconds * (int) fs];
        Random random = new Random(1);
        for (double[] row : x) {
            for (int i = 0; i < row.length; i++) row[i] = 10 * random.nextGaussian();
        }
        BandPowerTimelineEstimator estimator =
                new BandPowerTimelineEstimator(TimelineParameters.offlineDefaults(fs), BandSet.DEFAULT);
        double[][] out = new double[channels][estimator.outputLength(x[0].length)];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads - 1),
                r -> new Thread(r, "liminal-dsp-timing"));
        try {
            for (int r = 0; r < repeats; r++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                estimator.process(x, out, pool, threads);
                long t1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                System.out.printf("W1 %d channels x %d s at %.0f Hz, %d threads: %.3f s wall, %.3f s CPU%n",
                        channels, seconds, fs, threads, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
    }
}
