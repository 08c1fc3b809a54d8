package dev.liminal.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.dsp.filter.BandPassSpec;
import dev.liminal.dsp.filter.CausalFilter;
import dev.liminal.dsp.filter.FilterSpec;
import dev.liminal.dsp.filter.MainsFrequency;
import dev.liminal.dsp.filter.NotchSpec;
import dev.liminal.dsp.reference.CommonAverageReference;
import dev.liminal.dsp.spectral.BandPowerFrame;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.Baseline;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.ShiftMeasure;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.TimelineParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code liminal bandpower FILE}: the band-power timeline of each channel, as CSV
 * {@code time_s,channel,band,low_hz,high_hz,power_uv2,relative[,shift_db]} or, with
 * {@code --json}, one JSON object with the parameters and the same rows.
 *
 * <p>Each frame is the periodogram of the last window (periodic Hann, constant detrend,
 * one-sided density, {@code nfft = window}) integrated over each band's bins; frames come every
 * hop; {@code time_s} is the end of the window on the recording's time axis (seconds from its
 * start). With no reference and no filter (the defaults) the powers are those of
 * {@code scipy.signal.spectrogram(x, fs, 'hann', nperseg, noverlap=nperseg-hop,
 * detrend='constant', scaling='density', mode='psd')} summed over each band's bins times
 * {@code fs/nperseg}. In a discontinuous file every run starts a fresh window, so no frame
 * spans a gap.
 *
 * <p>Pre-processing, in this order: common-average reference over the selected channels;
 * a causal mains notch; a causal Butterworth band-pass. The filters run forward only, with
 * their state carried from block to block (so the result does not depend on the block size)
 * and reset at every gap; zero-phase filtering would need the whole file in memory. Their
 * start-up transient shows in the first frames of each run.
 *
 * <p>The file is read in blocks of a few seconds; only the frames (channels x bands numbers per
 * hop) are kept, because a baseline may lie after the frames it is applied to. Confined to the
 * main thread.
 */
@Command(name = "bandpower", mixinStandardHelpOptions = true,
        description = {"Band-power timeline of each channel over a sliding window.",
                "One frame per hop. Hann window, constant detrend, one-sided periodogram summed over each band's bins",
                "(as scipy.signal.spectrogram). time_s is the end of the window, in seconds from",
                "the start of the recording. Optional common-average reference and causal notch",
                "and band-pass filters (state carried across blocks, reset at gaps). Reads the",
                "file in blocks; a progress bar shows on stderr at a terminal."},
        footer = {"", "CSV columns: time_s, channel, band, low_hz, high_hz, power_uv2, relative",
                "(band power / sum over the bands), and with --baseline shift_db",
                "(10*log10(power / mean baseline power) of that channel and band).",
                "--json prints one object: file, sample_rate_hz, window and hop, bands, channels,",
                "pre-processing, baseline, and rows with the CSV's keys."})
final class BandpowerCommand implements Callable<Integer> {
    /** Prototype order of the {@code --bandpass} Butterworth filter (8 poles, as scipy's butter(4, ..., 'bandpass')). */
    static final int BANDPASS_ORDER = 4;

    /**
     * Slack in seconds when testing whether a window lies inside the baseline interval: frame
     * times are sample counts divided by the rate, exact to a few ulp (the value
     * {@link Baseline#of} uses).
     */
    static final double EDGE_TOLERANCE_SECONDS = 1e-9;

