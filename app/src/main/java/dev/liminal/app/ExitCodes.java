package dev.liminal.app;

/** The exit codes of every {@code liminal} subcommand. Constants only. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** An input file is missing, unreadable, malformed or cannot be represented in the output format. */
    static final int BAD_INPUT = 1;
    /** The command line is wrong (picocli's {@link picocli.CommandLine.ExitCode#USAGE}). */
    static final int USAGE = picocli.CommandLine.ExitCode.USAGE;
    /** A defect in Liminal: an exception no input should cause. */
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
