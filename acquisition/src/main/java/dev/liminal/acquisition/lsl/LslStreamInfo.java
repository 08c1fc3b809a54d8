package dev.liminal.acquisition.lsl;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An LSL stream description: the {@code <info>} document of LSL-PROTOCOL.md section 3. Writes
 * the shortinfo/fullinfo XML field for field as liblsl does (every field present, numbers in
 * the C locale with 16 significant digits), and parses untrusted XML through {@link SafeXml}
 * (no DOCTYPE, no entities) with limits on every size.
 *
 * <p>Immutable and thread-safe. {@link #descXml()} is the inner XML of {@code <desc>}.
 */
public final class LslStreamInfo {
    /** Largest channel count accepted (Liminal's bound; liblsl has none). */
    public static final int MAX_CHANNEL_COUNT = 65_536;
    /** Longest name, type, source_id, session_id or hostname accepted, in characters. */
    public static final int MAX_TEXT_CHARS = 1_024;
    /** Largest whole info document accepted (fullinfo incl. desc), in characters. */
    public static final int MAX_XML_CHARS = 4 * 1024 * 1024;
    /** Highest sampling rate accepted, in Hz. */
    public static final double MAX_SRATE_HZ = 1e7;
    /** Protocol version this implementation writes: 1.10 (liblsl's 110, LSL-PROTOCOL.md section 3). */
    public static final int PROTOCOL_VERSION = 110;

    private final String name;
    private final String type;
    private final int channelCount;
    private final double nominalSrateHz;
    private final ChannelFormat channelFormat;
    private final String sourceId;
    private final int version;
    private final double createdAtSeconds;
    private final String uid;
    private final String sessionId;
    private final String hostname;
    private final String v4Address;
    private final int v4DataPort;
    private final int v4ServicePort;
    private final String v6Address;
    private final int v6DataPort;
    private final int v6ServicePort;
    private final String descXml;

    private LslStreamInfo(String name, String type, int channelCount, double nominalSrateHz,
                          ChannelFormat channelFormat, String sourceId, int version, double createdAtSeconds,
                          String uid, String sessionId, String hostname, String v4Address, int v4DataPort,
                          int v4ServicePort, String v6Address, int v6DataPort, int v6ServicePort, String descXml) {
        this.name = name;
        this.type = type;
        this.channelCount = channelCount;
        this.nominalSrateHz = nominalSrateHz;
        this.channelFormat = channelFormat;
        this.sourceId = sourceId;
        this.version = version;
        this.createdAtSeconds = createdAtSeconds;
        this.uid = uid;
        this.sessionId = sessionId;
        this.hostname = hostname;
        this.v4Address = v4Address;
        this.v4DataPort = v4DataPort;
        this.v4ServicePort = v4ServicePort;
        this.v6Address = v6Address;
        this.v6DataPort = v6DataPort;
        this.v6ServicePort = v6ServicePort;
        this.descXml = descXml;
    }

    /**
     * A description for a new outlet. uid, created_at, session_id, hostname and ports are filled
     * in when the outlet opens.
     *
     * @param name            non-empty stream name
     * @param type            content type ({@code EEG}, {@code Markers}), may be empty
     * @param channelCount    1..{@link #MAX_CHANNEL_COUNT}
     * @param nominalSrateHz  nominal rate in Hz, 0 for irregular streams
     * @param format          value type of every channel
     * @param sourceId        unique id of the source, may be empty (then no recovery)
     * @throws IllegalArgumentException quoting the bad value
     */
    public static LslStreamInfo create(String name, String type, int channelCount, double nominalSrateHz,
                                       ChannelFormat format, String sourceId) {
        Objects.requireNonNull(format, "format");
        String where = "stream '" + name + "'";
        try {
            checkText(where, "name", name, true);
            checkText(where, "type", type, false);
            checkText(where, "source_id", sourceId, false);
            checkChannelCount(where, channelCount);
            checkSrate(where, nominalSrateHz);
        } catch (LslProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new LslStreamInfo(name, type, channelCount, nominalSrateHz, format, sourceId, PROTOCOL_VERSION,
                0.0, "", "default", "", "", 0, 0, "", 0, 0, "");
    }

    /**
     * A copy whose {@code <desc>} holds the given inner XML (checked to be well formed).
     *
     * @throws IllegalArgumentException when the XML is malformed, hostile or too large
     */
    public LslStreamInfo withDescXml(String innerXml) {
        Objects.requireNonNull(innerXml, "innerXml");
        if (innerXml.length() > MAX_XML_CHARS / 2) {
            throw new IllegalArgumentException("stream '" + name + "': desc of " + innerXml.length()
                    + " characters exceeds the limit " + MAX_XML_CHARS / 2);
        }
        try {
            SafeXml.parse("<desc>" + innerXml + "</desc>", Path.of("desc"), 0);
        } catch (RecordingFormatException e) {
            throw new IllegalArgumentException("stream '" + name + "': desc is not well-formed XML: " + e.getMessage(), e);
        }
        return new LslStreamInfo(name, type, channelCount, nominalSrateHz, channelFormat, sourceId, version,
                createdAtSeconds, uid, sessionId, hostname, v4Address, v4DataPort, v4ServicePort, v6Address,
                v6DataPort, v6ServicePort, innerXml);
    }

    /**
     * A copy whose desc lists the channels the usual LSL way:
     * {@code <channels><channel><label/><unit/><type/></channel>…</channels>}.
     *
     * @param labels one label per channel
     * @param unit   unit of every channel, e.g. {@code microvolts}
     * @param type   type of every channel, e.g. {@code EEG}
     */
    public LslStreamInfo withChannelLabels(List<String> labels, String unit, String type) {
        if (labels.size() != channelCount) {
            throw new IllegalArgumentException("stream '" + name + "': " + labels.size()
                    + " channel labels for " + channelCount + " channels");
        }
        StringBuilder sb = new StringBuilder("<channels>");
        for (String label : labels) {
            sb.append("<channel><label>").append(SafeXml.escape(label)).append("</label><unit>")
                    .append(SafeXml.escape(unit)).append("</unit><type>").append(SafeXml.escape(type))
                    .append("</type></channel>");
        }
        return withDescXml(sb.append("</channels>").toString());
    }

    /** A copy with the fields an outlet sets when it opens (LSL-PROTOCOL.md section 3). */
    LslStreamInfo forOutlet(String newUid, double createdAt, String session, String host,
                            int dataPort, int servicePort) {
        return new LslStreamInfo(name, type, channelCount, nominalSrateHz, channelFormat, sourceId,
                PROTOCOL_VERSION, createdAt, newUid, session, host, "", dataPort, servicePort, "", 0, 0, descXml);
    }

    /** A copy with the IPv4 address a resolver saw a reply come from. */
    LslStreamInfo withV4Address(String address) {
        return new LslStreamInfo(name, type, channelCount, nominalSrateHz, channelFormat, sourceId, version,
                createdAtSeconds, uid, sessionId, hostname, address, v4DataPort, v4ServicePort, v6Address,
                v6DataPort, v6ServicePort, descXml);
    }

    /** A fresh random uid as liblsl makes them: UUID v4, lower case. */
    static String newUid() {
        return UUID.randomUUID().toString();
    }

    /** This machine's host name, as {@code gethostname} gives it; never throws. */
    static String localHostname() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String h = Files.readString(etc).trim();
                if (!h.isEmpty() && h.length() <= MAX_TEXT_CHARS) return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.trim();
    }

    public String name() { return name; }
    public String type() { return type; }
    /** Number of channels, 1..{@link #MAX_CHANNEL_COUNT}. */
    public int channelCount() { return channelCount; }
    /** Nominal sampling rate in Hz; 0 for irregular streams. */
    public double nominalSrateHz() { return nominalSrateHz; }
    public ChannelFormat channelFormat() { return channelFormat; }
    public String sourceId() { return sourceId; }
    /** Protocol version × 100 (110 for 1.10). */
    public int version() { return version; }
    /** Outlet clock when the outlet was created, in seconds (the outlet's LSL clock). */
    public double createdAtSeconds() { return createdAtSeconds; }
    public String uid() { return uid; }
    public String sessionId() { return sessionId; }
    public String hostname() { return hostname; }
    /** IPv4 address the stream was resolved at; empty on the outlet side. */
    public String v4Address() { return v4Address; }
    public int v4DataPort() { return v4DataPort; }
    public int v4ServicePort() { return v4ServicePort; }
    public String v6Address() { return v6Address; }
    public int v6DataPort() { return v6DataPort; }
    public int v6ServicePort() { return v6ServicePort; }
    /** Inner XML of {@code <desc>}; empty in a shortinfo. */
    public String descXml() { return descXml; }

    /** Whether an inlet can reach this stream over IPv4 (address and both ports set, §3). */
    public boolean isReachableOverIpv4() {
        return !v4Address.isEmpty() && v4DataPort != 0 && v4ServicePort != 0;
    }

    /** Channel labels from {@code desc/channels/channel/label}; empty if the desc has none. */
    public List<String> channelLabels() {
        List<String> out = new ArrayList<>();
        if (descXml.isEmpty()) return out;
        try {
            Document doc = SafeXml.parse("<desc>" + descXml + "</desc>", Path.of("desc"), 0);
            Element channels = SafeXml.child(doc.getDocumentElement(), "channels");
            for (Element ch : SafeXml.children(channels)) {
                if (ch.getNodeName().equals("channel")) out.add(SafeXml.childText(ch, "label"));
            }
        } catch (RecordingFormatException e) {
            // desc was checked on construction or parse; a failure here leaves no labels
            return List.of();
        }
        return out;
    }

    /** The shortinfo document: every field, empty {@code <desc />} (§3). */
    public String toShortInfoXml() {
        return toXml(false);
    }

    /** The fullinfo document: every field and the whole desc (§3). */
    public String toFullInfoXml() {
        return toXml(true);
    }

    private String toXml(boolean full) {
        StringBuilder sb = new StringBuilder(512 + (full ? descXml.length() : 0));
        sb.append("<?xml version=\"1.0\"?>\n<info>\n");
        element(sb, "name", name);
        element(sb, "type", type);
        element(sb, "channel_count", Integer.toString(channelCount));
        element(sb, "channel_format", channelFormat.wireName());
        element(sb, "source_id", sourceId);
        element(sb, "nominal_srate", formatDouble(nominalSrateHz));
        element(sb, "version", formatDouble(version / 100.0));
        element(sb, "created_at", formatDouble(createdAtSeconds));
        element(sb, "uid", uid);
        element(sb, "session_id", sessionId);
        element(sb, "hostname", hostname);
        element(sb, "v4address", v4Address);
        element(sb, "v4data_port", Integer.toString(v4DataPort));
        element(sb, "v4service_port", Integer.toString(v4ServicePort));
        element(sb, "v6address", v6Address);
        element(sb, "v6data_port", Integer.toString(v6DataPort));
        element(sb, "v6service_port", Integer.toString(v6ServicePort));
        if (full && !descXml.isEmpty()) {
            sb.append("\t<desc>").append(descXml).append("</desc>\n");
        } else {
            sb.append("\t<desc />\n");
        }
        return sb.append("</info>\n").toString();
    }

    private static void element(StringBuilder sb, String tag, String text) {
        sb.append('\t').append('<').append(tag);
        if (text.isEmpty()) {
            sb.append(" />\n");
        } else {
            sb.append('>').append(escapeText(text)).append("</").append(tag).append(">\n");
        }
    }

    /** pugixml escapes {@code & < >} in text (LSL-PROTOCOL.md section 3). */
    private static String escapeText(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /**
     * A double as liblsl writes it: classic locale, 16 significant digits, forced decimal point
     * ({@code 1000.000000000000}, {@code 1.100000000000000}); C's {@code %#.16g}.
     */
    static String formatDouble(double v) {
        return String.format(Locale.ROOT, "%.16g", v);
    }

    /**
     * Parses an info document from an untrusted peer.
     *
     * @param xml    the document text
     * @param origin where it came from, for messages (e.g. {@code "127.0.0.1:16572"})
     * @throws LslProtocolException one line naming the stream (or origin) and the bad field
     */
    public static LslStreamInfo parse(String xml, String origin) throws LslProtocolException {
        if (xml.length() > MAX_XML_CHARS) {
            throw new LslProtocolException("stream info from " + origin + ": document of " + xml.length()
                    + " characters exceeds the limit " + MAX_XML_CHARS);
        }
        Document doc;
        try {
            doc = SafeXml.parse(xml, Path.of("lsl-info"), 0);
        } catch (RecordingFormatException e) {
            throw new LslProtocolException("stream info from " + origin + " rejected: "
                    + e.getMessage().replace("lsl-info: ", ""), e);
        }
        Element info = doc.getDocumentElement();
        if (!info.getNodeName().equals("info")) {
            throw new LslProtocolException("stream info from " + origin + ": root element is <"
                    + info.getNodeName() + ">, expected <info>");
        }
        String name = SafeXml.childText(info, "name");
        String where = "stream '" + truncate(name) + "' from " + origin;
        checkText(where, "name", name, true);
        String type = text(info, "type", where);
        int channelCount = parseInt(info, "channel_count", where);
        checkChannelCount(where, channelCount);
        String formatText = SafeXml.childText(info, "channel_format");
        ChannelFormat format;
        try {
            format = ChannelFormat.fromWireName(formatText);
        } catch (IllegalArgumentException e) {
            throw new LslProtocolException(where + ": " + e.getMessage());
        }
        String sourceId = text(info, "source_id", where);
        double srate = parseDouble(info, "nominal_srate", where);
        checkSrate(where, srate);
        double versionValue = parseDouble(info, "version", where);
        int version = (int) (versionValue * 100.0 + 0.5);
        if (version <= 0 || version >= 1000) {
            throw new LslProtocolException(where + ": version '" + SafeXml.childText(info, "version")
                    + "' is not a protocol version like 1.10");
        }
        double createdAt = parseDouble(info, "created_at", where);
        String uid = text(info, "uid", where);
        if (uid.isEmpty()) throw new LslProtocolException(where + ": uid is empty");
        String session = text(info, "session_id", where);
        String host = text(info, "hostname", where);
        String v4 = text(info, "v4address", where);
        int v4Data = parsePort(info, "v4data_port", where);
        int v4Service = parsePort(info, "v4service_port", where);
        String v6 = text(info, "v6address", where);
        int v6Data = parsePort(info, "v6data_port", where);
        int v6Service = parsePort(info, "v6service_port", where);
        Element desc = SafeXml.child(info, "desc");
        StringBuilder descXml = new StringBuilder();
        if (desc != null) {
            for (org.w3c.dom.Node n = desc.getFirstChild(); n != null; n = n.getNextSibling()) {
                descXml.append(SafeXml.serialize(n));
            }
        }
        String descText = descXml.toString().strip();
        return new LslStreamInfo(name, type, channelCount, srate, format, sourceId, version, createdAt, uid,
                session, host, v4, v4Data, v4Service, v6, v6Data, v6Service, descText);
    }

    private static String text(Element info, String field, String where) throws LslProtocolException {
        String t = SafeXml.childText(info, field);
        checkText(where, field, t, false);
        return t;
    }

    private static int parseInt(Element info, String field, String where) throws LslProtocolException {
        String t = SafeXml.childText(info, field);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new LslProtocolException(where + ": " + field + " '" + truncate(t) + "' is not an integer");
        }
    }

    private static int parsePort(Element info, String field, String where) throws LslProtocolException {
        int p = parseInt(info, field, where);
        if (p < 0 || p > 65535) throw new LslProtocolException(where + ": " + field + " " + p + " is not a port number");
        return p;
    }

    private static double parseDouble(Element info, String field, String where) throws LslProtocolException {
        String t = SafeXml.childText(info, field);
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new LslProtocolException(where + ": " + field + " '" + truncate(t) + "' is not a finite number");
        }
    }

    private static void checkText(String where, String field, String value, boolean required) throws LslProtocolException {
        if (value == null) throw new LslProtocolException(where + ": " + field + " is missing");
        if (required && value.isEmpty()) throw new LslProtocolException(where + ": " + field + " is empty");
        if (value.length() > MAX_TEXT_CHARS) {
            throw new LslProtocolException(where + ": " + field + " of " + value.length()
                    + " characters exceeds the limit " + MAX_TEXT_CHARS);
        }
    }

    private static void checkChannelCount(String where, int channelCount) throws LslProtocolException {
        if (channelCount < 1 || channelCount > MAX_CHANNEL_COUNT) {
            throw new LslProtocolException(where + ": channel_count " + channelCount + " is outside 1.."
                    + MAX_CHANNEL_COUNT);
        }
    }

    private static void checkSrate(String where, double srate) throws LslProtocolException {
        if (!(srate >= 0 && srate <= MAX_SRATE_HZ)) {
            throw new LslProtocolException(where + ": nominal_srate " + srate + " Hz is outside 0.." + MAX_SRATE_HZ);
        }
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 64 ? oneLine : oneLine.substring(0, 64) + "…";
    }

    @Override
    public String toString() {
        return "LslStreamInfo[name=" + name + ", type=" + type + ", channels=" + channelCount + ", srate="
                + nominalSrateHz + " Hz, format=" + channelFormat.wireName() + ", source_id=" + sourceId
                + ", uid=" + uid + ", at=" + v4Address + ":" + v4DataPort + "/" + v4ServicePort + "]";
    }
}
