package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;

/** Test helpers: fixture paths and whole-stream reads. */
final class EdfFixtures {
    static final Path DIR = Path.of("src/test/resources/fixtures");

    private EdfFixtures() {}

    static Path fixture(String relative) {
        return DIR.resolve(relative);
    }

    /** Every sample of every channel of stream {@code s}. */
    static double[][] readAll(RecordingReader r, int s) throws IOException {
        RecordedStream st = r.info().streams().get(s);
        double[][] dst = new double[st.info().channelCount()][Math.toIntExact(st.sampleCount())];
        r.readSamples(s, 0, dst[0].length, dst, 0);
        return dst;
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    static double mean(double[] x) {
        return sum(x) / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / x.length;
    }
}
