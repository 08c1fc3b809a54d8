package dev.liminal.core.stream;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of {@link StreamSourceProvider}s on the class path. Immutable after class
 * initialisation; thread-safe.
 */
public final class StreamSourceProviders {
    private static final List<StreamSourceProvider> ALL = ServiceLoader.load(StreamSourceProvider.class,
            StreamSourceProviders.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
            .collect(Collectors.toUnmodifiableList());

    private StreamSourceProviders() {}

    /** Every registered provider. */
    public static List<StreamSourceProvider> all() {
        return ALL;
    }

    /** The provider with this id. */
    public static Optional<StreamSourceProvider> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
