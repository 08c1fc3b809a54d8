package dev.liminal.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry point of {@code ./liminal}. Confined to the main thread.
 *
 * <p>Exit codes: {@link ExitCodes#OK} on success, {@link ExitCodes#BAD_INPUT} when a file is
 * missing, unreadable or malformed, {@link ExitCodes#USAGE} for a wrong command line and
 * {@link ExitCodes#INTERNAL} for a defect in Liminal. Failures print one line on stderr,
 * followed by the stack trace only with {@code --debug}.
 */
@Command(name = "liminal", mixinStandardHelpOptions = true, versionProvider = Liminal.Version.class,
        description = "Neurophenomenological EEG workstation: read, convert and analyse EEG recordings.",
        subcommands = {DemoCommand.class, SimulateCommand.class, InfoCommand.class, ConvertCommand.class,
                PsdCommand.class, BandpowerCommand.class, StreamsCommand.class, RecordCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad or missing input file, 2 usage error, 3 internal error."})
public final class Liminal implements Runnable {
    /** The global option that adds stack traces to failure reports. */
    static final String DEBUG_OPTION = "--debug";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    boolean debug;

    private final CliLogging logging;

    private Liminal(CliLogging logging) {
        this.logging = logging;
    }

    /** Where this run shows library log records (subcommands reach it as their parent command). */
    CliLogging logging() {
        return logging;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on {@code System.out}/{@code System.err} and returns its exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /**
     * Runs the command line and returns its exit code; text goes out as UTF-8.
     *
     * @param out receives the command's output (tables, JSON, summaries); not closed
     * @param err receives failure messages; not closed
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        boolean debug = debugRequested(args);
        try (CliLogging logging = new CliLogging(errWriter, debug)) {
            return commandLine(outWriter, errWriter, debug, logging).execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The configured picocli command line. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug, CliLogging logging) {
        FailureReporter reporter = new FailureReporter(debug);
        CommandLine cl = new CommandLine(new Liminal(logging));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        return cl;
    }

    /**
     * Whether {@code --debug} appears among the options, before any {@code --} end-of-options
     * marker. Decided before parsing so that even a parse failure honours it.
     */
    static boolean debugRequested(String... args) {
        int end = Arrays.asList(args).indexOf("--");
        return Arrays.asList(args).subList(0, end < 0 ? args.length : end).contains(DEBUG_OPTION);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Liminal.class.getPackage().getImplementationVersion();
            return new String[] {"liminal " + (v == null ? "(development build)" : v)};
        }
    }
}