    private static final Pattern RANGE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?)\\s*-\\s*([0-9]+(?:\\.[0-9]*)?)\\s*");

    @Spec
    CommandSpec spec;

    @ParentCommand
    Liminal parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording to analyse (any supported format).")
    Path file;

    @Option(names = "--window-seconds", paramLabel = "S", defaultValue = "2",
            description = "Window length in seconds (default: ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Option(names = "--hop-seconds", paramLabel = "S", defaultValue = "1",
            description = "Seconds between frames (default: ${DEFAULT-VALUE}).")
    double hopSeconds;

    @Option(names = "--bands", paramLabel = "SPEC",
            description = "Bands as name:low-high,... in Hz (default: delta:1-4,theta:4-8,alpha:8-13,beta:13-30,gamma:30-45).")
    String bandsText;

    @Option(names = "--channels", paramLabel = "A,B,...",
            description = "Channel labels to analyse (default: every numeric channel; they must share one rate).")
    String channels;

    @Option(names = "--reference", paramLabel = "none|average", defaultValue = "none",
            description = "Re-reference to the common average of the selected channels (default: ${DEFAULT-VALUE}).")
    String reference;

    @Option(names = "--notch", paramLabel = "none|50|60", defaultValue = "none",
            description = "Causal mains notch at 50 or 60 Hz and its harmonics (default: ${DEFAULT-VALUE}).")
    String notch;

    @Option(names = "--bandpass", paramLabel = "none|LO-HI", defaultValue = "none",
            description = "Causal Butterworth band-pass between LO and HI Hz (default: ${DEFAULT-VALUE}).")
    String bandpass;

    @Option(names = "--baseline", paramLabel = "START-END",
            description = "Baseline interval in seconds; adds shift_db against the mean of the frames whose whole window lies in it.")
    String baselineText;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout (written only when complete).")
    Path out;

    @Option(names = "--json", description = "Write one JSON object instead of CSV.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Settings settings = settings();
        List<String> wanted = SignalSelection.parseLabels("--channels", channels);
        Analysis analysis;
        try (RecordingReader reader = RecordingFiles.open(file)) {
            for (String warning : reader.info().warnings()) parent.logging().warning(file + ": " + warning);
            SignalSelection selection = SignalSelection.resolve(file, reader.info(), wanted);
            analysis = analyse(reader, selection, settings);
        }
        TextOutput.write(out, spec.commandLine().getOut(), w -> {
            if (json) {
                writeJson(w, analysis, settings);
            } else {
                writeCsv(w, analysis);
            }
        });
        return ExitCodes.OK;
    }

    /** The options that do not depend on the file, checked. */
    private record Settings(BandSet bands, boolean average, MainsFrequency mains, double[] bandpassHz, double[] baselineSeconds) {}

    /** The result: selection, parameters, frames and (with a baseline) the baseline statistics. */
    private record Analysis(SignalSelection selection, TimelineParameters parameters, List<BandPowerFrame> frames,
                            Baseline baseline) {}

    private Settings settings() {
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new ParameterException(spec.commandLine(), "--window-seconds " + windowSeconds + " must be a positive number of seconds");
        }
        if (!(hopSeconds > 0) || !Double.isFinite(hopSeconds)) {
            throw new ParameterException(spec.commandLine(), "--hop-seconds " + hopSeconds + " must be a positive number of seconds");
        }
        BandSet bands = BandSet.DEFAULT;
        if (bandsText != null) {
            try {
                bands = BandSet.parse(bandsText);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--bands '" + bandsText + "': " + e.getMessage());
            }
        }
        boolean average = switch (reference) {
            case "none" -> false;
            case "average" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--reference '" + reference + "' must be none or average");
        };
        MainsFrequency mains = switch (notch) {
            case "none" -> null;
            case "50" -> MainsFrequency.HZ_50;
            case "60" -> MainsFrequency.HZ_60;
            default -> throw new ParameterException(spec.commandLine(), "--notch '" + notch + "' must be none, 50 or 60");
        };
        double[] pass = null;
        if (!bandpass.equals("none")) {
            pass = range("--bandpass", bandpass, "none or LO-HI in Hz, e.g. 1-40");
            try {
                new BandPassSpec(pass[0], pass[1], BANDPASS_ORDER);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--bandpass '" + bandpass + "': " + e.getMessage());
            }
        }
        double[] baseline = null;
        if (baselineText != null) {
            baseline = range("--baseline", baselineText, "START-END in seconds, e.g. 0-60");
            if (!(baseline[0] < baseline[1])) {
                throw new ParameterException(spec.commandLine(), "--baseline '" + baselineText + "' must start before it ends");
            }
        }
        return new Settings(bands, average, mains, pass, baseline);
    }

    private double[] range(String option, String text, String expected) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not " + expected);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private Analysis analyse(RecordingReader reader, SignalSelection selection, Settings settings) throws IOException {
        double rate = selection.sampleRateHz();
        int channelCount = selection.channelCount();
        TimelineParameters parameters;
        try {
            parameters = TimelineParameters.ofSeconds(rate, windowSeconds, hopSeconds);
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException(file + ": " + e.getMessage(), e);
        }
        long longest = selection.longestRunSamples();
        if (longest < parameters.windowSamples()) {
            throw new AnalysisInputException(String.format(Locale.ROOT,
                    "%s: --window-seconds %s (%d samples at %s Hz) is longer than the data: the longest contiguous run is %s (%d samples)",
                    file, NumberText.plain(windowSeconds), parameters.windowSamples(), NumberText.plain(rate),
                    selection.seconds(longest), longest));
        }
        try {
            settings.bands().requireBelowNyquist(rate);
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException(file + ": " + e.getMessage() + "; expected bands at or below "
                    + NumberText.plain(rate / 2) + " Hz", e);
        }
        if (settings.average() && channelCount < 2) {
            throw new AnalysisInputException("--reference average needs at least 2 channels, but the selection is "
                    + selection.labels() + "; expected more --channels or --reference none");
        }
        CommonAverageReference car = settings.average()
                ? new CommonAverageReference(channelCount, new int[0], CommonAverageReference.DEFAULT_BLOCK_SAMPLES) : null;
        List<CausalFilter> filters = new ArrayList<>();
        if (settings.mains() != null) filters.add(filter("--notch " + notch, NotchSpec.of(settings.mains()), rate, channelCount));
        if (settings.bandpassHz() != null) {
            filters.add(filter("--bandpass " + bandpass,
                    new BandPassSpec(settings.bandpassHz()[0], settings.bandpassHz()[1], BANDPASS_ORDER), rate, channelCount));
        }
        StreamingBandPowerProcessor processor =
                new StreamingBandPowerProcessor(parameters, settings.bands(), channelCount, 0.0);
        List<BandPowerFrame> frames = new ArrayList<>();
        try (ConsoleProgress progress = ConsoleProgress.forTask("bandpower")) {
            SignalBlocks.read(file, reader, selection, progress, new SignalBlocks.Sink() {
                @Override
                public void runStart(int run, double startSeconds) {
                    processor.restart(startSeconds);
                    for (CausalFilter f : filters) f.reset();
                }

                @Override
                public void block(double[][] block, int length) {
                    if (car != null) car.process(block, 0, length, block);
                    for (CausalFilter f : filters) f.process(block, 0, length, block);
                    processor.process(block, 0, length, frames::add);
                }
            });
        }
        Baseline baseline = settings.baselineSeconds() == null ? null
                : baseline(frames, parameters, settings.baselineSeconds()[0], settings.baselineSeconds()[1]);
        return new Analysis(selection, parameters, frames, baseline);
    }

    private CausalFilter filter(String option, FilterSpec filterSpec, double rate, int channelCount)
            throws AnalysisInputException {
        try {
            return new CausalFilter(filterSpec, rate, channelCount);
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException(option + ": " + e.getMessage() + " (" + file + " is sampled at "
                    + NumberText.plain(rate) + " Hz)", e);
        }
    }

    /**
     * Mean and population standard deviation of the frames whose whole window lies in
     * {@code [start, end]} (the rule of {@link Baseline#of}, applied to frames that may come
     * from several runs).
     */
    private Baseline baseline(List<BandPowerFrame> frames, TimelineParameters parameters, double start, double end)
            throws AnalysisInputException {
        double window = parameters.windowSamples() / parameters.sampleRateHz();
        List<BandPowerFrame> inside = new ArrayList<>();
        for (BandPowerFrame f : frames) {
            if (f.endTimeSeconds() - window >= start - EDGE_TOLERANCE_SECONDS
                    && f.endTimeSeconds() <= end + EDGE_TOLERANCE_SECONDS) {
                inside.add(f);
            }
        }
        if (inside.isEmpty()) {
            String span = frames.isEmpty() ? "there are no frames"
                    : "frames end at " + NumberText.plain(frames.get(0).endTimeSeconds()) + ".."
                    + NumberText.plain(frames.get(frames.size() - 1).endTimeSeconds()) + " s";
            throw new AnalysisInputException(file + ": --baseline " + baselineText + " holds no whole "
                    + NumberText.plain(window) + " s window; expected an interval covering at least one window ("
                    + span + ")");
        }
        int channels = inside.get(0).channelCount();
        int bands = inside.get(0).bands().size();
        double[][] mean = new double[channels][bands];
        double[][] sd = new double[channels][bands];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                for (BandPowerFrame f : inside) sum += f.absolute(c, b);
                double m = sum / inside.size();
                double squares = 0;
                for (BandPowerFrame f : inside) {
                    double d = f.absolute(c, b) - m;
                    squares += d * d;
                }
                mean[c][b] = m;
                sd[c][b] = Math.sqrt(squares / inside.size());
            }
        }
        return new Baseline(start, end, inside.size(), mean, sd);
    }

    private static void writeCsv(Writer w, Analysis a) throws IOException {
        boolean shift = a.baseline() != null;
        w.write("time_s,channel,band,low_hz,high_hz,power_uv2,relative" + (shift ? ",shift_db" : "") + "\n");
        List<String> labels = a.selection().labels();
        StringBuilder line = new StringBuilder();
        for (BandPowerFrame f : a.frames()) {
            String time = CsvText.number(f.endTimeSeconds());
            for (int c = 0; c < labels.size(); c++) {
                String label = CsvText.field(labels.get(c));
                for (int b = 0; b < f.bands().size(); b++) {
                    FrequencyBand band = f.bands().get(b);
                    line.setLength(0);
                    line.append(time).append(',').append(label).append(',').append(CsvText.field(band.name()))
                            .append(',').append(CsvText.number(band.lowHz())).append(',')
                            .append(CsvText.number(band.highHz())).append(',')
                            .append(CsvText.number(f.absolute(c, b))).append(',')
                            .append(CsvText.number(f.relative(c, b)));
                    if (shift) {
                        line.append(',').append(CsvText.number(
                                a.baseline().shift(c, b, f.absolute(c, b), ShiftMeasure.DECIBEL)));
                    }
                    w.write(line.append('\n').toString());
                }
            }
        }
    }

    private void writeJson(Writer w, Analysis a, Settings s) throws IOException {
        TimelineParameters p = a.parameters();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeNumberField("sample_rate_hz", p.sampleRateHz());
            g.writeNumberField("window_seconds", p.windowSamples() / p.sampleRateHz());
            g.writeNumberField("window_samples", p.windowSamples());
            g.writeNumberField("hop_seconds", p.hopSamples() / p.sampleRateHz());
            g.writeNumberField("hop_samples", p.hopSamples());
            g.writeArrayFieldStart("bands");
            for (FrequencyBand band : s.bands().bands()) {
                g.writeStartObject();
                g.writeStringField("name", band.name());
                g.writeNumberField("low_hz", band.lowHz());
                g.writeNumberField("high_hz", band.highHz());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("channels");
            for (String label : a.selection().labels()) g.writeString(label);
            g.writeEndArray();
            g.writeStringField("reference", s.average() ? "average" : "none");
            g.writeStringField("notch", s.mains() == null ? "none" : NumberText.plain(s.mains().frequencyHz()));
            g.writeStringField("bandpass", s.bandpassHz() == null ? "none"
                    : NumberText.plain(s.bandpassHz()[0]) + "-" + NumberText.plain(s.bandpassHz()[1]));
            if (a.baseline() == null) {
                g.writeNullField("baseline");
            } else {
                g.writeObjectFieldStart("baseline");
                g.writeNumberField("start_s", a.baseline().startSeconds());
                g.writeNumberField("end_s", a.baseline().endSeconds());
                g.writeNumberField("frames", a.baseline().frameCount());
                g.writeStringField("shift", "shift_db = 10*log10(power_uv2 / baseline mean)");
                g.writeEndObject();
            }
            g.writeArrayFieldStart("rows");
            List<String> labels = a.selection().labels();
            for (BandPowerFrame f : a.frames()) {
                for (int c = 0; c < labels.size(); c++) {
                    for (int b = 0; b < f.bands().size(); b++) {
                        FrequencyBand band = f.bands().get(b);
                        g.writeStartObject();
                        g.writeNumberField("time_s", f.endTimeSeconds());
                        g.writeStringField("channel", labels.get(c));
                        g.writeStringField("band", band.name());
                        g.writeNumberField("low_hz", band.lowHz());
                        g.writeNumberField("high_hz", band.highHz());
                        g.writeNumberField("power_uv2", f.absolute(c, b));
                        number(g, "relative", f.relative(c, b));
                        if (a.baseline() != null) {
                            number(g, "shift_db", a.baseline().shift(c, b, f.absolute(c, b), ShiftMeasure.DECIBEL));
                        }
                        g.writeEndObject();
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        w.write("\n");
    }

    /** A number field, or null where the value is undefined (JSON has no NaN or infinity). */
    private static void number(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }
}
