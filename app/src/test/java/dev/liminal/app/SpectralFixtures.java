package dev.liminal.app;

import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Samples and files for the {@code psd} and {@code bandpower} tests. Stateless. */
final class SpectralFixtures {
    /** The 200 Hz, 600 s signal-generator EDF (SOURCES.md). */
    static final Path GENERATOR = CliRun.fixture("edf/test_generator.edf");
    /** Its 8 Hz sine, amplitude about 100 uV, so power A^2/2 of about 5000 uV^2. */
    static final String SINE_8 = "sine 8 Hz";
    /** Power of a 100 uV sine, uV^2. */
    static final double SINE_POWER_UV2 = 100.0 * 100.0 / 2;

    private SpectralFixtures() {}

    /** Every sample of one run of the channel labelled {@code label}, in uV. */
    static double[] samples(Path file, String label, Segment run) throws IOException {
        try (RecordingReader reader = RecordingFiles.open(file)) {
            for (RecordedStream s : reader.info().streams()) {
                List<ChannelInfo> channels = s.info().channels();
                for (int c = 0; c < channels.size(); c++) {
                    if (!channels.get(c).label().equals(label)) continue;
                    double[][] all = new double[channels.size()][Math.toIntExact(run.sampleCount())];
                    reader.readSamples(s.index(), run.firstSample(), all[0].length, all, 0);
                    return all[c];
                }
            }
        }
        throw new IllegalArgumentException("no channel " + label + " in " + file);
    }

    /** The runs of the stream holding {@code label}. */
    static List<Segment> runs(Path file, String label) throws IOException {
        try (RecordingReader reader = RecordingFiles.open(file)) {
            for (RecordedStream s : reader.info().streams()) {
                if (s.info().channels().stream().anyMatch(ch -> ch.label().equals(label))) return s.segments();
            }
        }
        throw new IllegalArgumentException("no channel " + label + " in " + file);
    }

    /** Every sample of the channel labelled {@code label} in a file of one run, in uV. */
    static double[] samples(Path file, String label) throws IOException {
        List<Segment> runs = runs(file, label);
        if (runs.size() != 1) throw new IllegalArgumentException(file + " has " + runs.size() + " runs");
        return samples(file, label, runs.get(0));
    }

    /**
     * A scaffold recording of two channels "A" and "B" at {@code rateHz}: {@code a[k]} and
     * {@code b[k]} in uV.
     */
    static Path scaffold(Path dir, double rateHz, double[] a, double[] b) throws IOException {
        StringBuilder text = new StringBuilder(ScaffoldTextFormat.MAGIC).append('\n');
        text.append("start 2024-03-05T09:30:00Z\n");
        text.append("variant LSCAF\n");
        text.append("stream eeg|EEG|").append(rateHz).append("|double64|dev-1|A:uV,B:uV\n");
        for (int k = 0; k < a.length; k++) {
            text.append("data 0|").append(k / rateHz).append('|').append(a[k]).append(',').append(b[k]).append('\n');
        }
        Path file = dir.resolve("signal.lscaf");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The files in {@code dir}, to show that nothing (no temporary file) was left behind. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        }
    }

    /** The CSV rows of a command's output, without the header, split at commas (no quoted fields). */
    static List<String[]> rows(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)).toList();
    }

    /** Whether {@code actual} is within {@code relative} of {@code expected}. */
    static boolean close(double expected, double actual, double relative) {
        return expected == actual || Math.abs(actual - expected) <= relative * Math.abs(expected);
    }
}
