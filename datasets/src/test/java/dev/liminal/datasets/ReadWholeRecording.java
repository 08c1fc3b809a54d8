package dev.liminal.datasets;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads every sample and sample time of every stream of a recording in spans of {@value #SPAN}
 * samples, checking on the way that the segments cover each stream. Used by the fuzz tests (on
 * whatever a reader accepted) and, as a program, by the large-file tests: run in a JVM whose
 * heap is smaller than the file, it shows that reading is bounded by the span.
 */
public final class ReadWholeRecording {
    /** Samples per read. */
    public static final int SPAN = 10_000;

    private ReadWholeRecording() {}

    /**
     * Reads everything {@code reader} holds.
     *
     * @return the sum of all sample values
     * @throws org.opentest4j.AssertionFailedError if a stream's segments do not cover it in order
     */
    public static double readAll(RecordingReader reader) throws IOException {
        double sum = 0;
        for (RecordedStream s : reader.info().streams()) {
            long covered = 0;
            for (Segment g : s.segments()) {
                assertEquals(covered, g.firstSample(), "segments of stream " + s.index() + " are contiguous in sample index");
                covered += g.sampleCount();
            }
            assertEquals(s.sampleCount(), covered, "segments cover stream " + s.index());
            int span = (int) Math.min(SPAN, Math.max(1, s.sampleCount()));
            double[][] dst = new double[s.info().channelCount()][span];
            double[] times = new double[span];
            for (long first = 0; first < s.sampleCount(); first += span) {
                int n = (int) Math.min(span, s.sampleCount() - first);
                reader.readSamples(s.index(), first, n, dst, 0);
                reader.readTimestamps(s.index(), first, n, times, 0);
                for (double[] row : dst) {
                    for (int k = 0; k < n; k++) sum += row[k];
                }
            }
        }
        return sum;
    }

    /** Prints the sum of all sample values of the recording named by {@code args[0]} (format detected). */
    public static void main(String[] args) throws IOException {
        try (RecordingReader reader = RecordingFormats.open(Path.of(args[0]))) {
            System.out.println(readAll(reader));
        }
    }
}
