package dev.liminal.datasets.xdf;

import dev.liminal.core.SampleFormat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The child process of {@link XdfCrashIT}: records like the recorder does (flush after every
 * second of data), reports on stdout what it has flushed, writes a little more without flushing
 * and then waits to be killed.
 */
public final class XdfCrashWriterMain {
    static final int RATE_HZ = 100;
    static final int CHANNELS = 4;
    static final int FLUSHED_SECONDS = 5;

    private XdfCrashWriterMain() {}

    /** The value the child writes for channel c of sample k. */
    static double value(int c, long k) {
        return (float) (k * 0.25 + c);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        XdfWriter w = new XdfWriter(Path.of(args[0]));
        int eeg = w.addStream(XdfWriterTest.stream("eeg", SampleFormat.FLOAT32, CHANNELS, RATE_HZ, "uV"), null);
        int markers = w.addStream(XdfWriterTest.stream("markers", SampleFormat.STRING, 1, 0, ""), null);
        long k = 0;
        for (int second = 0; second <= FLUSHED_SECONDS; second++) {
            double[][] v = new double[CHANNELS][RATE_HZ];
            double[] t = new double[RATE_HZ];
            for (int j = 0; j < RATE_HZ; j++, k++) {
                t[j] = 50 + k / (double) RATE_HZ;
                for (int c = 0; c < CHANNELS; c++) v[c][j] = value(c, k);
            }
            w.writeClockOffset(eeg, t[0], 0.0);
            w.writeSamples(eeg, v, 0, RATE_HZ, t);
            w.writeStrings(markers, new String[][] {{"second " + second}}, 0, 1, new double[] {t[0]});
            if (second < FLUSHED_SECONDS) {
                w.flush();
                System.out.println("FLUSHED " + k);
            }
        }
        System.out.println("UNFLUSHED " + k);
        System.out.flush();
        Thread.sleep(600_000);
        w.close();
    }
}
