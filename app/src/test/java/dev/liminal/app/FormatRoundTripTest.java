package dev.liminal.app;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code convert} through the real EDF+, BDF+ and XDF writers and back. */
class FormatRoundTripTest {
    /** Annotation onsets survive to this (s): EDF+ TALs and XDF timestamps keep far finer times. */
    static final double ONSET_TOLERANCE_SECONDS = 1e-6;
    /** Floating-point slack on top of the quantisation bound, in the channel's unit. */
    static final double ARITHMETIC_SLACK = 1e-9;

    @TempDir
    Path tmp;

    /** One channel's samples with the quantisation step of the file that held them. */
    record Signal(double rateHz, double[] values, double stepOrZero) {}

    /** Every numeric channel of a file by label, with its samples and EDF/BDF digital step (0 if none). */
    static Map<String, Signal> signals(Path file) throws IOException {
        Map<String, Signal> out = new LinkedHashMap<>();
        try (RecordingReader r = RecordingFormats.open(file)) {
            for (RecordedStream s : r.info().streams()) {
                if (!s.info().format().isNumeric()) continue;
                int n = Math.toIntExact(s.sampleCount());
                double[][] v = new double[s.info().channelCount()][n];
                r.readSamples(s.index(), 0, n, v, 0);
                for (int c = 0; c < v.length; c++) {
                    ChannelInfo ch = s.info().channels().get(c);
                    out.put(ch.label(), new Signal(s.info().nominalRateHz(), v[c], step(ch)));
                }
            }
        }
        return out;
    }

    /** (physical range) / (digital range) from EDF/BDF attributes, or 0 for exact formats. */
    static double step(ChannelInfo ch) {
        String pmin = ch.attribute("physical_min");
        String pmax = ch.attribute("physical_max");
        String dmin = ch.attribute("digital_min");
        String dmax = ch.attribute("digital_max");
        if (pmin.isEmpty() || pmax.isEmpty() || dmin.isEmpty() || dmax.isEmpty()) return 0;
        return (Double.parseDouble(pmax) - Double.parseDouble(pmin)) / (Double.parseDouble(dmax) - Double.parseDouble(dmin));
    }

    static List<Annotation> annotations(Path file) throws IOException {
        try (RecordingReader r = RecordingFormats.open(file)) {
            return r.info().annotations();
        }
    }

    private Path convert(Path in, String outName) {
        Path out = tmp.resolve(outName);
        CliRun r = CliRun.of("convert", in.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("converted " + in + " ("), r.out());
        return out;
    }

    @Test
    void edfToBdfToXdfToEdfKeepsLabelsCountsValuesAndAnnotations() throws IOException {
        Path original = CliRun.fixture("edf/test_generator.edf");
        Path bdf = convert(original, "a.bdf");
        Path xdf = convert(bdf, "b.xdf");
        Path edf = convert(xdf, "c.edf");

        Map<String, Signal> before = signals(original);
        assertEquals(11, before.size());
        Map<String, Signal> viaBdf = signals(bdf);
        Map<String, Signal> after = signals(edf);
        for (Map<String, Signal> copy : List.of(viaBdf, signals(xdf), after)) {
            assertEquals(List.copyOf(before.keySet()), List.copyOf(copy.keySet()), "labels in order");
        }
        for (Map.Entry<String, Signal> e : before.entrySet()) {
            String label = e.getKey();
            Signal a = e.getValue();
            Signal b = after.get(label);
            assertEquals(a.rateHz(), b.rateHz(), label);
            assertEquals(a.values().length, b.values().length, label + " sample count");
            // each EDF/BDF write rounds to half a digital step of the file written
            double tolerance = viaBdf.get(label).stepOrZero() / 2 + b.stepOrZero() / 2 + ARITHMETIC_SLACK;
            for (int k = 0; k < a.values().length; k++) {
                if (Math.abs(a.values()[k] - b.values()[k]) > tolerance) {
                    throw new AssertionError(label + " sample " + k + ": " + a.values()[k] + " became " + b.values()[k]
                            + ", more than " + tolerance + " apart");
                }
            }
        }
        List<Annotation> first = annotations(original);
        List<Annotation> last = annotations(edf);
        assertEquals(List.of("Recording starts", "Recording ends"), first.stream().map(Annotation::text).toList());
        assertEquals(first.size(), last.size(), "annotations " + first + " became " + last);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).text(), last.get(i).text());
            assertEquals(first.get(i).onsetSeconds(), last.get(i).onsetSeconds(), ONSET_TOLERANCE_SECONDS);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("a.bdf", "b.xdf", "c.edf"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void mixedRateEdfKeepsEveryRateThroughXdf() throws IOException {
        Path original = CliRun.fixture("edf/short_psg.edf");
        Path edf = convert(convert(original, "psg.xdf"), "psg.edf");
        Map<String, Signal> before = signals(original);
        Map<String, Signal> after = signals(edf);
        assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
        for (String label : before.keySet()) {
            assertEquals(before.get(label).rateHz(), after.get(label).rateHz(), label);
            assertEquals(before.get(label).values().length, after.get(label).values().length, label);
        }
        assertEquals(5.0168, after.get("EEG Fpz-Cz").values()[0],
                before.get("EEG Fpz-Cz").stepOrZero() / 2 + after.get("EEG Fpz-Cz").stepOrZero() / 2 + 1e-4);
    }

    @Test
    void xdfMarkersBecomeEdfAnnotationsOnce() throws IOException {
        Path edf = convert(CliRun.fixture("xdf/minimal.xdf"), "minimal.edf");
        List<String> texts = annotations(edf).stream().map(Annotation::text).toList();
        assertEquals(9, texts.size(), texts.toString());
        assertEquals(List.of("Hello", "World", "from", "LSL", "Hello", "World", "from", "LSL"), texts.subList(1, 9));
    }

    @Test
    void recordSecondsSetsTheEdfDataRecordDuration() throws IOException {
        Path out = tmp.resolve("r.edf");
        CliRun r = CliRun.of("convert", "--record-seconds", "2", CliRun.fixture("edf/short_psg.edf").toString(),
                out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        try (RecordingReader reader = RecordingFormats.open(out)) {
            assertEquals("2.0", reader.info().properties().get("data_record_seconds"));
        }
    }
}
