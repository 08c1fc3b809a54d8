package dev.liminal.app;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTier;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of {@code liminal info}: a summary block, then tables of channels and streams,
 * the first annotations, the session metadata, header properties and warnings. Meant for
 * people; scripts should use {@code --json}. Stateless; thread-safe.
 */
final class InfoText {
    /** How many annotations the text form lists; {@code --json} lists all of them. */
    static final int ANNOTATIONS_SHOWN = 10;
    /** Longest annotation text the table shows; longer ones (an XDF footer as a marker) are cut. */
    static final int ANNOTATION_TEXT_CHARS = 100;
    /** Marks a cut annotation text. */
    private static final String ELLIPSIS = "...";
    /** Width of the label column of the summary block. */
    private static final int KEY_WIDTH = 13;
    /** Shown for an empty text cell so that columns stay countable. */
    private static final String NONE = "-";

    private InfoText() {}

    /**
     * Prints the description.
     *
     * @param file the file name as the user gave it
     */
    static void print(PrintWriter out, String file, RecordingInfo info) {
        RecordingSummary summary = RecordingSummary.of(info);
        field(out, "File", file);
        field(out, "Format", RecordingFiles.displayName(info.formatId()) + ", variant " + info.formatVariant());
        field(out, "Start", info.startTime() == null ? "unknown" : info.startTime().toString());
        field(out, "Duration", NumberText.plain(info.durationSeconds()) + " s (" + NumberText.clock(info.durationSeconds())
                + ")");
        field(out, "Channels", summary.channelCount() + " in " + summary.streamCount()
                + (summary.streamCount() == 1 ? " stream" : " streams"));
        field(out, "Annotations", Integer.toString(summary.annotationCount()));
        field(out, "Markers", summary.markerCount() + (summary.markerStreamCount() == 0 ? ""
                : " in " + summary.markerStreamCount() + (summary.markerStreamCount() == 1 ? " stream" : " streams")));

        out.println();
        out.println("Channels:");
        TextTable channels = new TextTable(">#", "label", "type", "unit", ">rate_hz");
        int index = 0;
        for (RecordedStream s : info.streams()) {
            for (ChannelInfo c : s.info().channels()) {
                channels.row(index++, cell(c.label()), c.type().name(), cell(c.unit()),
                        NumberText.rate(s.info().nominalRateHz()));
            }
        }
        if (summary.channelCount() == 0) out.println("  (none)");
        else channels.print(out);

        out.println();
        out.println("Streams:");
        TextTable streams = new TextTable(">#", "name", "type", ">channels", ">rate_hz", "format", ">samples",
                "source_id");
        for (RecordedStream s : info.streams()) {
            streams.row(s.index(), cell(s.info().name()), cell(s.info().type()), s.info().channelCount(),
                    NumberText.rate(s.info().nominalRateHz()), s.info().format().lslName(), s.sampleCount(),
                    cell(s.info().sourceId()));
        }
        if (summary.streamCount() == 0) out.println("  (none)");
        else streams.print(out);

        if (!info.annotations().isEmpty()) {
            out.println();
            int shown = Math.min(ANNOTATIONS_SHOWN, info.annotations().size());
            out.println(shown == info.annotations().size() ? "Annotations:"
                    : "Annotations (first " + shown + " of " + info.annotations().size() + "):");
            TextTable annotations = new TextTable(">onset_s", ">duration_s", "channel", "text");
            for (Annotation a : info.annotations().subList(0, shown)) {
                annotations.row(NumberText.plain(a.onsetSeconds()), NumberText.plain(a.durationSeconds()),
                        cell(a.channel()), shortened(a.text()));
            }
            annotations.print(out);
        }

        if (!info.session().isEmpty()) {
            out.println();
            out.println("Session:");
            session(out, info.session());
        }

        if (!info.properties().isEmpty()) {
            out.println();
            out.println("Properties:");
            TextTable properties = new TextTable("key", "value");
            new TreeMap<>(info.properties()).forEach((k, v) -> properties.row(k, cell(v)));
            properties.print(out);
        }

        if (!info.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            info.warnings().forEach(w -> out.println("  - " + FailureReporter.oneLine(w)));
        }
    }

    private static void session(PrintWriter out, SessionTimeline session) {
        out.println("  protocol " + session.protocol().name() + " " + session.protocol().phaseNames());
        if (!session.phases().isEmpty()) {
            TextTable phases = new TextTable("phase", ">start_s", ">end_s");
            for (SessionPhase p : session.phases()) {
                phases.row(p.name(), NumberText.plain(p.startSeconds()), NumberText.plain(p.endSeconds()));
            }
            phases.print(out);
        }
        if (!session.doses().isEmpty()) {
            TextTable doses = new TextTable(">dose_mg_per_kg", ">total_mg", "route", "formulation", ">infusion_s",
                    ">start_s", "tier");
            for (Dose d : session.doses()) {
                doses.row(NumberText.plain(d.mgPerKg()), NumberText.plain(d.totalMg()), d.route().name(),
                        d.formulation().name(), NumberText.plain(d.infusionDurationSeconds()),
                        NumberText.plain(d.startSeconds()), session.tierOf(d).map(DoseTier::name).orElse(NONE));
            }
            doses.print(out);
        }
        long answered = session.probes().stream().filter(ProbeResponse::answered).count();
        out.println("  probes " + session.probes().size() + " (" + answered + " answered), event reports "
                + session.events().size() + ", eye state changes " + session.eyeStates().size());
        for (Map.Entry<String, String> e : new TreeMap<>(session.instruments()).entrySet()) {
            out.println("  instrument " + e.getKey() + ": " + FailureReporter.oneLine(e.getValue()));
        }
    }

    private static void field(PrintWriter out, String key, String value) {
        out.println(String.format(java.util.Locale.ROOT, "%-" + KEY_WIDTH + "s%s", key + ":", value));
    }

    /** The text, cut to {@link #ANNOTATION_TEXT_CHARS} characters with a marked ellipsis. */
    static String shortened(String text) {
        String line = FailureReporter.oneLine(text);
        return line.length() <= ANNOTATION_TEXT_CHARS ? line
                : line.substring(0, ANNOTATION_TEXT_CHARS - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static String cell(String text) {
        return text == null || text.isBlank() ? NONE : text;
    }
}
