package dev.liminal.app;

import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.publish.ReplayPublisher;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.datasets.replay.ReplayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code liminal replay FILE [--speed 1] [--loop]}: publishes every stream of a recording as an
 * LSL outlet with its original timing until the file ends (or forever with {@code --loop});
 * Ctrl-C stops cleanly (the outlets close, so inlets see the streams end). Confined to the main
 * thread, plus a shutdown hook that closes the publisher.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish a recording as LSL streams with its original timing.",
                "Every XDF stream, or each same-rate channel group of an EDF/BDF/BrainVision",
                "file, becomes one outlet; markers and annotations become a string stream.",
                "Voltages are published in microvolts. Stops at the end of the file, or with",
                "Ctrl-C."},
        footer = {"", "Prints one line per published stream when the outlets are up:",
                "  publishing 'NAME' (TYPE, N ch, RATE Hz, FORMAT, source_id ID)",
                "and a summary line at the end."})
final class ReplayCommand implements Callable<Integer> {
    /** Fastest replay accepted. */
    static final double MAX_SPEED = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    LslCliOptions lsl;

    @Parameters(index = "0", paramLabel = "FILE", description = "XDF, EDF/EDF+, BDF/BDF+, BrainVision (.vhdr) or other supported file.")
    Path file;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Playback speed factor (default ${DEFAULT-VALUE}; 2 plays twice as fast).")
    double speed;

    @Option(names = "--loop", description = "Start over at the end, forever (stop with Ctrl-C).")
    boolean loop;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(speed > 0) || speed > MAX_SPEED) {
            throw new ParameterException(spec.commandLine(), "--speed " + speed + " is not in (0, " + MAX_SPEED + "]");
        }
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        PrintWriter out = spec.commandLine().getOut();
        ReplayPublisher publisher = ReplayPublisher.open(file, new ReplayOptions(speed, loop), lsl.config(), SourceClock.SYSTEM);
        Thread hook = new Thread(publisher::close, "liminal-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<LslStreamInfo> streams = publisher.streams();
            for (LslStreamInfo s : streams) {
                out.println("publishing '" + s.name() + "' (" + s.type() + ", " + s.channelCount() + " ch, "
                        + NumberText.rate(s.nominalSrateHz()) + (s.nominalSrateHz() > 0 ? " Hz, " : ", ")
                        + s.channelFormat().wireName() + ", source_id " + s.sourceId() + ")");
            }
            out.flush();
            publisher.start();
            while (!publisher.awaitEnd(Duration.ofSeconds(1))) {
                if (publisher.failure().isPresent()) break;
            }
            if (publisher.failure().isPresent()) {
                Exception e = publisher.failure().get();
                if (e instanceof IOException) throw (IOException) e;
                throw new IllegalStateException(e.getMessage(), e);
            }
            List<Long> frames = publisher.framesPublished();
            StringBuilder line = new StringBuilder("replayed " + file + ":");
            for (int i = 0; i < streams.size(); i++) {
                line.append(i == 0 ? " '" : ", '").append(streams.get(i).name()).append("' ").append(frames.get(i))
                        .append(" frames");
            }
            out.println(line);
            out.flush();
            return ExitCodes.OK;
        } finally {
            publisher.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting (Ctrl-C): the hook closes the publisher
            }
        }
    }
}
