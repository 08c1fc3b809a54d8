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
 * Note, 2026-11-21, the shared 2-core machine at load average 11-21 (five other builds):
 * W1 took 4.0-5.9 s of CPU and 12-18 s of wall-clock time with 2 threads, whichever transform
 * (JTransforms per channel, or the lane-batched one now used). Per channel-frame that is
 * ~20 us of CPU, ~85% of it in the 2000-point FFT. Wall time on an idle machine is expected
 * near CPU / 2, i.e. about 2-3 s: the 2 s budget is not shown met yet, the 1 s goal needs a
 * faster transform (SIMD: HotSpot 17 does not vectorise the lane loops).
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
