package dev.liminal.datasets.xdf;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The child process of {@link XdfLargeFileIT}: opens an XDF file, reads every sample and time
 * of every numeric stream block by block, and prints
 * {@code READ <samples> <sum of channel 0> <sum of times> <open ms> <total ms>}.
 */
public final class XdfReadAllMain {
    private static final int BLOCK = 32_768;

    private XdfReadAllMain() {}

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        long samples = 0;
        double sum = 0;
        double timeSum = 0;
        long opened;
        try (RecordingReader r = XdfFormat.open(Path.of(args[0]), XdfReadOptions.DEFAULT)) {
            opened = System.nanoTime();
            for (RecordedStream s : r.info().streams()) {
                if (!s.info().format().isNumeric()) continue;
                double[][] v = new double[s.info().channelCount()][BLOCK];
                double[] t = new double[BLOCK];
                for (long first = 0; first < s.sampleCount(); first += BLOCK) {
                    int n = (int) Math.min(BLOCK, s.sampleCount() - first);
                    r.readSamples(s.index(), first, n, v, 0);
                    r.readTimestamps(s.index(), first, n, t, 0);
                    for (int k = 0; k < n; k++) {
                        sum += v[0][k];
                        timeSum += t[k];
                    }
                    samples += n;
                }
            }
        }
        long end = System.nanoTime();
        System.out.println("READ " + samples + " " + sum + " " + timeSum + " " + (opened - start) / 1_000_000 + " "
                + (end - start) / 1_000_000);
    }
}
