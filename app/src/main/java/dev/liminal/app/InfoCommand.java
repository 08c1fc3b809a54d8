package dev.liminal.app;

import dev.liminal.datasets.RecordingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code liminal info FILE [--json]}: describes a recording from its header, without reading
 * the samples. Confined to the main thread.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a recording from its header.",
                "Prints format, start, duration, channels, streams, annotation and marker",
                "counts, session metadata, header properties and warnings, without reading",
                "the samples."},
        footer = {"", "Text columns:",
                "  channels     #, label, type, unit, rate_hz",
                "  streams      #, name, type, channels, rate_hz, format, samples, source_id",
                "  annotations  onset_s, duration_s, channel, text (the first "
                        + InfoText.ANNOTATIONS_SHOWN + ")",
                "--json prints one object with stable keys and every annotation."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "EDF/EDF+, BDF/BDF+, XDF, BrainVision (.vhdr) or other supported file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (RecordingReader reader = RecordingFiles.open(file)) {
            if (json) {
                out.println(InfoJson.text(file.toString(), reader.info()));
            } else {
                InfoText.print(out, file.toString(), reader.info());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
