package dev.liminal.datasets.text;

import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A program for the large-file tests: opens a recording (format detected), reads every sample
 * of every stream in spans of {@value #SPAN} samples and prints the sum of all values. Run in
 * a JVM whose heap is smaller than the file, it shows that reading is bounded by the span.
 */
public final class ReadWholeRecording {
    /** Samples per read. */
    public static final int SPAN = 10_000;

    private ReadWholeRecording() {}

    public static void main(String[] args) throws IOException {
        double sum = 0;
        try (RecordingReader reader = RecordingFormats.open(Path.of(args[0]))) {
            for (RecordedStream s : reader.info().streams()) {
                double[][] dst = new double[s.info().channelCount()][SPAN];
                for (long first = 0; first < s.sampleCount(); first += SPAN) {
                    int n = (int) Math.min(SPAN, s.sampleCount() - first);
                    reader.readSamples(s.index(), first, n, dst, 0);
                    for (double[] row : dst) {
                        for (int k = 0; k < n; k++) sum += row[k];
                    }
                }
            }
        }
        System.out.println(sum);
    }
}
