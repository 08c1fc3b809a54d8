package dev.liminal.app;

import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.lsl.source.LslStreamSource;
import dev.liminal.acquisition.pipeline.FrameLatency;
import dev.liminal.acquisition.pipeline.LivePipeline;
import dev.liminal.acquisition.pipeline.LivePipelineOptions;
import dev.liminal.acquisition.pipeline.LiveSnapshot;
import dev.liminal.acquisition.pipeline.PipelineInput;
import dev.liminal.acquisition.pipeline.SessionSummary;
import dev.liminal.acquisition.simulation.SimulatedHeadset;
import dev.liminal.acquisition.simulation.SimulationPublisher;
import dev.liminal.dsp.spectral.TimelineParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code liminal demo}: the whole live path on one machine. It publishes a simulated ketamine
 * session on LSL in compressed time ({@link SimulationPublisher}), finds its EEG and marker
 * streams by name with the resolver and connects to them like to any external headset
 * ({@link LslStreamSource}), runs the {@link LivePipeline} (band powers every 0.1 s, shifts
 * against the BASELINE phase per region, phase and dose tier from the markers) with the XDF
 * recorder, shows a live table, and at the end writes {@code timeline.csv}, {@code summary.csv}
 * and {@code session.xdf} into the output directory. Confined to the main thread, plus the
 * shutdown hook (Ctrl-C finishes the files).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a simulated ketamine session through the live pipeline (about 2 minutes).",
                "A simulated 32-channel headset publishes EEG and session markers on LSL (this",
                "machine only); Liminal finds them by name, computes band powers every 0.1 s",
                "(2 s window), shows the shift against the baseline per region and band with the",
                "phase and dose tier, records everything to XDF, and writes the timeline and a",
                "per-phase summary. The default session (5 min baseline, 0.5 mg/kg IV over 40 min,",
                "emergence, recovery) plays at 50x; expect gamma up and posterior alpha down."},
        footer = {"", "Writes into --out:",
                "  timeline.csv  time_s,phase,region,band,power_uv2,shift_db (every frame; shift_db",
                "                empty until the baseline phase is over)",
                "  summary.csv   phase,region,band,mean_shift_db,frames (mean over each phase's frames)",
                "  session.xdf   the EEG and marker streams as received, with clock offsets",
                "and prints their paths. At a terminal the live table redraws every second;",
                "otherwise (or with --no-live-table) a status line is printed every 5 s."})
final class DemoCommand implements Callable<Integer> {
    /** The demo's compression: the 100-min default script in 2 min. */
    static final String DEFAULT_SPEED = "50";
    /** Table refresh at a terminal. */
    static final long TABLE_REFRESH_MILLIS = 1000;
    /** Status line interval without a terminal. */
    static final long LINE_INTERVAL_MILLIS = 5000;
    /** Longest wait for the streams to answer the resolver. */
    static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait, after the publisher finished, for the last samples to arrive. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait for the pipeline and the recorder to finish their files. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long the publisher waits for the pipeline's inlets before it starts the session clock. */
    static final Duration CONSUMER_WAIT = Duration.ofSeconds(30);
    static final String TIMELINE_FILE = "timeline.csv";
    static final String SUMMARY_FILE = "summary.csv";
    static final String RECORDING_FILE = "session.xdf";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Mixin
    LslCliOptions lsl;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Run for S seconds (default: the whole session at --speed, 120 s at 50x).")
    Double seconds;

    @Option(names = "--speed", paramLabel = "X", defaultValue = DEFAULT_SPEED,
            description = "Script seconds per second (default ${DEFAULT-VALUE}; the baseline must last at least "
                    + "the 2 s window, so up to 150).")
    double speed;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "32",
            description = "Channels: 4, 8, 16, 19, 32 or 64 (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "500", description = "Sampling rate in Hz (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--dose-mg-per-kg", paramLabel = "MG", defaultValue = "0.5",
            description = "Ketamine dose infused over 40 min, mg/kg (default ${DEFAULT-VALUE}).")
    double mgPerKg;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory, created if needed (default ./liminal-demo-<yyyyMMdd-HHmmss>/).")
    Path out;

