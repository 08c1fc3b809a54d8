/**
 * The {@code liminal} command line (picocli): {@code demo} runs a simulated session through the
 * live pipeline over LSL, {@code simulate} publishes the simulated headset, {@code info}
 * describes a recording, {@code convert} rewrites it in another format, {@code psd} and {@code bandpower} compute spectra and
 * band-power timelines with {@code dev.liminal.dsp}, streaming the file in blocks. Subcommands
 * open files through {@link dev.liminal.app.RecordingFiles} and never load viewer classes, so
 * every headless subcommand runs without a display.
 *
 * <p>Each subcommand exits 0 on success; on failure it prints one line on stderr
 * ({@code liminal: <file>: byte N: <problem>} for a malformed file) and exits 1 for bad input,
 * 2 for a usage error and 3 for an internal error, with the stack trace only under
 * {@code --debug}. Warnings that the libraries log print as {@code liminal: warning: ...} lines.
 * Command output goes to stdout; progress bars go to stderr and only when a console is
 * attached. Must not depend on the viewer module.
 */
package dev.liminal.app;
