package dev.liminal.datasets.session;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.liminal.core.Annotation;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTier;
import dev.liminal.core.session.DoseTierTable;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.EyeState;
import dev.liminal.core.session.EyeStateChange;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordingFormatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The BIDS {@code *_events.tsv} sidecar: one row per annotation and per session item, by
 * onset. UTF-8, tab-separated, LF line ends, {@code n/a} for a missing value.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>meaning</th></tr>
 *   <tr><td>{@code onset}, {@code duration}</td><td>seconds (BIDS); duration {@code n/a} for
 *       points, open phases and probes; a dose's infusion time (0 for a bolus). A phase ends at
 *       onset + duration summed as exact decimals and rounded once to a {@code double}, and its
 *       duration is written so that this gives the end bit for bit</td></tr>
 *   <tr><td>{@code trial_type}</td><td>{@code phase}, {@code dose}, {@code eyes}, {@code probe},
 *       {@code event_report} or {@code annotation}</td></tr>
 *   <tr><td>{@code value}</td><td>phase name, dose tier, eye state, probe prompt, event text,
 *       annotation text</td></tr>
 *   <tr><td>{@code phase}</td><td>the protocol phase at the onset (for analysis; ignored when
 *       reading)</td></tr>
 *   <tr><td>{@code rating}, {@code response_time}</td><td>a probe's answer (0-100) and latency
 *       in seconds (BIDS {@code response_time})</td></tr>
 *   <tr><td>{@code dose_mg_per_kg}, {@code dose_total_mg}, {@code body_weight_kg},
 *       {@code route}, {@code formulation}, {@code tier}</td><td>a dose</td></tr>
 *   <tr><td>{@code channel}</td><td>an annotation's channel, {@code n/a} for the whole recording</td></tr>
 * </table>
 *
 * <p>Numbers are the shortest decimals that parse back to the same {@code double}. In text
 * cells a backslash is written {@code \\}, tab, LF and CR as {@code \t}, {@code \n},
 * {@code \r}, and a text that is literally {@code n/a} as {@code n\/a}. The protocol, tier table
 * and instruments are not in this table: they come from {@code *_session.json} (pass them as
 * the reading context). Stateless; thread-safe.
 */
public final class EventsTsv {
    /** The missing-value marker of BIDS. */
    public static final String MISSING = "n/a";
    /** Largest table read, in bytes. */
    public static final long MAX_BYTES = 64L << 20;
    /** The columns written, in order. */
    public static final List<String> COLUMNS = List.of("onset", "duration", "trial_type", "value", "phase", "rating",
            "response_time", "dose_mg_per_kg", "dose_total_mg", "body_weight_kg", "route", "formulation", "tier",
            "channel");

    static final String PHASE = "phase";
    static final String DOSE = "dose";
    static final String EYES = "eyes";
    static final String PROBE = "probe";
    static final String EVENT = "event_report";
    static final String ANNOTATION = "annotation";
    /** Protocol name given to phases read without a context. */
    public static final String DERIVED_PROTOCOL = "events.tsv";

    private EventsTsv() {}

