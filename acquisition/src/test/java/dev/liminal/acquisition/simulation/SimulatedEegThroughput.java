package dev.liminal.acquisition.simulation;

import java.util.Locale;

/**
 * Measures generation speed once (not a test: tests must not assert speed). Generates the whole
 * default 100-min script for the default 32 channels at 500 Hz in 0.1 s blocks after a warm-up
 * and prints samples per second and the multiple of real time. Run with
 * {@code java -cp <test and main classpath> dev.liminal.acquisition.simulation.SimulatedEegThroughput [channels] [rateHz]}.
 */
public final class SimulatedEegThroughput {
    private SimulatedEegThroughput() {}

    public static void main(String[] args) {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : SimulationSettings.DEFAULT_CHANNEL_COUNT;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : SimulationSettings.DEFAULT_SAMPLE_RATE_HZ;
        SimulationSettings settings = SimulationSettings.DEFAULT.withChannelCount(channels).withSampleRateHz(rate);
        int block = (int) Math.round(rate / 10);
        double[][] out = new double[channels][block];
        SimulatedEeg warm = new SimulatedEeg(SimulatedSession.DEFAULT, settings);
        for (int i = 0; i < 3000; i++) warm.next(out, block);
        SimulatedEeg eeg = new SimulatedEeg(SimulatedSession.DEFAULT, settings);
        long frames = Math.round(SimulatedSession.DEFAULT.totalSeconds() * rate);
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        double sink = 0;
        while (eeg.position() < frames) {
            eeg.next(out, block);
            sink += out[0][0];
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        double streamSeconds = eeg.position() / rate;
        System.out.printf(Locale.ROOT, "%d ch x %.0f Hz: %.0f s of EEG in %.2f s wall (%.2f s CPU): %.0fx real time"
                        + " (CPU %.0fx), %.1f M channel-samples/s (checksum %.3f)%n",
                channels, rate, streamSeconds, wall, cpu, streamSeconds / wall, streamSeconds / cpu,
                eeg.position() * channels / wall / 1e6, sink);
    }
}
