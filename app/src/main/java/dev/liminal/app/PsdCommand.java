package dev.liminal.app;

import dev.liminal.datasets.RecordingReader;
import dev.liminal.dsp.spectral.PowerSpectrum;
import dev.liminal.dsp.spectral.WelchParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code liminal psd FILE}: one Welch power spectral density per channel over the whole file,
 * as CSV {@code channel,frequency_hz,psd_uv2_per_hz}. The definition is
 * {@code scipy.signal.welch(x, fs, window='hann', nperseg=round(window*fs),
 * noverlap=floor(overlap*nperseg), detrend='constant', scaling='density')}; for a
 * discontinuous file segments never straddle a gap and the segments of all contiguous runs are
 * averaged, each run weighted by its segment count ({@link RunWelchAverage}). The file is read
 * in blocks of a few seconds, so memory does not grow with its length. Confined to the main
 * thread.
 */
@Command(name = "psd", mixinStandardHelpOptions = true,
        description = {"Welch power spectral density of each channel over the whole file.",
                "Periodic Hann segments, constant detrend, one-sided density in uV^2/Hz (as",
                "scipy.signal.welch). In a discontinuous file no segment spans a gap: the",
                "segments of all contiguous runs are averaged together. Reads the file in",
                "blocks; a progress bar shows on stderr at a terminal."},
        footer = {"", "CSV columns: channel, frequency_hz, psd_uv2_per_hz (one row per channel and bin)."})
final class PsdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Liminal parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording to analyse (any supported format).")
    Path file;

    @Option(names = "--window-seconds", paramLabel = "S", defaultValue = "2",
            description = "Welch segment length in seconds (default: ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Option(names = "--overlap", paramLabel = "F", defaultValue = "0.5",
            description = "Overlap of consecutive segments as a fraction of a segment, 0 <= F < 1 (default: ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--channels", paramLabel = "A,B,...",
            description = "Channel labels to analyse (default: every numeric channel; they must share one rate).")
    String channels;

    @Option(names = "--out", paramLabel = "CSV", description = "Write the CSV here instead of stdout (written only when complete).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<String> wanted = SignalSelection.parseLabels("--channels", channels);
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new ParameterException(spec.commandLine(), "--window-seconds " + windowSeconds + " must be a positive number of seconds");
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new ParameterException(spec.commandLine(), "--overlap " + overlap + " must be a fraction in [0, 1)");
        }
        PowerSpectrum spectrum;
        SignalSelection selection;
        try (RecordingReader reader = RecordingFiles.open(file)) {
            for (String warning : reader.info().warnings()) parent.logging().warning(file + ": " + warning);
            selection = SignalSelection.resolve(file, reader.info(), wanted);
            WelchParameters parameters = parameters(selection);
            RunWelchAverage welch = new RunWelchAverage(parameters, selection.channelCount());
            try (ConsoleProgress progress = ConsoleProgress.forTask("psd")) {
                SignalBlocks.read(file, reader, selection, progress, new SignalBlocks.Sink() {
                    @Override
                    public void runStart(int run, double startSeconds) {
                        welch.restart();
                    }

                    @Override
                    public void block(double[][] block, int length) {
                        welch.add(block, length);
                    }
                });
            }
            spectrum = welch.result();
        }
        List<String> labels = selection.labels();
        TextOutput.write(out, spec.commandLine().getOut(), w -> {
            w.write("channel,frequency_hz,psd_uv2_per_hz\n");
            for (int c = 0; c < labels.size(); c++) {
                String label = CsvText.field(labels.get(c));
                for (int k = 0; k < spectrum.binCount(); k++) {
                    w.write(label + "," + CsvText.number(spectrum.frequencyHz(k)) + ","
                            + CsvText.number(spectrum.density(c, k)) + "\n");
                }
            }
        });
        return ExitCodes.OK;
    }

    /** The Welch parameters at the selection's rate, checked against the longest run. */
    private WelchParameters parameters(SignalSelection selection) throws AnalysisInputException {
        WelchParameters parameters;
        try {
            parameters = WelchParameters.ofSeconds(selection.sampleRateHz(), windowSeconds, overlap);
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException("--window-seconds " + windowSeconds + ": " + e.getMessage(), e);
        }
        long longest = selection.longestRunSamples();
        if (longest < parameters.segmentSamples()) {
            throw new AnalysisInputException(String.format(Locale.ROOT,
                    "%s: --window-seconds %s (%d samples at %s Hz) is longer than the data: the longest contiguous run is %s (%d samples)",
                    file, NumberText.plain(windowSeconds), parameters.segmentSamples(),
                    NumberText.plain(selection.sampleRateHz()), selection.seconds(longest), longest));
        }
        return parameters;
    }
}
