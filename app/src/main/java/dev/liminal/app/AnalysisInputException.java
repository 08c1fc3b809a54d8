package dev.liminal.app;

import java.io.IOException;

/**
 * Input an analysis subcommand cannot use: a non-finite sample, a window longer than the data,
 * a band above Nyquist, an unknown or empty channel selection, channels at different rates. An
 * {@link IOException} so that {@link FailureReporter} prints its one-line message and exits
 * {@link ExitCodes#BAD_INPUT}. Immutable.
 */
final class AnalysisInputException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the value and what was expected */
    AnalysisInputException(String message) {
        super(message);
    }

    /** @param message one line naming the value and what was expected; {@code cause} kept for --debug */
    AnalysisInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
