package dev.liminal.datasets.session;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a recording's sidecars are. Immutable.
 *
 * @param events       the BIDS {@code *_events.tsv}
 * @param eventColumns the BIDS {@code *_events.json} describing the columns of {@code events}
 * @param eegJson      the BIDS {@code *_eeg.json}
 * @param session      Liminal's {@code *_session.json}
 */
public record SidecarPaths(Path events, Path eventColumns, Path eegJson, Path session) {
    public SidecarPaths {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(eventColumns, "eventColumns");
        Objects.requireNonNull(eegJson, "eegJson");
        Objects.requireNonNull(session, "session");
    }
}
