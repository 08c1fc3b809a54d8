package dev.liminal.datasets.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SessionTimeline} as annotations a person can read in any EDF+ viewer and Liminal can
 * parse back exactly. One annotation per item, whole-recording (no channel):
 *
 * <table>
 *   <caption>Annotation texts</caption>
 *   <tr><th>item</th><th>onset</th><th>duration</th><th>text</th></tr>
 *   <tr><td>header</td><td>earliest item, not below 0</td><td>none</td>
 *       <td>{@code SESSION {"liminal_session":1,"protocol":...,"doseTiers":[...],"instruments":{...}}};
 *       beyond {@link #MAX_HEADER_BYTES} split into {@code SESSION 1/3 {"liminal...},
 *       {@code SESSION 2/3 ...}, {@code SESSION 3/3 ...}</td></tr>
 *   <tr><td>phase</td><td>start</td><td>end - start; none while open</td>
 *       <td>{@code PHASE BASELINE end=600}; {@code PHASE RECOVERY end=open} while running</td></tr>
 *   <tr><td>dose</td><td>start</td><td>infusion, none for a bolus</td>
 *       <td>{@code DOSE 0.5 mg/kg IV RACEMIC_KETAMINE total=35 mg weight=70 kg infusion=2400 s tier=MODERATE}</td></tr>
 *   <tr><td>eye state</td><td>change</td><td>none</td><td>{@code EYES CLOSED}</td></tr>
 *   <tr><td>probe</td><td>prompt</td><td>latency, none if unanswered</td>
 *       <td>{@code PROBE dissociation rating=40 latency=3.2 s} or {@code PROBE dissociation unanswered}</td></tr>
 *   <tr><td>event report</td><td>report</td><td>none</td><td>{@code EVENT out of body now}
 *       ({@code EVENT} alone for an empty text)</td></tr>
 * </table>
 *
 * <p>Numbers are the shortest decimals that parse back to the same {@code double}. Every value
 * but the times is in the text, so formats and readers without durations (XDF markers; MNE,
 * which reads a missing duration as 0) lose nothing: a phase's end is written as {@code end=},
 * and its duration field is only for viewers (chosen so
 * that {@code onset + duration} gives the end where a {@code double} can). A phase name is
 * looked up in the protocol before an {@code end=} suffix is considered, so names containing
 * {@code " end="} stay unambiguous.
 *
 * <p><b>Time resolution.</b> Times are the annotations' onsets, so they are as exact as the
 * format keeps them: exactly in memory and XDF, to 100 ns in EDF+ files (EDFlib and Liminal
 * write 7 decimals), and live LSL markers carry clock-synchronisation jitter. Phases that
 * touched may then overlap by such a rounding or jitter; decoding lets a
 * phase end where the next one starts when they overlap by at most
 * {@value #PHASE_TOUCH_TOLERANCE_SECONDS} s, and never reports that as a problem. The header
 * carries what has no time (protocol, tier table, retrospective instruments) as compact JSON,
 * leaving out the default protocol, the default tier table and empty instruments.
 * The {@code tier=} of a dose is for the reader only: decoding derives the tier from the table.
 *
 * <p><b>EDF+ TAL safety.</b> Free text (phase names, prompts, event texts) has its control
 * characters (U+0000-U+001F, U+007F, which include the TAL separators 20 and 21) written as
 * {@code \}{@code uXXXX} and a backslash as two; the JSON header escapes them the JSON way.
 * So no text holds bytes 0, 20 or 21 in UTF-8, and every text is one line.
 *
 * <p><b>Decoding</b> takes a session annotation repeated with the same text within
 * {@value #PHASE_TOUCH_TOLERANCE_SECONDS} s once (converters may store a marker stream's
 * markers both as annotations and as the stream). It only starts when a {@code SESSION} header
 * is present, so files from other
 * software with annotations that happen to read "EYES CLOSED" keep them as plain annotations.
 * An item that cannot be decoded (bad number, phase not in the protocol, overlapping phases,
 * invalid dose) stays a plain annotation with a warning; decoding never throws.
 * Stateless; thread-safe.
 */
public final class SessionAnnotations {
    /** Prefix of the header annotation. */
    public static final String HEADER = "SESSION ";
    /** Prefix of a phase annotation. */
    public static final String PHASE = "PHASE ";
    /** Prefix of a dose annotation. */
    public static final String DOSE = "DOSE ";
    /** Prefix of an eye state annotation. */
    public static final String EYES = "EYES ";
    /** Prefix of a probe annotation. */
    public static final String PROBE = "PROBE ";
    /** Prefix of an event report annotation. */
    public static final String EVENT = "EVENT ";
    /**
     * Longest header annotation in UTF-8 bytes; longer headers are split into numbered parts
     * ({@code SESSION 1/3 ...}). EDFlib-based viewers (EDFbrowser) cut annotations at 512
     * bytes (edflib.h EDFLIB_MAX_ANNOTATION_LEN), and EDF+ writers must fit each TAL in one
     * data record, so parts stay well below that.
     */
    public static final int MAX_HEADER_BYTES = 240;
    /** Most parts a header may have; its digits bound the part prefix length. */
    private static final int MAX_HEADER_PARTS = 9999;
    /** Payload of one part: the limit less the longest prefix {@code "SESSION 9999/9999 "}. */
    private static final int MAX_PART_PAYLOAD_BYTES = MAX_HEADER_BYTES - 18;
    private static final Pattern HEADER_PART = Pattern.compile("([1-9][0-9]{0,3})/([1-9][0-9]{0,3}) (.*)", Pattern.DOTALL);
    /** The header JSON's version field (name and value). */
    static final String VERSION_FIELD = "liminal_session";
    static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String NUMBER = "(\\S+)";
    private static final Pattern DOSE_TEXT = Pattern.compile("DOSE " + NUMBER + " mg/kg (\\S+) (\\S+) total=" + NUMBER
            + " mg weight=" + NUMBER + " kg infusion=" + NUMBER + " s(?: tier=(.+))?", Pattern.DOTALL);
    private static final Pattern ANSWERED_PROBE = Pattern.compile("PROBE (.+) rating=" + NUMBER + " latency="
            + NUMBER + " s", Pattern.DOTALL);
    /**
     * Largest overlap of consecutive phases taken as touching, seconds. Two sources of such
     * overlaps: the 100 ns to which EDF+ writers round onsets (EDFlib, Liminal's EdfWriter: 7
     * decimals), and live markers recorded over LSL, whose timestamps are mapped through the
     * inlet's clock offsets, which move by a fraction of a millisecond on one machine and a few
     * milliseconds on a LAN. 5 ms covers both and is far below any protocol phase.
     */
    public static final double PHASE_TOUCH_TOLERANCE_SECONDS = 0.005;
    /** The end of a phase still running. */
    private static final String OPEN_END = "open";
    /** Marks a phase's explicit end; phase names are matched against the protocol first. */
    private static final String END = " end=";
    private static final Pattern PHASE_WITH_END = Pattern.compile("(.+)" + END + NUMBER, Pattern.DOTALL);
    private static final Pattern UNANSWERED_PROBE = Pattern.compile("PROBE (.+) unanswered", Pattern.DOTALL);

    private SessionAnnotations() {}

    // ------------------------------------------------------------------ encoding

    /**
     * The session as annotations, by onset (the header first at its onset). Empty for
     * {@link SessionTimeline#EMPTY}.
     */
    public static List<Annotation> encode(SessionTimeline session) {
        if (session.equals(SessionTimeline.EMPTY)) return List.of();
        List<Annotation> out = new ArrayList<>();
        for (SessionPhase p : session.phases()) {
            boolean open = Double.isInfinite(p.endSeconds());
            double duration = open ? Double.NaN : DecimalText.exactSpan(p.startSeconds(), p.endSeconds());
            String withEnd = p.name() + END + (open ? OPEN_END : num(p.endSeconds()));
            // a protocol holding both "X" and "X end=5" (absurd but legal) keeps the plain name
            // and relies on the duration field
            String text = PHASE + escape(session.protocol().phaseNames().contains(withEnd) ? p.name() : withEnd);
            out.add(new Annotation(p.startSeconds(), duration, text, ""));
        }
        for (Dose d : session.doses()) {
            StringBuilder s = new StringBuilder(DOSE).append(num(d.mgPerKg())).append(" mg/kg ").append(d.route().name())
                    .append(' ').append(d.formulation().name()).append(" total=").append(num(d.totalMg()))
                    .append(" mg weight=").append(num(d.bodyWeightKg())).append(" kg infusion=")
                    .append(num(d.infusionDurationSeconds())).append(" s");
            session.tierOf(d).ifPresent(t -> s.append(" tier=").append(escape(t.name())));
            double duration = d.infusionDurationSeconds() > 0 ? d.infusionDurationSeconds() : Double.NaN;
            out.add(new Annotation(d.startSeconds(), duration, s.toString(), ""));
        }
        for (EyeStateChange e : session.eyeStates()) {
            out.add(new Annotation(e.timeSeconds(), EYES + e.state().name()));
        }
        for (ProbeResponse p : session.probes()) {
            String text = p.answered()
                    ? PROBE + escape(p.prompt()) + " rating=" + num(p.rating()) + " latency=" + num(p.responseLatencySeconds()) + " s"
                    : PROBE + escape(p.prompt()) + " unanswered";
            out.add(new Annotation(p.promptSeconds(), p.answered() ? p.responseLatencySeconds() : Double.NaN, text, ""));
        }
        for (EventReport e : session.events()) {
            out.add(new Annotation(e.timeSeconds(), e.text().isEmpty() ? EVENT.trim() : EVENT + escape(e.text())));
        }
        // The header sits at the earliest item so that it comes first in any viewer's list, but
        // not before 0: peers such as MNE drop annotations before the recording's first sample.
        double headerOnset = Math.max(0, out.stream().mapToDouble(Annotation::onsetSeconds).min().orElse(0));
        List<String> header = headerTexts(session);
        for (int i = header.size() - 1; i >= 0; i--) out.add(0, new Annotation(headerOnset, header.get(i)));
        // stable: the header parts stay first among the annotations at their onset
        out.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        return List.copyOf(out);
    }

    /** Whether a text is (or claims to be) one of the session annotations. */
    public static boolean isSessionText(String text) {
        return text.startsWith(HEADER) || text.startsWith(PHASE) || text.startsWith(DOSE) || text.startsWith(EYES)
                || text.startsWith(PROBE) || text.startsWith(EVENT) || text.equals(EVENT.trim());
    }

    /** The header as one annotation, or as numbered parts when longer than {@link #MAX_HEADER_BYTES}. */
    private static List<String> headerTexts(SessionTimeline session) {
        String json = headerJson(session);
        if ((HEADER + json).getBytes(StandardCharsets.UTF_8).length <= MAX_HEADER_BYTES) return List.of(HEADER + json);
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (from < json.length()) {
            int to = from;
            int bytes = 0;
            while (to < json.length()) {
                int cp = json.codePointAt(to);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + n > MAX_PART_PAYLOAD_BYTES) break;
                bytes += n;
                to += Character.charCount(cp);
            }
            // readers may trim a text's trailing blanks: never end a part with one
            int cut = to;
            while (cut > from + 1 && to < json.length() && Character.isWhitespace(json.charAt(cut - 1))) cut--;
            if (cut > from + 1 || to == json.length()) to = cut;
            chunks.add(json.substring(from, to));
            from = to;
        }
        if (chunks.size() > MAX_HEADER_PARTS) {
            throw new IllegalArgumentException("session header of " + json.length() + " characters needs "
                    + chunks.size() + " parts, more than " + MAX_HEADER_PARTS + " (instruments too long?)");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) texts.add(HEADER + (i + 1) + "/" + chunks.size() + " " + chunks.get(i));
        return texts;
    }

    private static String headerJson(SessionTimeline session) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField(VERSION_FIELD, VERSION);
            // defaults are left out to keep the header short (parsing fills them back in)
            if (!session.protocol().equals(ProtocolDefinition.DEFAULT)) SessionJson.writeProtocol(g, session.protocol());
            if (!session.tierTable().equals(DoseTierTable.DEFAULT)) SessionJson.writeTiers(g, session.tierTable());
            if (!session.instruments().isEmpty()) SessionJson.writeInstruments(g, session.instruments());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return w.toString();
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Splits annotations into the session they encode and the rest. Never throws for bad input:
     * what cannot be decoded is kept as a plain annotation and named in a warning.
     *
     * @param annotations annotations in any order; Not modified
     */
    public static DecodedSession decode(List<Annotation> annotations) {
        List<String> warnings = new ArrayList<>();
        boolean[] duplicate = duplicates(annotations);
        List<Annotation> unique = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            if (!duplicate[i]) unique.add(annotations.get(i));
        }
        DecodedSession d = decodeUnique(unique, warnings);
        // without a header nothing is session metadata, repeated or not
        return d.present() ? d : new DecodedSession(false, SessionTimeline.EMPTY, annotations, d.warnings());
    }

    /**
     * Marks session annotations that repeat an earlier one (same text, onsets within
     * {@link #PHASE_TOUCH_TOLERANCE_SECONDS}): a converter that writes both a recording's
     * annotations and the marker stream they came from (XDF to EDF+) stores each twice.
     */
    private static boolean[] duplicates(List<Annotation> annotations) {
        boolean[] duplicate = new boolean[annotations.size()];
        Map<String, List<Double>> seen = new HashMap<>();
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            if (!isSessionText(a.text()) || !a.channel().isEmpty()) continue;
            List<Double> onsets = seen.computeIfAbsent(a.text(), k -> new ArrayList<>());
            for (double t : onsets) {
                if (Math.abs(t - a.onsetSeconds()) <= PHASE_TOUCH_TOLERANCE_SECONDS) {
                    duplicate[i] = true;
                    break;
                }
            }
            if (!duplicate[i]) onsets.add(a.onsetSeconds());
        }
        return duplicate;
    }

    private static DecodedSession decodeUnique(List<Annotation> annotations, List<String> warnings) {
        boolean[] consumed = new boolean[annotations.size()];
        Header header = findHeader(annotations, consumed, warnings);
        if (header == null) {
            return new DecodedSession(false, SessionTimeline.EMPTY, annotations, warnings);
        }
        List<Candidate<SessionPhase>> phases = new ArrayList<>();
        List<Dose> doses = new ArrayList<>();
        List<EyeStateChange> eyes = new ArrayList<>();
        List<ProbeResponse> probes = new ArrayList<>();
        List<EventReport> events = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            String t = a.text();
            // header annotations were consumed or warned about by findHeader
            if (t.startsWith(HEADER) || !isSessionText(t) || !a.channel().isEmpty()) continue;
            try {
                if (t.startsWith(PHASE)) {
                    phases.add(new Candidate<>(i, parsePhase(a, header.protocol)));
                    continue; // consumed once the phase is known not to overlap
                } else if (t.startsWith(DOSE)) {
                    doses.add(parseDose(a, header.tiers, warnings));
                } else if (t.startsWith(EYES)) {
                    eyes.add(new EyeStateChange(a.onsetSeconds(), EyeState.valueOf(t.substring(EYES.length()))));
                } else if (t.startsWith(PROBE)) {
                    probes.add(parseProbe(a));
                } else {
                    events.add(new EventReport(a.onsetSeconds(), t.length() <= EVENT.length() ? ""
                            : unescape(t.substring(EVENT.length()))));
                }
                consumed[i] = true;
            } catch (IllegalArgumentException e) {
                warnings.add(describe(a) + ": kept as an annotation: " + e.getMessage());
            }
        }
        List<SessionPhase> accepted = new ArrayList<>();
        phases.sort(Comparator.comparing((Candidate<SessionPhase> c) -> c.item.startSeconds())
                .thenComparingDouble(c -> c.item.endSeconds()).thenComparing(c -> c.item.name()));
        for (Candidate<SessionPhase> c : phases) {
            SessionPhase last = accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
            if (last != null && c.item.startSeconds() < last.endSeconds()
                    && last.endSeconds() - c.item.startSeconds() <= PHASE_TOUCH_TOLERANCE_SECONDS
                    && c.item.startSeconds() >= last.startSeconds()) {
                // meant to touch; a format's time rounding made them overlap (see class comment)
                accepted.set(accepted.size() - 1, new SessionPhase(last.name(), last.startSeconds(), c.item.startSeconds()));
                last = accepted.get(accepted.size() - 1);
            }
            if (last != null && c.item.startSeconds() < last.endSeconds()) {
                warnings.add(describe(annotations.get(c.index)) + ": kept as an annotation: overlaps phase "
                        + last.name() + " ending at " + last.endSeconds() + " s");
            } else {
                accepted.add(c.item);
                consumed[c.index] = true;
            }
        }
        List<Annotation> rest = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            if (!consumed[i]) rest.add(annotations.get(i));
        }
        SessionTimeline session = new SessionTimeline(header.protocol, accepted, doses, header.tiers, eyes, probes,
                events, header.instruments);
        return new DecodedSession(true, session, rest, warnings);
    }

    private record Candidate<T>(int index, T item) {}

    /**
     * Finds the first header that parses: a whole one, else the first complete set of parts
     * (same part count and onset, every number once). Marks what it used in {@code consumed}
     * and adds one warning for every other header annotation.
     */
    private static Header findHeader(List<Annotation> annotations, boolean[] consumed, List<String> warnings) {
        Header header = null;
        Map<String, List<Integer>> partSets = new LinkedHashMap<>();
        Map<Integer, String> problems = new TreeMap<>();
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            if (!a.text().startsWith(HEADER)) continue;
            String payload = a.text().substring(HEADER.length());
            Matcher part = HEADER_PART.matcher(payload);
            if (part.matches()) {
                partSets.computeIfAbsent(part.group(2) + "@" + a.onsetSeconds(), k -> new ArrayList<>()).add(i);
                continue;
            }
            if (header != null) {
                problems.put(i, "a second session header");
                continue;
            }
            try {
                header = parseHeader(payload);
                consumed[i] = true;
            } catch (RecordingFormatException | IllegalArgumentException e) {
                problems.put(i, "not a session header: " + e.getMessage());
            }
        }
        for (List<Integer> set : partSets.values()) {
            String json = header == null ? assemble(annotations, set) : null;
            String problem = header != null ? "part of a second session header" : json == null
                    ? "session header part without all the others" : null;
            if (problem == null) {
                try {
                    header = parseHeader(json);
                    for (int i : set) {
                        if (!consumed[i] && partNumberUsed(annotations, set, i)) consumed[i] = true;
                        else problems.put(i, "a repeated session header part");
                    }
                    continue;
                } catch (RecordingFormatException | IllegalArgumentException e) {
                    problem = "not a session header: " + e.getMessage();
                }
            }
            for (int i : set) problems.put(i, problem);
        }
        for (Map.Entry<Integer, String> p : problems.entrySet()) {
            warnings.add(describe(annotations.get(p.getKey())) + ": kept as an annotation: " + p.getValue());
        }
        return header;
    }

    /** The parts of one set joined in order, or null unless every number 1..n is there. */
    private static String assemble(List<Annotation> annotations, List<Integer> set) {
        Map<Integer, String> byNumber = new TreeMap<>();
        int count = -1;
        for (int i : set) {
            Matcher m = HEADER_PART.matcher(annotations.get(i).text().substring(HEADER.length()));
            if (!m.matches()) return null;
            int k = Integer.parseInt(m.group(1));
            count = Integer.parseInt(m.group(2));
            byNumber.putIfAbsent(k, m.group(3));
        }
        if (count < 1 || byNumber.size() != count || !byNumber.containsKey(1) || !byNumber.containsKey(count)) {
            return null;
        }
        return String.join("", byNumber.values());
    }

    /** Whether annotation {@code i} is the first of its set with its part number. */
    private static boolean partNumberUsed(List<Annotation> annotations, List<Integer> set, int i) {
        String number = annotations.get(i).text().substring(HEADER.length()).split("/", 2)[0];
        for (int j : set) {
            if (annotations.get(j).text().substring(HEADER.length()).split("/", 2)[0].equals(number)) return j == i;
        }
        return false;
    }

    private record Header(ProtocolDefinition protocol, DoseTierTable tiers, Map<String, String> instruments) {}

    private static Header parseHeader(String json) throws RecordingFormatException {
        LocatedJson.Node root = LocatedJson.parse(null, json.getBytes(StandardCharsets.UTF_8), "session header");
        Map<String, LocatedJson.Node> m = root.object("session header",
                Set.of(VERSION_FIELD, "protocol", "doseTiers", "instruments"));
        LocatedJson.Node version = LocatedJson.require(m, VERSION_FIELD, root, "session header");
        if (version.integer(VERSION_FIELD) != VERSION) {
            throw version.error(VERSION_FIELD + " " + version.describe() + " is not supported (this Liminal reads "
                    + VERSION + ")");
        }
        ProtocolDefinition protocol = m.containsKey("protocol") ? SessionJson.readProtocol(m.get("protocol"))
                : ProtocolDefinition.DEFAULT;
        DoseTierTable tiers = m.containsKey("doseTiers") ? SessionJson.readTiers(m.get("doseTiers")) : DoseTierTable.DEFAULT;
        Map<String, String> instruments = m.containsKey("instruments")
                ? SessionJson.readInstruments(m.get("instruments")) : Map.of();
        return new Header(protocol, tiers, instruments);
    }

    private static SessionPhase parsePhase(Annotation a, ProtocolDefinition protocol) {
        String name = unescape(a.text().substring(PHASE.length()));
        double end = a.hasDuration() ? a.onsetSeconds() + a.durationSeconds() : Double.POSITIVE_INFINITY;
        if (!protocol.phaseNames().contains(name)) {
            Matcher explicit = PHASE_WITH_END.matcher(name);
            if (!explicit.matches() || !protocol.phaseNames().contains(explicit.group(1))) {
                throw new IllegalArgumentException("phase '" + name + "' is not in protocol " + protocol.name() + " "
                        + protocol.phaseNames());
            }
            name = explicit.group(1);
            end = explicit.group(2).equals(OPEN_END) ? Double.POSITIVE_INFINITY : number(explicit.group(2), "end");
        }
        double start = a.onsetSeconds();
        if (end < start && start - end <= PHASE_TOUCH_TOLERANCE_SECONDS) {
            end = start; // a zero-length phase whose onset was rounded up by the format
        }
        return new SessionPhase(name, start, end);
    }

    private static Dose parseDose(Annotation a, DoseTierTable tiers, List<String> warnings) {
        Matcher m = DOSE_TEXT.matcher(a.text());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected 'DOSE <mg/kg> mg/kg <route> <formulation> total=<mg> mg "
                    + "weight=<kg> kg infusion=<s> s [tier=<name>]'");
        }
        Dose d = new Dose(number(m.group(1), "mg/kg"), number(m.group(4), "total"), number(m.group(5), "weight"),
                Route.valueOf(m.group(2)), Formulation.valueOf(m.group(3)), number(m.group(6), "infusion"),
                a.onsetSeconds());
        String written = m.group(7) == null ? null : unescape(m.group(7));
        String derived = tiers.tierOf(d).map(DoseTier::name).orElse(null);
        if (written != null && !written.equals(derived)) {
            warnings.add(describe(a) + ": says tier " + written + " but the session's tier table gives "
                    + (derived == null ? "no tier" : derived) + "; the table wins");
        }
        return d;
    }

    private static ProbeResponse parseProbe(Annotation a) {
        Matcher answered = ANSWERED_PROBE.matcher(a.text());
        if (answered.matches()) {
            return new ProbeResponse(unescape(answered.group(1)), a.onsetSeconds(), number(answered.group(2), "rating"),
                    number(answered.group(3), "latency"));
        }
        Matcher unanswered = UNANSWERED_PROBE.matcher(a.text());
        if (unanswered.matches()) {
            return new ProbeResponse(unescape(unanswered.group(1)), a.onsetSeconds(), Double.NaN, Double.NaN);
        }
        throw new IllegalArgumentException("expected 'PROBE <prompt> rating=<0-100> latency=<s> s' or "
                + "'PROBE <prompt> unanswered'");
    }

    private static double number(String text, String what) {
        try {
            return DecimalText.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " " + e.getMessage(), e);
        }
    }

    private static String describe(Annotation a) {
        String t = a.text().length() > 80 ? a.text().substring(0, 80) + "..." : a.text();
        return "annotation '" + t + "' at " + a.onsetSeconds() + " s";
    }

    private static String num(double v) {
        return DecimalText.format(v);
    }

    // ------------------------------------------------------------------ free-text escapes

    /**
     * Control characters as {@code \}{@code uXXXX}, backslash doubled, a trailing blank as
     * {@code \}{@code u0020} (readers may trim it); everything else as is.
     */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean special = c < 0x20 || c == 0x7F || c == '\\' || (c == ' ' && i == s.length() - 1);
            if (special && b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (b != null) {
                if (c == '\\') b.append("\\\\");
                else if (special) b.append(String.format("\\u%04X", (int) c));
                else b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** The inverse of {@link #escape}; a backslash not followed by {@code \} or {@code uXXXX} is kept as is. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                b.append('\\');
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u' && isHex(s, i + 2, 4)) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) return false;
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }
}