    @Option(names = "--no-live-table", description = "Print a status line every 5 s instead of redrawing the table.")
    boolean noLiveTable;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String name = SimulatedHeadset.DEFAULT_NAME + "-demo-" + ProcessHandle.current().pid();
        SimulateCommand.Simulation sim = SimulateCommand.Simulation.of(spec, name, channels, rateHz, speed, mgPerKg,
                seed, seconds);
        double baselineSeconds = sim.session().baselineSeconds() / speed;
        if (baselineSeconds < TimelineParameters.DEFAULT_WINDOW_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--speed " + NumberText.plain(speed) + " leaves a "
                    + NumberText.plain(baselineSeconds) + " s baseline, shorter than the "
                    + NumberText.plain(TimelineParameters.DEFAULT_WINDOW_SECONDS) + " s window; use at most "
                    + NumberText.plain(sim.session().baselineSeconds() / TimelineParameters.DEFAULT_WINDOW_SECONDS));
        }
        Path dir = out != null ? out : Path.of("liminal-demo-" + LocalDateTime.now().format(STAMP));
        Files.createDirectories(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        boolean table = !noLiveTable && System.console() != null;
        LslConfig config = lsl.config();

        try (SimulationPublisher publisher = SimulationPublisher.open(sim.headset(), sim.seconds(), config)) {
            stdout.println(sim.describe());
            stdout.flush();
            publisher.start(CONSUMER_WAIT);
            LslStreamSource eeg = open(name, config);
            LslStreamSource markers;
            try {
                markers = open(sim.headset().markerStream().name(), config);
            } catch (IOException | RuntimeException e) {
                eeg.close();
                throw e;
            }
            LivePipelineOptions options = LivePipelineOptions.defaults()
                    .withTimelineCsv(dir.resolve(TIMELINE_FILE)).withRecording(dir.resolve(RECORDING_FILE));
            LivePipeline pipeline;
            try {
                // the sender runs in this process on the same System.nanoTime clock: its offset is exactly 0,
                // so the recording's marker times equal the times written in the marker texts
                pipeline = new LivePipeline(PipelineInput.local(eeg), PipelineInput.local(markers), options);
            } catch (IOException | RuntimeException e) {
                eeg.close();
                markers.close();
                throw e;
            }
            Finisher finisher = new Finisher(pipeline, publisher, dir);
            Thread hook = new Thread(() -> {
                try {
                    finisher.finish();
                } catch (IOException | InterruptedException e) {
                    spec.commandLine().getErr().println("liminal: " + FailureReporter.oneLine(String.valueOf(e.getMessage())));
                    spec.commandLine().getErr().flush();
                }
            }, "liminal-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                pipeline.start();
                show(pipeline, publisher, sim.seconds(), table, stdout);
                long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                while (pipeline.eegTiming().totalFrames() < publisher.samplesPushed() && System.nanoTime() < deadline
                        && pipeline.failure().isEmpty()) {
                    Thread.sleep(20);
                }
                SessionSummary summary = finisher.finish();
                if (publisher.failure().isPresent()) {
                    throw new IOException("simulated headset failed: " + publisher.failure().get().getMessage(),
                            publisher.failure().get());
                }
                if (pipeline.failure().isPresent()) {
                    Exception e = pipeline.failure().get();
                    throw e instanceof IOException io ? io : new IOException("live pipeline failed: " + e, e);
                }
                report(pipeline, publisher, summary, dir, stdout);
                return ExitCodes.OK;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting (Ctrl-C): the hook finishes the files
                }
                finisher.finish();
            }
        }
    }

    /** Resolves one stream by name (exactly one must answer) and connects to it. */
    private static LslStreamSource open(String name, LslConfig config) throws IOException {
        List<LslStreamInfo> found = LslResolver.resolve("name='" + name + "'", 1, RESOLVE_TIMEOUT, config);
        if (found.isEmpty()) {
            throw new IOException("stream '" + name + "' did not answer the resolver within "
                    + RESOLVE_TIMEOUT.toSeconds() + " s");
        }
        return LslStreamSource.open(found.get(0), LslInletOptions.defaults(config));
    }

    /** The live view until the publisher has pushed its last block. */
    private static void show(LivePipeline pipeline, SimulationPublisher publisher, double totalSeconds, boolean table,
                             PrintWriter stdout) throws InterruptedException {
        long interval = table ? TABLE_REFRESH_MILLIS : LINE_INTERVAL_MILLIS;
        long next = System.nanoTime() + interval * 1_000_000L;
        while (!publisher.awaitEnd(Duration.ofMillis(50)) && pipeline.failure().isEmpty()) {
            if (System.nanoTime() < next) continue;
            next += interval * 1_000_000L;
            Optional<LiveSnapshot> s = pipeline.latest();
            if (s.isEmpty()) continue;
            long gaps = s.get().discontinuities();
            if (table) {
                stdout.print(LiveShiftTable.REDRAW + LiveShiftTable.table(s.get(), pipeline.eegTiming(), totalSeconds, gaps));
            } else {
                stdout.println(LiveShiftTable.line(s.get(), gaps));
            }
            stdout.flush();
        }
    }

    private static void report(LivePipeline pipeline, SimulationPublisher publisher, SessionSummary summary, Path dir,
                               PrintWriter stdout) {
        LiveSnapshot last = pipeline.latest().orElse(null);
        FrameLatency latency = pipeline.frameLatency().orElseThrow();
        FrameLatency processing = pipeline.processingLatency().orElseThrow();
        if (last == null) {
            stdout.println("demo finished: no band-power frame was computed (the run was shorter than the window)");
        } else {
            stdout.println(String.format(Locale.ROOT,
                    "demo finished: %.1f s of '%s' (%d ch, %s Hz), %d frames, %d gaps, %d samples lost%n"
                            + "frame latency after the window's end: p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                            + "(sender at most %.2f ms behind schedule); pipeline's share: p50 %.2f ms, p99 %.2f ms",
                    last.sessionSeconds(), pipeline.eegStream().name(), pipeline.eegStream().channelCount(),
                    NumberText.plain(pipeline.eegStream().nominalRateHz()), last.frames(), last.discontinuities(),
                    last.framesLost(), latency.p50Seconds() * 1e3, latency.p99Seconds() * 1e3,
                    latency.maxSeconds() * 1e3, publisher.maxLateSeconds() * 1e3, processing.p50Seconds() * 1e3,
                    processing.p99Seconds() * 1e3));
            stdout.print(LiveShiftTable.summary(summary, "INFUSION", pipeline.regionNames(), pipeline.bandNames()));
        }
        stdout.println("wrote:");
        stdout.println("  " + dir.resolve(TIMELINE_FILE));
        stdout.println("  " + dir.resolve(SUMMARY_FILE));
        stdout.println("  " + dir.resolve(RECORDING_FILE));
        stdout.flush();
    }

    /**
     * Ends a demo run once, from the main thread or the Ctrl-C hook: stops the pipeline (which
     * closes the timeline and the recording), then the publisher, and writes the summary.
     * Thread-safe.
     */
    private static final class Finisher {
        private final LivePipeline pipeline;
        private final SimulationPublisher publisher;
        private final Path dir;
        private SessionSummary summary;
        private IOException failure;

        Finisher(LivePipeline pipeline, SimulationPublisher publisher, Path dir) {
            this.pipeline = pipeline;
            this.publisher = publisher;
            this.dir = dir;
        }

        synchronized SessionSummary finish() throws IOException, InterruptedException {
            if (summary != null) return summary;
            if (failure != null) throw failure;
            try {
                // the inlets first, so that no pump sees its sender vanish and reports a failure
                boolean stopped = pipeline.stop(STOP_TIMEOUT);
                publisher.close();
                if (!stopped) {
                    throw new IOException("live pipeline did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
                }
                SessionSummary s = pipeline.summary().orElseThrow(
                        () -> new IOException("live pipeline ended without a summary"));
                s.writeCsv(dir.resolve(SUMMARY_FILE));
                summary = s;
                return s;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
