package dev.liminal.dsp.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered {@link SpectralMetric}s, loaded once with {@link ServiceLoader} from
 * {@code META-INF/services/dev.liminal.dsp.metrics.SpectralMetric} on the class loader of
 * this class. Thread-safe (immutable after class initialisation).
 */
public final class SpectralMetrics {
    private static final List<SpectralMetric> ALL;
    private static final Map<String, SpectralMetric> BY_ID;

    static {
        List<SpectralMetric> all = new ArrayList<>();
        Map<String, SpectralMetric> byId = new HashMap<>();
        for (SpectralMetric metric : ServiceLoader.load(SpectralMetric.class, SpectralMetrics.class.getClassLoader())) {
            SpectralMetric previous = byId.putIfAbsent(metric.id(), metric);
            if (previous != null) {
                throw new IllegalStateException("spectral metric id '" + metric.id() + "' is registered twice: "
                        + previous.getClass().getName() + " and " + metric.getClass().getName());
            }
            all.add(metric);
        }
        ALL = List.copyOf(all);
        BY_ID = Map.copyOf(byId);
    }

    private SpectralMetrics() {
    }

    /** Every registered metric in service-file order; unmodifiable. */
    public static List<SpectralMetric> all() {
        return ALL;
    }

    /** The metric with {@code id}, if registered. */
    public static Optional<SpectralMetric> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }
}
