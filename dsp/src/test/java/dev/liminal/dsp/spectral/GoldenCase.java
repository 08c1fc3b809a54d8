package dev.liminal.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * One case written by {@code src/test/python/make_golden.py}: input span and scipy's Welch and
 * spectrogram densities for it.
 */
record GoldenCase(String name, double sampleRateHz, int nperseg, int noverlap, int hop,
                  double[][] input, double[][] welch, double[][][] spectrogram, double[] scipyTimes) {
    static final Path DIRECTORY = Path.of("src/test/resources/golden");

    /** The case names the script writes (CASES in make_golden.py). */
    static List<String> names() {
        return List.of("r128_n255", "r128_n251", "r250_n500", "r256_n333", "r500_n999", "r512_n1024",
                "r1000_n2000", "r1000_n2001", "r2048_n4096");
    }

    static GoldenCase load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(DIRECTORY.resolve(name + ".properties"))) {
            p.load(r);
        }
        int channels = Integer.parseInt(p.getProperty("channels"));
        int samples = Integer.parseInt(p.getProperty("samples"));
        int bins = Integer.parseInt(p.getProperty("bins"));
        int frames = Integer.parseInt(p.getProperty("frames"));

        ByteBuffer in = read(name + ".input.f32le", (long) channels * samples * Float.BYTES);
        double[][] input = new double[channels][samples];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < samples; i++) input[c][i] = in.getFloat();
        }
        ByteBuffer w = read(name + ".welch.f64le", (long) channels * bins * Double.BYTES);
        double[][] welch = new double[channels][bins];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < bins; k++) welch[c][k] = w.getDouble();
        }
        ByteBuffer s = read(name + ".spectrogram.f64le", (long) channels * frames * bins * Double.BYTES);
        double[][][] spectrogram = new double[channels][frames][bins];
        for (int c = 0; c < channels; c++) {
            for (int f = 0; f < frames; f++) {
                for (int k = 0; k < bins; k++) spectrogram[c][f][k] = s.getDouble();
            }
        }
        ByteBuffer t = read(name + ".times.f64le", (long) frames * Double.BYTES);
        double[] times = new double[frames];
        for (int f = 0; f < frames; f++) times[f] = t.getDouble();
        return new GoldenCase(name, Double.parseDouble(p.getProperty("sampleRateHz")),
                Integer.parseInt(p.getProperty("nperseg")), Integer.parseInt(p.getProperty("noverlap")),
                Integer.parseInt(p.getProperty("hop")), input, welch, spectrogram, times);
    }

    private static ByteBuffer read(String file, long expectedBytes) throws IOException {
        byte[] bytes = Files.readAllBytes(DIRECTORY.resolve(file));
        assertEquals(expectedBytes, bytes.length, file + " size");
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
