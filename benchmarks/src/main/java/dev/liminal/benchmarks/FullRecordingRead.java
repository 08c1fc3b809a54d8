package dev.liminal.benchmarks;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One complete load of a recording into memory through the datasets API, the unit every
 * reader benchmark times: {@link RecordingFormats#open}, then for every stream its samples
 * ({@code readSamples} of the whole span into {@code double[channel][sample]}, or
 * {@code readStrings} for marker streams) and its time stamps ({@code readTimestamps}), then
 * close. That is what the peers deliver: MNE's {@code read_raw_edf(preload=True)} gives the data
 * (and a times array), libxdf's {@code load_xdf} the data, every time stamp and the markers.
 *
 * <p>The destination arrays are allocated by {@link #allocateFor} (outside any timing, if the
 * caller wishes) and reused by every {@link #readAll}. Not thread-safe: confine to one thread.
 */
public final class FullRecordingRead {
    private final Path file;
    private final double[][][] samples;
    private final double[][] timestamps;
    private final String[][][] strings;
    private final long bytesOfDoubles;

    private FullRecordingRead(Path file, double[][][] samples, double[][] timestamps, long bytesOfDoubles) {
        this.file = file;
        this.samples = samples;
        this.timestamps = timestamps;
        this.strings = new String[samples.length][][];
        this.bytesOfDoubles = bytesOfDoubles;
    }

    /**
     * Opens {@code file} to learn its streams' shapes and allocates every destination array.
     *
     * @throws IOException              if the file cannot be opened
     * @throws IllegalArgumentException if a stream has more than {@link Integer#MAX_VALUE} samples
     */
    public static FullRecordingRead allocateFor(Path file) throws IOException {
        try (RecordingReader reader = RecordingFormats.open(file)) {
            List<RecordedStream> streams = reader.info().streams();
            double[][][] samples = new double[streams.size()][][];
            double[][] timestamps = new double[streams.size()][];
            long bytes = 0;
            for (RecordedStream s : streams) {
                int n = sampleCount(s);
                if (s.info().format().isNumeric()) {
                    samples[s.index()] = new double[s.info().channelCount()][n];
                    bytes += 8L * n * s.info().channelCount();
                }
                timestamps[s.index()] = new double[n];
                bytes += 8L * n;
            }
            return new FullRecordingRead(file, samples, timestamps, bytes);
        }
    }

    /**
     * Reads the whole recording into the arrays allocated by {@link #allocateFor}.
     *
     * @return the recording's description, as the reader reported it
     * @throws IOException if reading fails
     */
    public RecordingInfo readAll() throws IOException {
        try (RecordingReader reader = RecordingFormats.open(file)) {
            RecordingInfo info = reader.info();
            for (RecordedStream s : info.streams()) {
                int i = s.index();
                int n = sampleCount(s);
                if (samples[i] != null) {
                    reader.readSamples(i, 0, n, samples[i], 0);
                } else {
                    strings[i] = reader.readStrings(i, 0, n);
                }
                reader.readTimestamps(i, 0, n, timestamps[i], 0);
            }
            return info;
        }
    }

    /** The file this load reads. */
    public Path file() {
        return file;
    }

    /** Number of streams of the recording. */
    public int streamCount() {
        return samples.length;
    }

    /** Bytes of the double arrays this load fills (samples and time stamps). */
    public long bytesOfDoubles() {
        return bytesOfDoubles;
    }

    /**
     * The samples of stream {@code stream} as last read; null for string streams.
     * Not a copy: the caller must not modify it.
     */
    public double[][] samples(int stream) {
        return samples[stream];
    }

    /** The time stamps of stream {@code stream} as last read. Not a copy: do not modify. */
    public double[] timestamps(int stream) {
        return timestamps[stream];
    }

    /** The strings of a string stream as last read, else null. Not a copy: do not modify. */
    public String[][] strings(int stream) {
        return strings[stream];
    }

    /** A value depending on every stream's first and last sample, for JMH to consume. */
    public double checksum() {
        double sum = 0;
        for (int i = 0; i < samples.length; i++) {
            double[][] rows = samples[i];
            if (rows != null && rows.length > 0 && rows[0].length > 0) {
                sum += rows[0][0] + rows[rows.length - 1][rows[0].length - 1];
            }
            if (timestamps[i].length > 0) sum += timestamps[i][timestamps[i].length - 1];
            if (strings[i] != null) sum += strings[i].length;
        }
        return sum;
    }

    private static int sampleCount(RecordedStream s) {
        if (s.sampleCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stream " + s.info().name() + " has " + s.sampleCount()
                    + " samples, more than one array holds (" + Integer.MAX_VALUE + ")");
        }
        return (int) s.sampleCount();
    }
}
