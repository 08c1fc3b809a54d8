package dev.liminal.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.dsp.filter.BandPassSpec;
import dev.liminal.dsp.filter.CausalFilter;
import dev.liminal.dsp.filter.FilterSpec;
import dev.liminal.dsp.filter.MainsFrequency;
import dev.liminal.dsp.filter.NotchSpec;
import dev.liminal.dsp.metrics.MetricInput;
import dev.liminal.dsp.metrics.SpectralMetric;
import dev.liminal.dsp.metrics.SpectralMetrics;
import dev.liminal.dsp.quality.QualityFlag;
import dev.liminal.dsp.quality.QualityThresholds;
import dev.liminal.dsp.reference.CommonAverageReference;
import dev.liminal.dsp.region.ChannelRegion;
import dev.liminal.dsp.region.RegionMap;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.Baseline;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.ShiftMeasure;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.StreamingFrameSink;
import dev.liminal.dsp.spectral.TimelineParameters;
import dev.liminal.dsp.spectral.WelchEstimator;
import dev.liminal.dsp.spectral.WelchParameters;
import dev.liminal.dsp.fft.WindowFunction;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code liminal bandpower FILE}: the band-power timeline of each channel, as CSV
 * {@code time_s,channel,band,low_hz,high_hz,power_uv2,relative[,shift_db][,shift_percent]
 * [,shift_ratio][,shift_z][,metric columns][,flags]} or, with {@code --json}, one JSON object with the
 * parameters and the same rows.
 *
 * <p>With {@code --regions}, each frame also has rows whose {@code channel} is
 * {@code region:NAME}: the mean absolute power of the region's channels ({@link RegionMap}),
 * its relative power (region band / region sum over the bands) and its shifts against the
 * baseline of that mean, computed exactly as for a channel. With {@code --quality}, a
 * {@code flags} column lists the quality flags of the row's window ({@code amplitude},
 * {@code flat}, {@code emg}; a region row has the union of its channels' flags). With
 * {@code --metrics}, per-channel columns of the registered {@link SpectralMetric}s computed from
 * each frame's Hann periodogram (one Welch segment spanning the window) and window samples.
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
                "(band power / sum over the bands), with --baseline the --shift columns:",
                "shift_db = 10*log10(P/mean), shift_percent = 100*(P-mean)/mean,",
                "shift_ratio = P/mean, shift_z = (P-mean)/sd (mean and population sd over",
                "the baseline frames of that channel and band); then --metrics; then flags.",
                "--regions adds rows with channel region:NAME: the mean power of the region's",
                "channels, shifts taken on that mean. auto: frontal Fp/AF/F, central FC/C/CP,",
                "parietal P/PO, occipital O/I, temporal T/FT/TP, T3-T6 and P7-P10.",
                "--quality flags, joined by '|', empty when clean: amplitude (a sample more than",
                "150 uV from the window mean), flat (peak-to-peak under 0.5 uV), emg (51-69 Hz",
                "power over 5%% of 1-69 Hz power; rates of 138 Hz and up).",
                "--metrics columns from each frame's Hann periodogram (lzc: its samples): paf_hz",
                "(peak alpha frequency), sef95_hz (95%% spectral edge), spectral_entropy,",
                "aperiodic_exponent, lzc (Lempel-Ziv complexity); repeated on the band rows of",
                "a channel and frame, NaN where undefined, empty on region rows.",
                "--json prints one object: file, sample_rate_hz, window and hop, bands, channels,",
                "pre-processing, baseline, [regions,] [metrics,] [quality,] and rows with the",
                "CSV's keys (flags as an array)."})
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
            description = "Baseline interval in seconds; adds shift columns against the frames whose whole window lies in it.")
    String baselineText;

    @Option(names = "--shift", paramLabel = "db,percent,ratio,z",
            description = "Shift columns to add with --baseline (default: db).")
    String shiftText;

    @Option(names = "--regions", paramLabel = "auto|NAME:A,B;...",
            description = "Add region rows: auto (10-20 lobes from the labels) or groups NAME:A,B;NAME2:C,D.")
    String regionsText;

    @Option(names = "--quality", description = "Add a flags column (amplitude, flat, emg) per row.")
    boolean quality;

    @Option(names = "--metrics", paramLabel = "paf,sef95,entropy,aperiodic,lzc|all",
            description = "Add spectral metric columns per channel and frame (see below).")
    String metricsText;

    /** {@code --metrics} names, their registered metric ids and their columns, in the order "all" gives. */
    private static final Map<String, String[]> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("paf", new String[] {"peak-alpha-frequency", "paf_hz"});
        METRICS.put("sef95", new String[] {"spectral-edge-frequency", "sef95_hz"});
        METRICS.put("entropy", new String[] {"spectral-entropy", "spectral_entropy"});
        METRICS.put("aperiodic", new String[] {"aperiodic-exponent", "aperiodic_exponent"});
        METRICS.put("lzc", new String[] {"lempel-ziv-complexity", "lzc"});
    }

    /** A chosen metric and its column. */
    private record MetricColumn(String column, SpectralMetric metric) {}

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
                writeCsv(w, analysis, settings);
            }
        });
        return ExitCodes.OK;
    }

    /** The options that do not depend on the file, checked. */
    private record Settings(BandSet bands, boolean average, MainsFrequency mains, double[] bandpassHz, double[] baselineSeconds,
                            List<ShiftMeasure> shifts, List<MetricColumn> metrics) {}

    /**
     * One frame as written: rows are the selected channels, then the regions.
     *
     * @param absolute uV^2, {@code [row][band]}
     * @param flags    quality bits per row
     * @param metrics  {@code [channel][metric]} (channels only, not regions), or null without {@code --metrics}
     */
    private record Frame(double endTimeSeconds, double[][] absolute, int[] flags, double[][] metrics) {}

    /**
     * The result: selection, parameters, row names (channel labels, then {@code region:NAME}),
     * the regions (or null), frames and (with a baseline) the baseline statistics per row.
     */
    private record Analysis(SignalSelection selection, TimelineParameters parameters, List<String> rowNames,
                            RegionMap regions, List<Frame> frames, Baseline baseline) {}

    /** Prefix of a region row's {@code channel} value. */
    static final String REGION_PREFIX = "region:";

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
        List<ShiftMeasure> shifts = shifts();
        if (shiftText != null && baseline == null) {
            throw new ParameterException(spec.commandLine(), "--shift '" + shiftText + "' needs --baseline START-END");
        }
        return new Settings(bands, average, mains, pass, baseline, shifts, metrics());
    }

    /** The metrics of {@code --metrics} in the order given (each once; all adds those not yet named), empty without the option. */
    private List<MetricColumn> metrics() {
        if (metricsText == null) return List.of();
        List<String> names = new ArrayList<>();
        for (String element : metricsText.split(",", -1)) {
            String name = element.trim().toLowerCase(Locale.ROOT);
            if (!name.equals("all") && !METRICS.containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "--metrics '" + metricsText + "': '" + element.trim()
                        + "' is not one of " + String.join(", ", METRICS.keySet()) + " or all");
            }
            for (String each : name.equals("all") ? METRICS.keySet() : List.of(name)) {
                if (!names.contains(each)) names.add(each);
            }
        }
        List<MetricColumn> columns = new ArrayList<>();
        for (String name : names) {
            String id = METRICS.get(name)[0];
            SpectralMetric metric = SpectralMetrics.byId(id).orElseThrow(() -> new IllegalStateException(
                    "spectral metric '" + id + "' is not registered in META-INF/services"));
            columns.add(new MetricColumn(METRICS.get(name)[1], metric));
        }
        return List.copyOf(columns);
    }

    /** The measures of {@code --shift}, in the fixed column order db, percent, ratio, z. */
    private List<ShiftMeasure> shifts() {
        if (shiftText == null) return List.of(ShiftMeasure.DECIBEL);
        Set<ShiftMeasure> chosen = EnumSet.noneOf(ShiftMeasure.class);
        for (String element : shiftText.split(",", -1)) {
            String name = element.trim().toLowerCase(Locale.ROOT);
            ShiftMeasure measure = switch (name) {
                case "db" -> ShiftMeasure.DECIBEL;
                case "percent" -> ShiftMeasure.PERCENT;
                case "ratio" -> ShiftMeasure.RATIO;
                case "z" -> ShiftMeasure.Z_SCORE;
                default -> throw new ParameterException(spec.commandLine(), "--shift '" + shiftText + "': '" + element.trim()
                        + "' is not one of db, percent, ratio, z");
            };
            chosen.add(measure);
        }
        return List.copyOf(chosen);
    }

    /** CSV/JSON key of a shift measure's column. */
    static String shiftColumn(ShiftMeasure measure) {
        return switch (measure) {
            case DECIBEL -> "shift_db";
            case PERCENT -> "shift_percent";
            case RATIO -> "shift_ratio";
            case Z_SCORE -> "shift_z";
        };
    }

    private static String shiftDefinition(ShiftMeasure measure) {
        return switch (measure) {
            case DECIBEL -> "shift_db = 10*log10(power_uv2 / baseline mean)";
            case PERCENT -> "shift_percent = 100*(power_uv2 - baseline mean) / baseline mean";
            case RATIO -> "shift_ratio = power_uv2 / baseline mean";
            case Z_SCORE -> "shift_z = (power_uv2 - baseline mean) / baseline population sd";
        };
    }

    /** Quality flags as the {@code flags} column writes them: lower-case names joined by '|', empty when clean. */
    static List<String> flagNames(int bits) {
        List<String> names = new ArrayList<>();
        for (QualityFlag f : QualityFlag.values()) {
            if ((bits & f.bit()) != 0) names.add(f.name().toLowerCase(Locale.ROOT));
        }
        return names;
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
        RegionMap regions = regions(selection.labels());
        List<String> rowNames = new ArrayList<>(selection.labels());
        if (regions != null) for (String name : regions.names()) rowNames.add(REGION_PREFIX + name);
        StreamingBandPowerProcessor processor =
                new StreamingBandPowerProcessor(parameters, settings.bands(), channelCount, 0.0);
        int bandCount = settings.bands().size();
        List<MetricColumn> metrics = settings.metrics();
        // One Welch segment spanning the window is the frame's periodogram (Hann, constant detrend, density).
        WelchEstimator welch = metrics.isEmpty() ? null
                : new WelchEstimator(new WelchParameters(rate, parameters.windowSamples(), 0, WindowFunction.HANN));
        List<Frame> frames = new ArrayList<>();
        StreamingFrameSink sink = f -> {
            double[][] channelRows = new double[channelCount][bandCount];
            f.copyAbsoluteTo(channelRows);
            double[][] rows = new double[rowNames.size()][];
            int[] flags = new int[rowNames.size()];
            System.arraycopy(channelRows, 0, rows, 0, channelCount);
            for (int c = 0; c < channelCount; c++) flags[c] = f.qualityBits(c);
            if (regions != null) {
                double[][] regionRows = regions.average(channelRows);
                for (int r = 0; r < regions.size(); r++) {
                    ChannelRegion region = regions.get(r);
                    rows[channelCount + r] = regionRows[r];
                    for (int k = 0; k < region.size(); k++) flags[channelCount + r] |= f.qualityBits(region.channel(k));
                }
            }
            double[][] values = null;
            if (welch != null) {
                double[][] window = new double[channelCount][f.windowSamples()];
                for (int c = 0; c < channelCount; c++) f.copyWindowTo(c, window[c]);
                PowerSpectrum spectrum = welch.estimate(window);
                values = new double[channelCount][metrics.size()];
                for (int c = 0; c < channelCount; c++) {
                    MetricInput input = new MetricInput(spectrum, c, settings.bands(), window[c]);
                    for (int m = 0; m < metrics.size(); m++) values[c][m] = metrics.get(m).metric().compute(input);
                }
            }
            frames.add(new Frame(f.endTimeSeconds(), rows, flags, values));
        };
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
                    processor.feed(block, 0, length, sink);
                }
            });
        }
        Baseline baseline = settings.baselineSeconds() == null ? null
                : baseline(frames, parameters, settings.baselineSeconds()[0], settings.baselineSeconds()[1]);
        if (baseline != null && settings.shifts().contains(ShiftMeasure.Z_SCORE) && baseline.frameCount() < 2) {
            throw new AnalysisInputException(file + ": --shift z needs at least 2 baseline frames, but --baseline "
                    + baselineText + " holds " + baseline.frameCount() + "; expected a longer interval or a shorter --hop-seconds");
        }
        return new Analysis(selection, parameters, rowNames, regions, frames, baseline);
    }

    /** The regions of {@code --regions} over the selected channels, or null without the option. */
    private RegionMap regions(List<String> labels) throws AnalysisInputException {
        if (regionsText == null) return null;
        try {
            return regionsText.trim().equals("auto") ? RegionMap.fromTenTwenty(labels) : RegionMap.parse(regionsText, labels);
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException(file + ": --regions '" + regionsText + "': " + e.getMessage(), e);
        }
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
    private Baseline baseline(List<Frame> frames, TimelineParameters parameters, double start, double end)
            throws AnalysisInputException {
        double window = parameters.windowSamples() / parameters.sampleRateHz();
        List<Frame> inside = new ArrayList<>();
        for (Frame f : frames) {
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
        int channels = inside.get(0).absolute().length;
        int bands = inside.get(0).absolute()[0].length;
        double[][] mean = new double[channels][bands];
        double[][] sd = new double[channels][bands];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                for (Frame f : inside) sum += f.absolute()[c][b];
                double m = sum / inside.size();
                double squares = 0;
                for (Frame f : inside) {
                    double d = f.absolute()[c][b] - m;
                    squares += d * d;
                }
                mean[c][b] = m;
                sd[c][b] = Math.sqrt(squares / inside.size());
            }
        }
        return new Baseline(start, end, inside.size(), mean, sd);
    }

    /** Relative power of one row as the timeline defines it: band / sum over the bands; NaN if all are zero. */
    private static double relative(double[] row, int band) {
        double total = 0;
        for (double v : row) total += v;
        return row[band] / total;
    }

    private void writeCsv(Writer w, Analysis a, Settings s) throws IOException {
        boolean shift = a.baseline() != null;
        StringBuilder header = new StringBuilder("time_s,channel,band,low_hz,high_hz,power_uv2,relative");
        if (shift) for (ShiftMeasure m : s.shifts()) header.append(',').append(shiftColumn(m));
        for (MetricColumn m : s.metrics()) header.append(',').append(m.column());
        if (quality) header.append(",flags");
        w.write(header.append('\n').toString());
        List<String> names = a.rowNames();
        BandSet bands = s.bands();
        StringBuilder line = new StringBuilder();
        for (Frame f : a.frames()) {
            String time = CsvText.number(f.endTimeSeconds());
            for (int c = 0; c < names.size(); c++) {
                String label = CsvText.field(names.get(c));
                double[] row = f.absolute()[c];
                String flags = quality ? CsvText.field(String.join("|", flagNames(f.flags()[c]))) : null;
                for (int b = 0; b < bands.size(); b++) {
                    FrequencyBand band = bands.get(b);
                    line.setLength(0);
                    line.append(time).append(',').append(label).append(',').append(CsvText.field(band.name()))
                            .append(',').append(CsvText.number(band.lowHz())).append(',')
                            .append(CsvText.number(band.highHz())).append(',')
                            .append(CsvText.number(row[b])).append(',')
                            .append(CsvText.number(relative(row, b)));
                    if (shift) {
                        for (ShiftMeasure m : s.shifts()) {
                            line.append(',').append(CsvText.number(a.baseline().shift(c, b, row[b], m)));
                        }
                    }
                    for (int m = 0; m < s.metrics().size(); m++) {
                        line.append(',');
                        if (c < f.metrics().length) line.append(CsvText.number(f.metrics()[c][m]));
                    }
                    if (quality) line.append(',').append(flags);
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
                List<String> definitions = new ArrayList<>();
                for (ShiftMeasure m : s.shifts()) definitions.add(shiftDefinition(m));
                g.writeStringField("shift", String.join("; ", definitions));
                g.writeEndObject();
            }
            if (a.regions() != null) {
                g.writeArrayFieldStart("regions");
                for (ChannelRegion region : a.regions().regions()) {
                    g.writeStartObject();
                    g.writeStringField("name", region.name());
                    g.writeStringField("channel", REGION_PREFIX + region.name());
                    g.writeArrayFieldStart("channels");
                    for (int k = 0; k < region.size(); k++) g.writeString(a.selection().labels().get(region.channel(k)));
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!s.metrics().isEmpty()) {
                g.writeArrayFieldStart("metrics");
                for (MetricColumn m : s.metrics()) {
                    g.writeStartObject();
                    g.writeStringField("column", m.column());
                    g.writeStringField("id", m.metric().id());
                    g.writeStringField("name", m.metric().displayName());
                    g.writeStringField("unit", m.metric().unit());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (quality) {
                g.writeObjectFieldStart("quality");
                QualityThresholds t = QualityThresholds.DEFAULT;
                g.writeNumberField("amplitude_uv", t.amplitudeMicrovolts());
                g.writeNumberField("flat_peak_to_peak_uv", t.flatPeakToPeakMicrovolts());
                g.writeNumberField("emg_index_warning", t.emgIndexWarning());
                g.writeBooleanField("emg_checked", p.sampleRateHz() >= StreamingBandPowerProcessor.EMG_MIN_SAMPLE_RATE_HZ);
                g.writeEndObject();
            }
            g.writeArrayFieldStart("rows");
            List<String> names = a.rowNames();
            for (Frame f : a.frames()) {
                for (int c = 0; c < names.size(); c++) {
                    double[] row = f.absolute()[c];
                    for (int b = 0; b < s.bands().size(); b++) {
                        FrequencyBand band = s.bands().get(b);
                        g.writeStartObject();
                        g.writeNumberField("time_s", f.endTimeSeconds());
                        g.writeStringField("channel", names.get(c));
                        g.writeStringField("band", band.name());
                        g.writeNumberField("low_hz", band.lowHz());
                        g.writeNumberField("high_hz", band.highHz());
                        g.writeNumberField("power_uv2", row[b]);
                        number(g, "relative", relative(row, b));
                        if (a.baseline() != null) {
                            for (ShiftMeasure m : s.shifts()) number(g, shiftColumn(m), a.baseline().shift(c, b, row[b], m));
                        }
                        for (int m = 0; m < s.metrics().size(); m++) {
                            if (c < f.metrics().length) {
                                number(g, s.metrics().get(m).column(), f.metrics()[c][m]);
                            } else {
                                g.writeNullField(s.metrics().get(m).column());
                            }
                        }
                        if (quality) {
                            g.writeArrayFieldStart("flags");
                            for (String flag : flagNames(f.flags()[c])) g.writeString(flag);
                            g.writeEndArray();
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