    /**
     * The table as text.
     *
     * @param annotations plain (non-session) annotations; Not modified
     * @param session     the session whose items become rows
     */
    public static String toTsv(List<Annotation> annotations, SessionTimeline session) {
        List<Row> rows = new ArrayList<>();
        for (SessionPhase p : session.phases()) {
            String duration = Double.isInfinite(p.endSeconds()) ? MISSING
                    : DecimalText.spanText(p.startSeconds(), p.endSeconds());
            rows.add(row(p.startSeconds(), duration, PHASE, text(p.name()), session));
        }
        for (Dose d : session.doses()) {
            Row r = row(d.startSeconds(), num(d.infusionDurationSeconds()), DOSE,
                    session.tierOf(d).map(t -> text(t.name())).orElse(MISSING), session);
            r.cells.put("dose_mg_per_kg", num(d.mgPerKg()));
            r.cells.put("dose_total_mg", num(d.totalMg()));
            r.cells.put("body_weight_kg", num(d.bodyWeightKg()));
            r.cells.put("route", d.route().name());
            r.cells.put("formulation", d.formulation().name());
            r.cells.put("tier", r.cells.get("value"));
            rows.add(r);
        }
        for (EyeStateChange e : session.eyeStates()) {
            rows.add(row(e.timeSeconds(), MISSING, EYES, e.state().name(), session));
        }
        for (ProbeResponse p : session.probes()) {
            Row r = row(p.promptSeconds(), MISSING, PROBE, text(p.prompt()), session);
            if (p.answered()) {
                r.cells.put("rating", num(p.rating()));
                r.cells.put("response_time", num(p.responseLatencySeconds()));
            }
            rows.add(r);
        }
        for (EventReport e : session.events()) {
            rows.add(row(e.timeSeconds(), MISSING, EVENT, text(e.text()), session));
        }
        for (Annotation a : annotations) {
            Row r = row(a.onsetSeconds(), a.hasDuration() ? num(a.durationSeconds()) : MISSING, ANNOTATION,
                    text(a.text()), session);
            if (!a.channel().isEmpty()) r.cells.put("channel", text(a.channel()));
            rows.add(r);
        }
        rows.sort(Comparator.comparingDouble(r -> r.onset));
        StringBuilder out = new StringBuilder();
        out.append(String.join("\t", COLUMNS)).append('\n');
        for (Row r : rows) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (c > 0) out.append('\t');
                out.append(r.cells.getOrDefault(COLUMNS.get(c), MISSING));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The BIDS {@code *_events.json} that describes the columns (LongName, Description, Units,
     * Levels), as stable pretty JSON in UTF-8. BIDS recommends it for columns beyond onset and
     * duration.
     */
    public static byte[] columnsJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
            g.writeStartObject();
            column(g, "onset", "Onset", "Time of the event on the recording's time axis (the session clock).", "s", null);
            column(g, "duration", "Duration", "Length of the event; a dose's infusion time (0 for a bolus); n/a for "
                    + "points, phases still running and probes.", "s", null);
            Map<String, String> types = new LinkedHashMap<>();
            types.put(PHASE, "a protocol phase (value: phase name)");
            types.put(DOSE, "a ketamine dose (value: dose tier)");
            types.put(EYES, "the eye state from this time on (value: OPEN or CLOSED)");
            types.put(PROBE, "a visual-analogue-scale probe (value: prompt)");
            types.put(EVENT, "the participant's report of a phenomenon (value: text)");
            types.put(ANNOTATION, "any other annotation of the recording (value: text)");
            column(g, "trial_type", "Event category", "What the row describes.", null, types);
            column(g, "value", "Value", "Phase name, dose tier, eye state, probe prompt, event text or annotation text.",
                    null, null);
            column(g, "phase", "Protocol phase", "The phase holding the onset (protocol in *_session.json).", null, null);
            column(g, "rating", "Probe rating", "The answer to a probe on a 0-100 visual analogue scale; n/a when "
                    + "unanswered.", null, null);
            column(g, "response_time", "Response time", "Time from a probe's prompt to its answer.", "s", null);
            column(g, "dose_mg_per_kg", "Dose per body weight", "Amount of the dose per kilogram of body weight.",
                    "mg/kg", null);
            column(g, "dose_total_mg", "Total dose", "Total amount of the dose.", "mg", null);
            column(g, "body_weight_kg", "Body weight", "The participant's body weight for the dose.", "kg", null);
            column(g, "route", "Route", "Route of administration.", null, levels(Route.values()));
            column(g, "formulation", "Formulation", "The drug given.", null, levels(Formulation.values()));
            column(g, "tier", "Dose tier", "The dose's tier by the session's tier table (in *_session.json).", null,
                    null);
            column(g, "channel", "Channel", "The channel an annotation applies to; n/a for the whole recording.", null,
                    null);
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #columnsJson} to {@code file}, replacing it. */
    public static void writeColumns(Path file) throws IOException {
        SidecarFiles.writeAtomically(file, columnsJson());
    }

    /** One column's description; {@code units} and {@code levels} may be null. */
    private static void column(JsonGenerator g, String name, String longName, String description, String units,
                               Map<String, String> levels) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("LongName", longName);
        g.writeStringField("Description", description);
        if (units != null) g.writeStringField("Units", units);
        if (levels != null) {
            g.writeObjectFieldStart("Levels");
            for (Map.Entry<String, String> e : levels.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static Map<String, String> levels(Enum<?>[] values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Enum<?> v : values) m.put(v.name(), v.name());
        return m;
    }

    /** Writes {@link #toTsv} to {@code file} in UTF-8, replacing it. */
    public static void write(Path file, List<Annotation> annotations, SessionTimeline session) throws IOException {
        SidecarFiles.writeAtomically(file, toTsv(annotations, session).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an events table back into annotations and session items. Rows of other
     * {@code trial_type}s (from other software) become annotations whose text is the value, the
     * trial type, or both as {@code "type/value"}.
     *
     * @param file    the table
     * @param context protocol, tier table and instruments to use (its lists are ignored), e.g.
     *                the session from {@code *_session.json}; null to use the default tier table
     *                and the default protocol, or, when a phase outside it appears, a protocol
     *                named {@value #DERIVED_PROTOCOL} with the phase names in order of appearance
     * @throws RecordingFormatException naming file, byte offset, line and column for malformed
     *                                  UTF-8, a missing column, a wrong cell count, a bad number,
     *                                  an invalid session row or overlapping phases
     */
    public static DecodedSession read(Path file, SessionTimeline context) throws IOException {
        return parse(SidecarFiles.readBounded(file, MAX_BYTES, "events table"), file, context);
    }

    /** {@link #read} of a table held in memory; {@code file} is only named in messages. */
    public static DecodedSession parse(byte[] bytes, Path file, SessionTimeline context)
            throws RecordingFormatException {
        List<Line> lines = lines(bytes);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).end == lines.get(lines.size() - 1).start) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) throw new RecordingFormatException(file, 0, "events table is empty (no header line)");
        Line headerLine = lines.get(0);
        List<Cell> header = cells(bytes, headerLine, file);
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            if (column.put(header.get(c).text, c) != null) {
                throw header.get(c).error(file, "column '" + header.get(c).text + "' appears twice");
            }
        }
        for (String required : List.of("onset", "duration")) {
            if (!column.containsKey(required)) {
                throw new RecordingFormatException(file, 0, "line 1: events table has no '" + required
                        + "' column (columns: " + header.stream().map(h -> h.text).toList() + ")");
            }
        }
        List<ParsedRow> parsed = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<Cell> cells = cells(bytes, lines.get(i), file);
            if (cells.size() != header.size()) {
                throw new RecordingFormatException(file, lines.get(i).start, "line " + lines.get(i).number + ": "
                        + cells.size() + " cells, the header has " + header.size());
            }
            parsed.add(new ParsedRow(lines.get(i).number, cells, column));
        }
        Set<String> phaseNames = new LinkedHashSet<>();
        for (ParsedRow r : parsed) {
            if (PHASE.equals(r.raw("trial_type"))) phaseNames.add(r.text("value", file));
        }
        ProtocolDefinition protocol;
        DoseTierTable tiers;
        Map<String, String> instruments;
        if (context != null) {
            protocol = context.protocol();
            tiers = context.tierTable();
            instruments = context.instruments();
        } else {
            protocol = ProtocolDefinition.DEFAULT.phaseNames().containsAll(phaseNames) ? ProtocolDefinition.DEFAULT
                    : new ProtocolDefinition(DERIVED_PROTOCOL, List.copyOf(phaseNames));
            tiers = DoseTierTable.DEFAULT;
            instruments = Map.of();
        }
        boolean present = false;
        List<SessionPhase> phases = new ArrayList<>();
        List<Integer> phaseLines = new ArrayList<>();
        List<Dose> doses = new ArrayList<>();
        List<EyeStateChange> eyes = new ArrayList<>();
        List<ProbeResponse> probes = new ArrayList<>();
        List<EventReport> events = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ParsedRow r : parsed) {
            double onset = r.number("onset", file);
            if (!r.missing("duration")) r.number("duration", file); // every row's duration must be a number
            String type = r.raw("trial_type");
            try {
                switch (type == null ? "" : type) {
                    case PHASE: {
                        present = true;
                        String name = r.text("value", file);
                        if (!protocol.phaseNames().contains(name)) {
                            throw r.cell("value").error(file, "phase '" + name + "' is not in protocol "
                                    + protocol.name() + " " + protocol.phaseNames());
                        }
                        double end = r.missing("duration") ? Double.POSITIVE_INFINITY : r.end(file);
                        phases.add(new SessionPhase(name, onset, end));
                        phaseLines.add(r.line);
                        break;
                    }
                    case DOSE: {
                        present = true;
                        Dose d = new Dose(r.number("dose_mg_per_kg", file), r.number("dose_total_mg", file),
                                r.number("body_weight_kg", file), r.enumValue(Route.class, "route", file),
                                r.enumValue(Formulation.class, "formulation", file),
                                r.missing("duration") ? 0 : r.number("duration", file), onset);
                        String written = r.missing("tier") ? null : r.text("tier", file);
                        String derived = tiers.tierOf(d).map(DoseTier::name).orElse(null);
                        if (written != null && !written.equals(derived)) {
                            warnings.add(file + ": line " + r.line + ": dose says tier " + written
                                    + " but the tier table gives " + (derived == null ? "no tier" : derived)
                                    + "; the table wins");
                        }
                        doses.add(d);
                        break;
                    }
                    case EYES:
                        present = true;
                        eyes.add(new EyeStateChange(onset, r.enumValue(EyeState.class, "value", file)));
                        break;
                    case PROBE: {
                        present = true;
                        double rating = r.missing("rating") ? Double.NaN : r.number("rating", file);
                        double latency = r.missing("response_time") ? Double.NaN : r.number("response_time", file);
                        probes.add(new ProbeResponse(r.text("value", file), onset, rating, latency));
                        break;
                    }
                    case EVENT:
                        present = true;
                        events.add(new EventReport(onset, r.missing("value") ? "" : r.text("value", file)));
                        break;
                    default:
                        annotations.add(new Annotation(onset, r.missing("duration") ? Double.NaN
                                : r.number("duration", file), plainText(r, type, file),
                                r.missing("channel") ? "" : r.text("channel", file)));
                }
            } catch (IllegalArgumentException e) {
                throw new RecordingFormatException(file, lines.get(r.line - 1).start, "line " + r.line + ": "
                        + e.getMessage(), e);
            }
        }
        try {
            SessionTimeline session = new SessionTimeline(protocol, phases, doses, tiers, eyes, probes, events,
                    instruments);
            return new DecodedSession(present, present ? session : SessionTimeline.EMPTY, annotations, warnings);
        } catch (IllegalArgumentException e) {
            // overlapping phases: name the lines holding phases
            throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, "phase rows on lines "
                    + phaseLines + ": " + e.getMessage(), e);
        }
    }

    private static String plainText(ParsedRow r, String type, Path file) throws RecordingFormatException {
        String value = r.missing("value") ? null : r.text("value", file);
        if (ANNOTATION.equals(type) || type == null) return value == null ? "" : value;
        return value == null ? unescape(type) : unescape(type) + "/" + value;
    }

    // ------------------------------------------------------------------ writing helpers

    private static final class Row {
        final double onset;
        final Map<String, String> cells = new HashMap<>();

        Row(double onset) {
            this.onset = onset;
        }
    }

    private static Row row(double onset, String duration, String type, String value, SessionTimeline session) {
        Row r = new Row(onset);
        r.cells.put("onset", num(onset));
        r.cells.put("duration", duration);
        r.cells.put("trial_type", type);
        r.cells.put("value", value);
        Optional<SessionPhase> phase = session.phaseAt(onset);
        r.cells.put("phase", phase.map(p -> text(p.name())).orElse(MISSING));
        return r;
    }

    private static String num(double v) {
        return DecimalText.format(v);
    }

    /** A text cell: escapes, and {@code n/a} spelled so that it is not read as missing. */
    static String text(String s) {
        if (s.equals(MISSING)) return "n\\/a";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\t': b.append("\\t"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't': b.append('\t'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    default: b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ reading helpers

    private record Line(int number, int start, int end) {}

    private static List<Line> lines(byte[] bytes) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || end > start) out.add(new Line(number++, start, end));
                start = i + 1;
            }
        }
        return out;
    }

    private record Cell(String text, int line, int column, long offset) {
        RecordingFormatException error(Path file, String problem) {
            return new RecordingFormatException(file, offset, "line " + line + " column " + column + ": " + problem);
        }
    }

    private static List<Cell> cells(byte[] bytes, Line line, Path file) throws RecordingFormatException {
        List<Cell> out = new ArrayList<>();
        int start = line.start;
        for (int i = line.start; i <= line.end; i++) {
            if (i == line.end || bytes[i] == '\t') {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, i - start)).toString();
                } catch (CharacterCodingException e) {
                    throw new RecordingFormatException(file, start, "line " + line.number + " column "
                            + (out.size() + 1) + ": not UTF-8", e);
                }
                if (line.number == 1 && out.isEmpty() && text.startsWith("\uFEFF")) text = text.substring(1);
                out.add(new Cell(text, line.number, out.size() + 1, start));
                start = i + 1;
            }
        }
        return out;
    }

    private static final class ParsedRow {
        final int line;
        final List<Cell> cells;
        final Map<String, Integer> column;

        ParsedRow(int line, List<Cell> cells, Map<String, Integer> column) {
            this.line = line;
            this.cells = cells;
            this.column = column;
        }

        Cell cell(String name) {
            Integer c = column.get(name);
            return c == null ? null : cells.get(c);
        }

        /** The raw cell text, or null when the column is absent or the cell is n/a. */
        String raw(String name) {
            Cell c = cell(name);
            return c == null || c.text.equals(MISSING) ? null : c.text;
        }

        boolean missing(String name) {
            return raw(name) == null;
        }

        String text(String name, Path file) throws RecordingFormatException {
            String raw = raw(name);
            if (raw == null) throw required(name, file);
            return unescape(raw);
        }

        double number(String name, Path file) throws RecordingFormatException {
            String raw = raw(name);
            if (raw == null) throw required(name, file);
            try {
                return DecimalText.parse(raw);
            } catch (NumberFormatException e) {
                throw cell(name).error(file, name + " " + e.getMessage());
            }
        }

        /** onset + duration, summed exactly as decimals and rounded once (see {@link DecimalText#end}). */
        double end(Path file) throws RecordingFormatException {
            number("duration", file);
            try {
                return DecimalText.end(raw("onset"), raw("duration"));
            } catch (NumberFormatException e) {
                throw cell("duration").error(file, "onset + duration " + e.getMessage());
            }
        }

        <E extends Enum<E>> E enumValue(Class<E> type, String name, Path file) throws RecordingFormatException {
            String raw = text(name, file);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(raw)) return e;
            }
            throw cell(name).error(file, name + " '" + raw + "' is not one of " + List.of(type.getEnumConstants()));
        }

        private RecordingFormatException required(String name, Path file) {
            Cell c = cell(name);
            if (c == null) {
                return new RecordingFormatException(file, cells.get(0).offset, "line " + line + ": a "
                        + raw("trial_type") + " row needs a '" + name + "' column");
            }
            return c.error(file, name + " is missing (n/a) in a " + raw("trial_type") + " row");
        }
    }
}
