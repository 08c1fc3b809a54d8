package dev.liminal.datasets.session;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The complete session as JSON: the {@code *_session.json} sidecar, and the text an XDF writer
 * puts in its marker stream's header description.
 *
 * <p>Layout (shown compacted; the file has one value per line), schema version
 * {@value #SCHEMA_VERSION}; times in seconds on the session clock,
 * {@code null} for "none"):
 * <pre>{@code
 * {
 *   "schema" : "liminal-session",
 *   "schemaVersion" : 1,
 *   "protocol" : { "name" : "default", "phases" : [ "BASELINE", "INFUSION", "EMERGENCE", "RECOVERY" ] },
 *   "doseTiers" : [ { "name" : "LOW", "lowMgPerKg" : 0.25, "highMgPerKg" : 0.5 }, ... ],
 *   "phases" : [ { "name" : "BASELINE", "startSeconds" : 0.0, "endSeconds" : 600.0 }, ... ],
 *   "doses" : [ { "startSeconds" : 600.0, "mgPerKg" : 0.5, "totalMg" : 35.0, "bodyWeightKg" : 70.0,
 *                 "route" : "IV", "formulation" : "RACEMIC_KETAMINE", "infusionDurationSeconds" : 2400.0,
 *                 "tier" : "MODERATE" } ],
 *   "eyeStates" : [ { "timeSeconds" : 0.0, "state" : "CLOSED" } ],
 *   "probes" : [ { "prompt" : "dissociation", "promptSeconds" : 900.0, "rating" : 40.0,
 *                  "responseLatencySeconds" : 3.2 } ],
 *   "events" : [ { "timeSeconds" : 1500.0, "text" : "out of body now" } ],
 *   "instruments" : { "CADSS" : "34" }
 * }
 * }</pre>
 * A phase still running has {@code "endSeconds" : null}; an unanswered probe has {@code null}
 * rating and latency. A dose's {@code "tier"} is derived from {@code "doseTiers"} when writing
 * and checked against it when reading. Writing is stable: the same session always gives the
 * same bytes (two-space indent, LF line ends, instruments sorted by name).
 *
 * <p>Reading is strict: unknown fields, wrong types, invalid values and a tier that disagrees
 * with the table give a {@link RecordingFormatException} naming the file, byte offset, line
 * and column. Every field except {@code schema} and {@code schemaVersion} may be left out
 * (defaults: the default protocol and tier table, nothing recorded). Stateless; thread-safe.
 */
public final class SessionJson {
    /** The value of the {@code "schema"} field. */
    public static final String SCHEMA = "liminal-session";
    /** The schema version written; reading accepts this version only. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest sidecar read, in bytes: far above any real session, a guard against reading a wrong file. */
    public static final long MAX_BYTES = 16L << 20;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String WHAT = "session JSON";

    private SessionJson() {}

    /** The session as stable pretty JSON text (UTF-8 when written to a file), ending with a line feed. */
    public static String toJson(SessionTimeline session) {
        return new String(toBytes(session), StandardCharsets.UTF_8);
    }

