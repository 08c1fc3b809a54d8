package dev.liminal.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./liminal}. Confined to the main thread.
 */
@Command(name = "liminal", mixinStandardHelpOptions = true, versionProvider = Liminal.Version.class,
        description = "Neurophenomenological EEG workstation: read, convert and analyse EEG recordings.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Liminal implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Liminal()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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
