package dev.liminal.datasets.session;

import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecars of a recording, side by side with it: {@code *_events.tsv} with its column
 * descriptions {@code *_events.json}, {@code *_eeg.json} (BIDS) and {@code *_session.json}
 * (Liminal).
 *
 * <p><b>Naming.</b> A BIDS name keeps its entities and swaps the {@code _eeg} suffix:
 * {@code sub-01_ses-1_task-ketamine_eeg.edf} has {@code sub-01_ses-1_task-ketamine_events.tsv},
 * {@code ..._events.json}, {@code ..._eeg.json} and {@code ..._session.json}. Any other name
 * appends the suffixes to its base name: {@code night1.bdf} has {@code night1_events.tsv},
 * {@code night1_events.json}, {@code night1_eeg.json}, {@code night1_session.json}. (BIDS inheritance from parent folders is not applied.)
 *
 * <p><b>Which wins.</b> {@code *_session.json} holds the whole session; {@code *_events.tsv}
 * repeats its timed items for BIDS tools. When reading, the session comes from
 * {@code *_session.json} if present (the events table then only supplies annotations, and a
 * disagreement is a warning), else from the events table's session rows.
 * Stateless; thread-safe.
 */
public final class Sidecars {
    /** BIDS file stems: entities starting with {@code sub-}, then the {@code _eeg} suffix. */
    private static final Pattern BIDS_STEM = Pattern.compile("(sub-[A-Za-z0-9]+(?:_[a-z]+-[A-Za-z0-9]+)*)_eeg");
    private static final Pattern TASK = Pattern.compile("(?:^|_)task-([A-Za-z0-9]+)(?:_|$)");

    private Sidecars() {}

    /** The sidecar paths of a recording (the files need not exist). */
    public static SidecarPaths of(Path recording) {
        String base = base(recording);
        Path dir = recording.toAbsolutePath().getParent();
        return new SidecarPaths(dir.resolve(base + "_events.tsv"), dir.resolve(base + "_events.json"),
                dir.resolve(base + "_eeg.json"), dir.resolve(base + "_session.json"));
    }

    /** The BIDS task of a recording's name ({@code task-ketamine} gives {@code "ketamine"}), or {@code "n/a"}. */
    public static String taskName(Path recording) {
        Matcher m = TASK.matcher(base(recording));
        return m.find() ? m.group(1) : EegJson.NOT_AVAILABLE;
    }

    /**
     * Writes all four sidecars of a recording, replacing existing ones.
     *
     * @param recording the recording the sidecars belong to (names them; not read)
     * @param info      the recording's description, with its plain annotations and its session
     * @return where they were written
     */
    public static SidecarPaths write(Path recording, RecordingInfo info) throws IOException {
        SidecarPaths paths = of(recording);
        SessionJson.write(info.session(), paths.session());
        EventsTsv.write(paths.events(), info.annotations(), info.session());
        EventsTsv.writeColumns(paths.eventColumns());
        EegJson.write(info, taskName(recording), paths.eegJson());
        return paths;
    }

    /**
     * Reads the sidecars of a recording, if any exists.
     *
     * @return empty when neither {@code *_session.json} nor {@code *_events.tsv} exists
     * @throws dev.liminal.datasets.RecordingFormatException if one is malformed
     */
    public static Optional<SidecarContent> read(Path recording) throws IOException {
        SidecarPaths paths = of(recording);
        boolean hasJson = Files.isRegularFile(paths.session());
        boolean hasTsv = Files.isRegularFile(paths.events());
        if (!hasJson && !hasTsv) return Optional.empty();
        List<String> warnings = new ArrayList<>();
        SessionTimeline fromJson = hasJson ? SessionJson.read(paths.session()) : null;
        DecodedSession fromTsv = hasTsv ? EventsTsv.read(paths.events(), fromJson) : null;
        if (fromTsv != null) warnings.addAll(fromTsv.warnings());
        if (fromJson != null && fromTsv != null && fromTsv.present() && !fromTsv.session().equals(fromJson)) {
            warnings.add(paths.events().getFileName() + " disagrees with " + paths.session().getFileName()
                    + "; using " + paths.session().getFileName());
        }
        boolean hasSession = fromJson != null || fromTsv.present();
        SessionTimeline session = fromJson != null ? fromJson : fromTsv.session();
        return Optional.of(new SidecarContent(hasSession, session,
                fromTsv == null ? List.of() : fromTsv.annotations(), warnings));
    }

    private static String base(Path recording) {
        String name = recording.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Matcher m = BIDS_STEM.matcher(stem);
        return m.matches() ? m.group(1) : stem;
    }
}
