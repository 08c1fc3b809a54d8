package dev.liminal.core.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link StreamSource}s of one kind (simulated headset, LSL inlet, file replay). Listed in
 * {@code META-INF/services/dev.liminal.core.stream.StreamSourceProvider} and found with
 * {@link java.util.ServiceLoader} (see {@link StreamSourceProviders}). Implementations are
 * stateless and thread-safe.
 */
public interface StreamSourceProvider {
    /** Short lower-case id used on the command line, e.g. {@code "replay"}, {@code "lsl"}. */
    String id();

    /** One line for {@code --help}: what {@code location} means for this provider. */
    String description();

    /**
     * Opens the streams {@code location} names.
     *
     * @param location what to open, in the provider's terms: a file for replay, a stream name
     *                 for LSL, a preset for the simulator
     * @param options  provider-specific options as text (e.g. {@code speed=2}), possibly empty
     * @return one source per stream, in a stable order; the caller closes them
     * @throws IOException              if the location cannot be opened (the message names it)
     * @throws IllegalArgumentException if an option is unknown or malformed (quoting it)
     */
    List<StreamSource> open(String location, Map<String, String> options) throws IOException;
}
