package dev.liminal.app;

import dev.liminal.acquisition.simulation.SimulatedHeadset;
import dev.liminal.acquisition.simulation.SimulatedSession;
import dev.liminal.acquisition.simulation.SimulationPublisher;
import dev.liminal.acquisition.simulation.SimulationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code liminal simulate}: a simulated headset on LSL, an EEG outlet with 10-20 labels and a
 * marker outlet with the session's phase and dose markers, playing the default ketamine session
 * script (5 min baseline, 40 min infusion, 45 min emergence, 10 min recovery) compressed by
 * {@code --speed}. Runs until the script (or {@code --seconds}) is over, or Ctrl-C. Confined to
 * the main thread, plus the shutdown hook.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Publish a simulated EEG headset on LSL, like a headset driver does.",
                "Two outlets: NAME (EEG, float32, 10-20 labels, microvolts) and NAME-Markers",
                "(the session markers: SESSION header, PHASE BASELINE/INFUSION/EMERGENCE/RECOVERY,",
                "DOSE ... tier=...). The script is a 100-min ketamine session (5 min baseline,",
                "0.5 mg/kg IV over 40 min, 45 min emergence, 10 min recovery); --speed compresses",
                "it (50 plays it in 2 min; the EEG keeps its rate). Data stay on this machine",
                "unless --lsl-scope lan or the --lsl-config file says otherwise."},
        footer = {"", "Prints where it publishes, then at the end:",
                "  published N samples and M markers of 'NAME' in S s"})
final class SimulateCommand implements Callable<Integer> {
    /** How often the main thread checks whether the publisher is done. */
    static final long POLL_MILLIS = 100;
    /** How long the outlets stay open after the last block, so that inlets receive it. */
    static final long LINGER_MILLIS = 500;
    /** Longest --wait-for-consumers accepted, s. */
    static final double MAX_WAIT_SECONDS = 3600;
    /** Highest --speed accepted: beyond it a 2 s window spans minutes of the script. */
    static final double MAX_SPEED = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    LslCliOptions lsl;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = SimulatedHeadset.DEFAULT_NAME,
            description = "EEG stream name; the markers are NAME-Markers (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "32",
            description = "Channels: 4, 8, 16, 19, 32 or 64 (standard 10-20 montages; default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "500", description = "Sampling rate in Hz (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Stop after S seconds of wall clock (default: the whole script at --speed).")
    Double seconds;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Script seconds per second: 1 is real time, 50 plays the session in 2 min (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--dose-mg-per-kg", paramLabel = "MG", defaultValue = "0.5",
            description = "Ketamine dose infused over 40 min, mg/kg (default ${DEFAULT-VALUE}).")
    double mgPerKg;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed; equal seeds give equal samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--wait-for-consumers", paramLabel = "S", defaultValue = "0",
            description = "Start the session clock only when both streams have an inlet, waiting up to S seconds "
                    + "(default ${DEFAULT-VALUE}: start at once, like a headset).")
    double waitSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(waitSeconds >= 0) || waitSeconds > MAX_WAIT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--wait-for-consumers " + waitSeconds + " is not in [0, "
                    + MAX_WAIT_SECONDS + "]");
        }
        Simulation sim = Simulation.of(spec, name, channels, rateHz, speed, mgPerKg, seed, seconds);
        PrintWriter out = spec.commandLine().getOut();
        SimulationPublisher publisher = SimulationPublisher.open(sim.headset(), sim.seconds(), lsl.config());
        Thread hook = new Thread(publisher::close, "liminal-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println(sim.describe() + "; Ctrl-C to stop");
            out.flush();
            long started = System.nanoTime();
            publisher.start(Duration.ofMillis(Math.round(waitSeconds * 1000)));
            while (!publisher.awaitEnd(Duration.ofMillis(POLL_MILLIS))) {
                // waiting for the script to end; Ctrl-C runs the hook
            }
            if (publisher.failure().isPresent()) {
                throw new IOException("simulation of '" + name + "' failed: " + publisher.failure().get().getMessage(),
                        publisher.failure().get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            // an LSL outlet has no flush: give the inlets the last block before the outlets close
            Thread.sleep(LINGER_MILLIS);
            out.println(String.format(Locale.ROOT, "published %d samples and %d markers of '%s' in %.1f s",
                    publisher.samplesPushed(), publisher.markersPushed(), name, elapsed));
            return ExitCodes.OK;
        } finally {
            publisher.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook closes the outlets
            }
        }
    }

    /**
     * The validated simulation options shared by {@code simulate} and {@code demo}. Immutable.
     *
     * @param headset the headset to publish
     * @param session its script
     * @param speed   script seconds per stream second
     * @param seconds stream seconds to publish
     */
    record Simulation(SimulatedHeadset headset, SimulatedSession session, double speed, double seconds) {
        /**
         * Checks the options and builds the headset.
         *
         * @param seconds stream seconds, or null for the whole script at {@code speed}
         * @throws ParameterException quoting the bad option
         */
        static Simulation of(CommandSpec spec, String name, int channels, double rateHz, double speed, double mgPerKg,
                             long seed, Double seconds) {
            if (!(speed > 0) || speed > MAX_SPEED) {
                throw new ParameterException(spec.commandLine(), "--speed " + speed + " is not in (0, " + MAX_SPEED + "]");
            }
            if (seconds != null && (!(seconds > 0) || seconds.isInfinite())) {
                throw new ParameterException(spec.commandLine(), "--seconds " + seconds + " is not a positive number");
            }
            if (name == null || name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--name '" + name + "' is blank");
            }
            SimulationSettings settings;
            SimulatedSession session;
            try {
                settings = SimulationSettings.DEFAULT.withChannelCount(channels).withSampleRateHz(rateHz)
                        .withSpeed(speed).withSeed(seed);
                session = SimulatedSession.DEFAULT.withDose(mgPerKg);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            double s = seconds != null ? seconds : session.streamSeconds(speed);
            return new Simulation(new SimulatedHeadset(name, session, settings), session, speed, s);
        }

        /** One line: what is published and for how long. */
        String describe() {
            SimulatedHeadset h = headset;
            return String.format(Locale.ROOT, "publishing '%s' (%d ch, %s Hz, float32, uV) and '%s' on LSL; "
                            + "%.0f min session at %sx, %s s", h.name(), h.eegStream().channelCount(),
                    NumberText.plain(h.eegStream().nominalRateHz()), h.markerStream().name(),
                    session.totalSeconds() / 60, NumberText.plain(speed), NumberText.plain(seconds));
        }
    }
}
