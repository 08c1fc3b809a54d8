package dev.liminal.benchmarks.spectral;

import dev.liminal.benchmarks.BenchFiles;
import dev.liminal.benchmarks.data.BenchDataSpec;
import dev.liminal.benchmarks.data.SyntheticEeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * The samples of the spectral benchmarks. W1 uses the same seeded EEG-like signal as the reader
 * benchmarks ({@link SyntheticEeg}, {@link BenchDataSpec#ONE_HOUR_64_CHANNELS}), kept as one raw
 * file that both Liminal and the Python peers read: {@code bench-data/eeg-64ch-1000hz-3600s.f64},
 * float64 little-endian, channel-major (all samples of channel 0, then channel 1, ...), no
 * header, 64 x 3,600,000 x 8 = 1,843,200,000 bytes. The live-capacity runs need more channels than
 * the synthetic generator names, so they use seeded Gaussian noise (the per-update cost does not
 * depend on the values).
 *
 * <p>Not instantiable; the methods are thread-safe (they share no state).
 */
public final class SpectralBenchData {
    /** File name of the W1 samples inside the bench-data directory. */
    public static final String W1_FILE_NAME = "eeg-64ch-1000hz-3600s.f64";
    /** The W1 recording: 64 channels, 1000 Hz, 3600 s. */
    public static final BenchDataSpec W1 = BenchDataSpec.ONE_HOUR_64_CHANNELS;
    /** Samples generated per block when writing (one minute). */
    private static final int BLOCK_SAMPLES = 60_000;

    private SpectralBenchData() {}

    /** {@code dir/eeg-64ch-1000hz-3600s.f64}. */
    public static Path w1File(Path dir) {
        return dir.resolve(W1_FILE_NAME);
    }

    /** Bytes of the W1 file. */
    public static long w1FileBytes() {
        return (long) W1.channelCount() * W1.sampleCount() * Double.BYTES;
    }

    /**
     * Writes the W1 file if it is missing or has the wrong size (through a temporary file, then
     * renamed, so an interrupted run leaves no truncated file). About 30-60 s of one core.
     *
     * @return true if the file was written, false if it was already there
     */
    public static boolean ensureW1File(Path dir) throws IOException {
        Path file = w1File(dir);
        if (Files.isRegularFile(file) && Files.size(file) == w1FileBytes()) return false;
        Files.createDirectories(dir);
        int channels = W1.channelCount();
        long samples = W1.sampleCount();
        SyntheticEeg eeg = new SyntheticEeg(W1);
        double[][] block = new double[channels][BLOCK_SAMPLES];
        ByteBuffer bytes = ByteBuffer.allocateDirect(BLOCK_SAMPLES * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Path tmp = dir.resolve(W1_FILE_NAME + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
            for (long start = 0; start < samples; start += BLOCK_SAMPLES) {
                int n = (int) Math.min(BLOCK_SAMPLES, samples - start);
                eeg.next(block, n);
                for (int c = 0; c < channels; c++) {
                    bytes.clear();
                    bytes.asDoubleBuffer().put(block[c], 0, n);
                    bytes.limit(n * Double.BYTES);
                    long position = (c * samples + start) * Double.BYTES;
                    while (bytes.hasRemaining()) position += out.write(bytes, position);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * Reads the whole W1 file into new arrays.
     *
     * @return {@code [64][3_600_000]} in uV; owned by the caller
     * @throws IOException if the file is missing or has the wrong size
     */
    public static double[][] readW1(Path dir) throws IOException {
        Path file = w1File(dir);
        if (!Files.isRegularFile(file) || Files.size(file) != w1FileBytes()) {
            throw new IOException(file.toAbsolutePath() + " is missing or not " + w1FileBytes()
                    + " bytes: run `java -cp benchmarks/target/benchmarks.jar "
                    + TimelineHarness.class.getName() + " generate` from the repository root");
        }
        int channels = W1.channelCount();
        int samples = W1.sampleCount();
        double[][] x = new double[channels][samples];
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < channels; c++) {
                long bytes = (long) samples * Double.BYTES;
                in.map(FileChannel.MapMode.READ_ONLY, c * bytes, bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .asDoubleBuffer().get(x[c]);
            }
        }
        return x;
    }

    /**
     * The first {@code samples} samples of every W1 channel, repeated to {@code channels} rows
     * (row {@code c} is W1 channel {@code c % 64}), for the live runs, which both sides of the
     * comparison feed from the same file.
     *
     * @return {@code [channels][samples]} in uV; owned by the caller
     */
    public static double[][] readW1Head(Path dir, int channels, int samples) throws IOException {
        Path file = w1File(dir);
        if (!Files.isRegularFile(file) || Files.size(file) != w1FileBytes()) {
            throw new IOException(file.toAbsolutePath() + " is missing or not " + w1FileBytes() + " bytes");
        }
        if (samples < 1 || samples > W1.sampleCount()) {
            throw new IllegalArgumentException(samples + " samples outside 1.." + W1.sampleCount());
        }
        int fileChannels = W1.channelCount();
        double[][] head = new double[Math.min(channels, fileChannels)][samples];
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < head.length; c++) {
                ByteBuffer bytes = ByteBuffer.allocate(samples * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                long position = (long) c * W1.sampleCount() * Double.BYTES;
                while (bytes.hasRemaining()) {
                    if (in.read(bytes, position + bytes.position()) < 0) throw new IOException(file + " ended early");
                }
                bytes.flip();
                bytes.asDoubleBuffer().get(head[c]);
            }
        }
        double[][] x = new double[channels][];
        for (int c = 0; c < channels; c++) x[c] = c < head.length ? head[c] : head[c % fileChannels].clone();
        return x;
    }

    /** The W1 samples from {@code BenchFiles.directory()} if the file is there, else generated in memory. */
    public static double[][] loadOrGenerateW1() throws IOException {
        Path dir = BenchFiles.directory();
        if (Files.isRegularFile(w1File(dir)) && Files.size(w1File(dir)) == w1FileBytes()) return readW1(dir);
        int samples = W1.sampleCount();
        double[][] x = new double[W1.channelCount()][samples];
        new SyntheticEeg(W1).next(x, samples);
        return x;
    }

    /**
     * Seeded Gaussian noise, 20 uV standard deviation: {@code [channels][samples]}; owned by the
     * caller.
     */
    public static double[][] noise(int channels, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[channels][samples];
        for (double[] row : x) {
            for (int i = 0; i < samples; i++) row[i] = 20 * random.nextGaussian();
        }
        return x;
    }
}
