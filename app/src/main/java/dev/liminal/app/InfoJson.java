package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTier;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.Segment;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of {@code liminal info}: one object whose keys and their order are stable
 * (scripts rely on them; add keys, never rename or remove). Times are in seconds on the
 * recording's time axis, rates in Hz; a missing value (no start date, no duration, an open
 * phase end) is {@code null}, never NaN. Stateless; thread-safe.
 *
 * <pre>
 * { "file", "format": {"id", "variant", "name"}, "start", "durationSeconds",
 *   "channelCount", "channels": [{"index", "label", "type", "unit", "rateHz", "stream", "attributes"}],
 *   "streams": [{"index", "name", "type", "channelCount", "rateHz", "format", "sampleCount",
 *                "sourceId", "fileStreamId", "segments": [{"firstSample", "sampleCount", "startSeconds"}],
 *                "properties", "footer"}],
 *   "annotationCount", "markerCount", "annotations": [{"onsetSeconds", "durationSeconds", "text", "channel"}],
 *   "session": null | {"protocol", "phaseNames", "phases": [{"name", "startSeconds", "endSeconds"}],
 *              "doses": [{"mgPerKg", "totalMg", "bodyWeightKg", "route", "formulation",
 *                         "infusionDurationSeconds", "rateMgPerKgPerHour", "startSeconds", "tier"}],
 *              "probeCount", "answeredProbeCount", "eventReportCount", "eyeStateChangeCount", "instruments"},
 *   "properties": {...}, "warnings": [...] }
 * </pre>
 */
final class InfoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InfoJson() {}

    /** The whole description as pretty-printed JSON text (no trailing newline). */
    static String text(String file, RecordingInfo info) {
        try {
            return MAPPER.writeValueAsString(tree(file, info));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory could not be written", e);
        }
    }

    /**
     * The description as a JSON tree.
     *
     * @param file the file name as the user gave it
     */
    static ObjectNode tree(String file, RecordingInfo info) {
        RecordingSummary summary = RecordingSummary.of(info);
        ObjectNode root = NODES.objectNode();
        root.put("file", file);
        ObjectNode format = root.putObject("format");
        format.put("id", info.formatId());
        format.put("variant", info.formatVariant());
        format.put("name", RecordingFiles.displayName(info.formatId()));
        root.put("start", info.startTime() == null ? null : info.startTime().toString());
        root.set("durationSeconds", number(info.durationSeconds()));

        root.put("channelCount", summary.channelCount());
        ArrayNode channels = root.putArray("channels");
        int index = 0;
        for (RecordedStream s : info.streams()) {
            for (ChannelInfo c : s.info().channels()) {
                ObjectNode ch = channels.addObject();
                ch.put("index", index++);
                ch.put("label", c.label());
                ch.put("type", c.type().name());
                ch.put("unit", c.unit());
                ch.put("rateHz", s.info().nominalRateHz());
                ch.put("stream", s.index());
                ch.set("attributes", strings(c.attributes()));
            }
        }

        ArrayNode streams = root.putArray("streams");
        for (RecordedStream s : info.streams()) {
            ObjectNode st = streams.addObject();
            st.put("index", s.index());
            st.put("name", s.info().name());
            st.put("type", s.info().type());
            st.put("channelCount", s.info().channelCount());
            st.put("rateHz", s.info().nominalRateHz());
            st.put("format", s.info().format().lslName());
            st.put("sampleCount", s.sampleCount());
            st.put("sourceId", s.info().sourceId());
            st.put("fileStreamId", s.fileStreamId());
            ArrayNode segments = st.putArray("segments");
            for (Segment g : s.segments()) {
                ObjectNode seg = segments.addObject();
                seg.put("firstSample", g.firstSample());
                seg.put("sampleCount", g.sampleCount());
                seg.put("startSeconds", g.startSeconds());
            }
            st.set("properties", strings(s.info().properties()));
            st.set("footer", strings(s.footer()));
        }

        root.put("annotationCount", summary.annotationCount());
        root.put("markerCount", summary.markerCount());
        ArrayNode annotations = root.putArray("annotations");
        for (Annotation a : info.annotations()) {
            ObjectNode an = annotations.addObject();
            an.put("onsetSeconds", a.onsetSeconds());
            an.set("durationSeconds", number(a.durationSeconds()));
            an.put("text", a.text());
            an.put("channel", a.channel());
        }

        root.set("session", info.session().isEmpty() ? NODES.nullNode() : session(info.session()));
        root.set("properties", strings(info.properties()));
        ArrayNode warnings = root.putArray("warnings");
        info.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode session(SessionTimeline session) {
        ObjectNode s = NODES.objectNode();
        s.put("protocol", session.protocol().name());
        ArrayNode names = s.putArray("phaseNames");
        session.protocol().phaseNames().forEach(names::add);
        ArrayNode phases = s.putArray("phases");
        for (SessionPhase p : session.phases()) {
            ObjectNode ph = phases.addObject();
            ph.put("name", p.name());
            ph.put("startSeconds", p.startSeconds());
            ph.set("endSeconds", number(p.endSeconds()));
        }
        ArrayNode doses = s.putArray("doses");
        for (Dose d : session.doses()) {
            ObjectNode dn = doses.addObject();
            dn.put("mgPerKg", d.mgPerKg());
            dn.put("totalMg", d.totalMg());
            dn.put("bodyWeightKg", d.bodyWeightKg());
            dn.put("route", d.route().name());
            dn.put("formulation", d.formulation().name());
            dn.put("infusionDurationSeconds", d.infusionDurationSeconds());
            dn.set("rateMgPerKgPerHour", number(d.rateMgPerKgPerHour()));
            dn.put("startSeconds", d.startSeconds());
            dn.put("tier", session.tierOf(d).map(DoseTier::name).orElse(null));
        }
        s.put("probeCount", session.probes().size());
        s.put("answeredProbeCount", session.probes().stream().filter(p -> p.answered()).count());
        s.put("eventReportCount", session.events().size());
        s.put("eyeStateChangeCount", session.eyeStates().size());
        s.set("instruments", strings(session.instruments()));
        return s;
    }

    /** A finite number, or null for NaN and infinities (JSON has neither). */
    private static JsonNode number(double v) {
        return Double.isFinite(v) ? NODES.numberNode(v) : NODES.nullNode();
    }

    /** A string map as an object with sorted keys, so that output does not depend on hash order. */
    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode o = NODES.objectNode();
        new TreeMap<>(map).forEach(o::put);
        return o;
    }
}