    /** The session as stable pretty JSON in UTF-8, ending with a line feed. */
    public static byte[] toBytes(SessionTimeline session) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            writeProtocol(g, session.protocol());
            writeTiers(g, session.tierTable());
            g.writeArrayFieldStart("phases");
            for (SessionPhase p : session.phases()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeNumberField("startSeconds", p.startSeconds());
                writeNumberOrNull(g, "endSeconds", p.endSeconds());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("doses");
            for (Dose d : session.doses()) {
                g.writeStartObject();
                g.writeNumberField("startSeconds", d.startSeconds());
                g.writeNumberField("mgPerKg", d.mgPerKg());
                g.writeNumberField("totalMg", d.totalMg());
                g.writeNumberField("bodyWeightKg", d.bodyWeightKg());
                g.writeStringField("route", d.route().name());
                g.writeStringField("formulation", d.formulation().name());
                g.writeNumberField("infusionDurationSeconds", d.infusionDurationSeconds());
                Optional<DoseTier> tier = session.tierOf(d);
                if (tier.isPresent()) g.writeStringField("tier", tier.get().name());
                else g.writeNullField("tier");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("eyeStates");
            for (EyeStateChange e : session.eyeStates()) {
                g.writeStartObject();
                g.writeNumberField("timeSeconds", e.timeSeconds());
                g.writeStringField("state", e.state().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("probes");
            for (ProbeResponse p : session.probes()) {
                g.writeStartObject();
                g.writeStringField("prompt", p.prompt());
                g.writeNumberField("promptSeconds", p.promptSeconds());
                writeNumberOrNull(g, "rating", p.rating());
                writeNumberOrNull(g, "responseLatencySeconds", p.responseLatencySeconds());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (EventReport e : session.events()) {
                g.writeStartObject();
                g.writeNumberField("timeSeconds", e.timeSeconds());
                g.writeStringField("text", e.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeInstruments(g, session.instruments());
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #toBytes} to {@code file}, replacing it. */
    public static void write(SessionTimeline session, Path file) throws IOException {
        SidecarFiles.writeAtomically(file, toBytes(session));
    }

    /**
     * Reads a {@code *_session.json} file.
     *
     * @throws RecordingFormatException if it is malformed, invalid or larger than {@link #MAX_BYTES}
     */
    public static SessionTimeline read(Path file) throws IOException {
        return parse(SidecarFiles.readBounded(file, MAX_BYTES, WHAT), file);
    }

    /**
     * Parses session JSON held in memory (e.g. an XDF header description).
     *
     * @param json UTF-8 bytes; Not modified
     * @param file the file it came from, for messages (may be null)
     * @throws RecordingFormatException if it is malformed or invalid
     */
    public static SessionTimeline parse(byte[] json, Path file) throws RecordingFormatException {
        LocatedJson.Node root = LocatedJson.parse(file, json, WHAT);
        Map<String, LocatedJson.Node> m = root.object(WHAT, Set.of("schema", "schemaVersion", "protocol",
                "doseTiers", "phases", "doses", "eyeStates", "probes", "events", "instruments"));
        LocatedJson.Node schema = LocatedJson.require(m, "schema", root, WHAT);
        if (!SCHEMA.equals(schema.string("schema"))) {
            throw schema.error("schema is " + schema.describe() + ", expected \"" + SCHEMA + "\"");
        }
        LocatedJson.Node version = LocatedJson.require(m, "schemaVersion", root, WHAT);
        long v = version.integer("schemaVersion");
        if (v != SCHEMA_VERSION) {
            throw version.error("schemaVersion " + v + " is not supported (this Liminal reads " + SCHEMA_VERSION + ")");
        }
        ProtocolDefinition protocol = m.containsKey("protocol") ? readProtocol(m.get("protocol")) : ProtocolDefinition.DEFAULT;
        DoseTierTable table = m.containsKey("doseTiers") ? readTiers(m.get("doseTiers")) : DoseTierTable.DEFAULT;
        List<SessionPhase> phases = new ArrayList<>();
        List<LocatedJson.Node> phaseNodes = list(m, "phases");
        for (int i = 0; i < phaseNodes.size(); i++) {
            LocatedJson.Node n = phaseNodes.get(i);
            String what = "phases[" + i + "]";
            Map<String, LocatedJson.Node> f = n.object(what, Set.of("name", "startSeconds", "endSeconds"));
            String name = LocatedJson.require(f, "name", n, what).string(what + ".name");
            double start = LocatedJson.require(f, "startSeconds", n, what).number(what + ".startSeconds");
            LocatedJson.Node endNode = LocatedJson.require(f, "endSeconds", n, what);
            double end = endNode.isNull() ? Double.POSITIVE_INFINITY : endNode.number(what + ".endSeconds");
            SessionPhase phase = construct(n, what, () -> new SessionPhase(name, start, end));
            if (!protocol.phaseNames().contains(name)) {
                throw f.get("name").error(what + ": phase \"" + name + "\" is not in protocol " + protocol.name()
                        + " " + protocol.phaseNames());
            }
            phases.add(phase);
        }
        List<Dose> doses = new ArrayList<>();
        List<LocatedJson.Node> doseNodes = list(m, "doses");
        for (int i = 0; i < doseNodes.size(); i++) {
            doses.add(readDose(doseNodes.get(i), "doses[" + i + "]", table));
        }
        List<EyeStateChange> eyes = new ArrayList<>();
        List<LocatedJson.Node> eyeNodes = list(m, "eyeStates");
        for (int i = 0; i < eyeNodes.size(); i++) {
            LocatedJson.Node n = eyeNodes.get(i);
            String what = "eyeStates[" + i + "]";
            Map<String, LocatedJson.Node> f = n.object(what, Set.of("timeSeconds", "state"));
            double t = LocatedJson.require(f, "timeSeconds", n, what).number(what + ".timeSeconds");
            EyeState state = enumValue(EyeState.class, LocatedJson.require(f, "state", n, what), what + ".state");
            eyes.add(new EyeStateChange(t, state));
        }
        List<ProbeResponse> probes = new ArrayList<>();
        List<LocatedJson.Node> probeNodes = list(m, "probes");
        for (int i = 0; i < probeNodes.size(); i++) {
            LocatedJson.Node n = probeNodes.get(i);
            String what = "probes[" + i + "]";
            Map<String, LocatedJson.Node> f = n.object(what, Set.of("prompt", "promptSeconds", "rating",
                    "responseLatencySeconds"));
            String prompt = LocatedJson.require(f, "prompt", n, what).string(what + ".prompt");
            double t = LocatedJson.require(f, "promptSeconds", n, what).number(what + ".promptSeconds");
            double rating = optionalNumber(f, "rating", what);
            double latency = optionalNumber(f, "responseLatencySeconds", what);
            probes.add(construct(n, what, () -> new ProbeResponse(prompt, t, rating, latency)));
        }
        List<EventReport> events = new ArrayList<>();
        List<LocatedJson.Node> eventNodes = list(m, "events");
        for (int i = 0; i < eventNodes.size(); i++) {
            LocatedJson.Node n = eventNodes.get(i);
            String what = "events[" + i + "]";
            Map<String, LocatedJson.Node> f = n.object(what, Set.of("timeSeconds", "text"));
            double t = LocatedJson.require(f, "timeSeconds", n, what).number(what + ".timeSeconds");
            String text = LocatedJson.require(f, "text", n, what).string(what + ".text");
            events.add(new EventReport(t, text));
        }
        Map<String, String> instruments = m.containsKey("instruments") ? readInstruments(m.get("instruments")) : Map.of();
        return construct(root, WHAT, () -> new SessionTimeline(protocol, phases, doses, table, eyes, probes, events,
                instruments));
    }

    // ---- pieces shared with the compact SESSION annotation ----

    static void writeProtocol(JsonGenerator g, ProtocolDefinition protocol) throws IOException {
        g.writeObjectFieldStart("protocol");
        g.writeStringField("name", protocol.name());
        g.writeArrayFieldStart("phases");
        for (String p : protocol.phaseNames()) g.writeString(p);
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeTiers(JsonGenerator g, DoseTierTable table) throws IOException {
        g.writeArrayFieldStart("doseTiers");
        for (DoseTier t : table.tiers()) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeNumberField("lowMgPerKg", t.lowMgPerKg());
            g.writeNumberField("highMgPerKg", t.highMgPerKg());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void writeInstruments(JsonGenerator g, Map<String, String> instruments) throws IOException {
        g.writeObjectFieldStart("instruments");
        for (Map.Entry<String, String> e : new TreeMap<>(instruments).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    static ProtocolDefinition readProtocol(LocatedJson.Node n) throws RecordingFormatException {
        Map<String, LocatedJson.Node> f = n.object("protocol", Set.of("name", "phases"));
        String name = LocatedJson.require(f, "name", n, "protocol").string("protocol.name");
        List<String> names = new ArrayList<>();
        for (LocatedJson.Node p : LocatedJson.require(f, "phases", n, "protocol").array("protocol.phases")) {
            names.add(p.string("protocol phase name"));
        }
        return construct(n, "protocol", () -> new ProtocolDefinition(name, names));
    }

    static DoseTierTable readTiers(LocatedJson.Node n) throws RecordingFormatException {
        List<DoseTier> tiers = new ArrayList<>();
        List<LocatedJson.Node> items = n.array("doseTiers");
        for (int i = 0; i < items.size(); i++) {
            LocatedJson.Node t = items.get(i);
            String what = "doseTiers[" + i + "]";
            Map<String, LocatedJson.Node> f = t.object(what, Set.of("name", "lowMgPerKg", "highMgPerKg"));
            String name = LocatedJson.require(f, "name", t, what).string(what + ".name");
            double low = LocatedJson.require(f, "lowMgPerKg", t, what).number(what + ".lowMgPerKg");
            double high = LocatedJson.require(f, "highMgPerKg", t, what).number(what + ".highMgPerKg");
            tiers.add(construct(t, what, () -> new DoseTier(name, low, high)));
        }
        return construct(n, "doseTiers", () -> new DoseTierTable(tiers));
    }

    static Map<String, String> readInstruments(LocatedJson.Node n) throws RecordingFormatException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, LocatedJson.Node> e : n.anyObject("instruments").entrySet()) {
            out.put(e.getKey(), e.getValue().string("instruments." + e.getKey()));
        }
        return out;
    }

    // ---- helpers ----

    /** A finite value as a number, anything else (NaN: none, +infinity: open end) as null. */
    private static void writeNumberOrNull(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) g.writeNumberField(field, value);
        else g.writeNullField(field);
    }

    private static Dose readDose(LocatedJson.Node n, String what, DoseTierTable table) throws RecordingFormatException {
        Map<String, LocatedJson.Node> f = n.object(what, Set.of("startSeconds", "mgPerKg", "totalMg", "bodyWeightKg",
                "route", "formulation", "infusionDurationSeconds", "tier"));
        double start = LocatedJson.require(f, "startSeconds", n, what).number(what + ".startSeconds");
        double mgPerKg = LocatedJson.require(f, "mgPerKg", n, what).number(what + ".mgPerKg");
        double bodyWeight = LocatedJson.require(f, "bodyWeightKg", n, what).number(what + ".bodyWeightKg");
        double total = f.containsKey("totalMg") ? f.get("totalMg").number(what + ".totalMg") : mgPerKg * bodyWeight;
        Route route = enumValue(Route.class, LocatedJson.require(f, "route", n, what), what + ".route");
        Formulation formulation = enumValue(Formulation.class, LocatedJson.require(f, "formulation", n, what),
                what + ".formulation");
        double infusion = f.containsKey("infusionDurationSeconds")
                ? f.get("infusionDurationSeconds").number(what + ".infusionDurationSeconds") : 0;
        Dose dose = construct(n, what, () -> new Dose(mgPerKg, total, bodyWeight, route, formulation, infusion, start));
        LocatedJson.Node tierNode = f.get("tier");
        if (tierNode != null) {
            String expected = table.tierOf(dose).map(DoseTier::name).orElse(null);
            String given = tierNode.isNull() ? null : tierNode.string(what + ".tier");
            if (!Objects.equals(expected, given)) {
                throw tierNode.error(what + ": tier " + (given == null ? "null" : "\"" + given + "\"") + " disagrees with "
                        + mgPerKg + " mg/kg in the dose tier table, which gives "
                        + (expected == null ? "no tier" : "\"" + expected + "\""));
            }
        }
        return dose;
    }

    private static List<LocatedJson.Node> list(Map<String, LocatedJson.Node> m, String key)
            throws RecordingFormatException {
        LocatedJson.Node n = m.get(key);
        return n == null ? List.of() : n.array(key);
    }

    private static double optionalNumber(Map<String, LocatedJson.Node> f, String key, String what)
            throws RecordingFormatException {
        LocatedJson.Node n = f.get(key);
        return n == null ? Double.NaN : n.numberOrNaN(what + "." + key);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, LocatedJson.Node n, String what)
            throws RecordingFormatException {
        String s = n.string(what);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) return e;
        }
        throw n.error(what + " \"" + s + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** Something that builds a validated record and may reject the values. */
    @FunctionalInterface
    interface Construction<T> {
        T build();
    }

    /** Builds a record, turning its validation failure into an error located at {@code n}. */
    static <T> T construct(LocatedJson.Node n, String what, Construction<T> c) throws RecordingFormatException {
        try {
            return c.build();
        } catch (IllegalArgumentException e) {
            throw n.error(what + ": " + e.getMessage(), e);
        }
    }
}
