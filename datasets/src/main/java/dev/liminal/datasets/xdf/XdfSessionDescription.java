package dev.liminal.datasets.xdf;

import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.session.SessionJson;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The session as XDF stores it natively: the session JSON ({@link SessionJson}) as the text of
 * a {@code <liminal_session>} element in the marker stream header's {@code <desc>}, e.g.
 * {@code <desc><channels>...</channels><liminal_session>{"schema" : ...}</liminal_session></desc>}.
 * Other XDF readers keep it as stream meta-data; Liminal reads it back as
 * {@link dev.liminal.datasets.RecordingInfo#session()}. Stateless; thread-safe.
 */
final class XdfSessionDescription {
    /** The desc element holding the session JSON. */
    static final String ELEMENT = "liminal_session";
    /** Names the JSON inside the desc in error messages. */
    private static final Path WHERE = Path.of("desc", ELEMENT);

    private XdfSessionDescription() {}

    /** The desc content (one element) holding {@code session}. */
    static String descXml(SessionTimeline session) {
        return "<" + ELEMENT + ">" + xmlText(SessionJson.toJson(session)) + "</" + ELEMENT + ">";
    }

    /**
     * JSON as XML text: {@code & < >} as entities, and characters XML 1.0 cannot hold at all
     * (lone surrogates, U+FFFE, U+FFFF; JSON already escapes control characters) as JSON
     * {@code \}{@code uXXXX} escapes, which are only possible inside JSON strings and so
     * leave the JSON meaning unchanged.
     */
    static String xmlText(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (pairedSurrogate) {
                sb.append(c).append(json.charAt(++i));
            } else if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF || (c < 0x20 && c != '\n' && c != '\t')) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The session of the first stream whose desc holds one, or {@link SessionTimeline#EMPTY}.
     * A description that is not valid session JSON, and any further one, is a warning: the
     * samples stay readable.
     *
     * @param warnings Modified: receives one line per problem
     */
    static SessionTimeline find(List<RecordedStream> streams, List<String> warnings) {
        SessionTimeline found = null;
        for (RecordedStream s : streams) {
            String desc = s.info().property(XdfFormat.DESC_XML);
            if (!desc.contains(ELEMENT)) continue;
            String name = "stream " + s.fileStreamId() + " '" + s.info().name() + "'";
            try {
                Element root = SafeXml.parse(desc, null, RecordingFormatException.NO_OFFSET).getDocumentElement();
                Element e = SafeXml.child(root, ELEMENT);
                if (e == null) continue;
                if (found != null) {
                    warnings.add(name + ": a second session description, ignored");
                    continue;
                }
                found = SessionJson.parse(e.getTextContent().getBytes(StandardCharsets.UTF_8), WHERE);
            } catch (RecordingFormatException e) {
                warnings.add(name + ": session description ignored: " + e.getMessage());
            }
        }
        return found == null ? SessionTimeline.EMPTY : found;
    }
}
