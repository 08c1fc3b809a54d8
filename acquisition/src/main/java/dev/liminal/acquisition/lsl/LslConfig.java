package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LSL network settings: scope, ports, session and known peers (LSL-PROTOCOL.md section 2).
 * Liminal defaults to {@link Scope#LOCAL}: discovery and serving on this machine only
 * (loopback, the 16571 responder and the per-outlet port sweep 16572..16603). LAN discovery
 * (multicast/broadcast) is used only when asked for: {@link #withScope}, or a config file whose
 * {@code [multicast] ResolveScope} is wider than {@code machine}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope              LOCAL (default) or LAN
 * @param multicastPort      UDP port of the shared responder ({@code MulticastPort}, 16571)
 * @param basePort           first port of the outlet port range ({@code BasePort}, 16572)
 * @param portRange          number of ports in the range ({@code PortRange}, 32)
 * @param allowRandomPorts   whether an outlet may fall back to an OS port when the range is full
 * @param sessionId          {@code [lab] SessionID} ("default")
 * @param knownPeers         {@code [lab] KnownPeers}: hosts swept over the port range
 * @param multicastAddresses addresses queried on {@code multicastPort} in LAN scope
 * @param ipv4Only           always true: this implementation speaks IPv4 only (§9)
 */
public record LslConfig(Scope scope, int multicastPort, int basePort, int portRange, boolean allowRandomPorts,
                        String sessionId, List<String> knownPeers, List<String> multicastAddresses,
                        boolean ipv4Only) {

    /** Where streams are discovered and served. */
    public enum Scope {
        /** This machine only: loopback addresses, no multicast or broadcast. */
        LOCAL,
        /** Also the LAN: multicast groups and broadcast as liblsl's site scope. */
        LAN
    }

    /** Environment variable naming an lsl_api.cfg-style file Liminal reads. */
    public static final String CONFIG_ENV = "LIMINAL_LSL_CONFIG";
    /** liblsl defaults (LSL-PROTOCOL.md section 2, {@code src/api_config.cpp}). */
    public static final int DEFAULT_MULTICAST_PORT = 16571;
    public static final int DEFAULT_BASE_PORT = 16572;
    public static final int DEFAULT_PORT_RANGE = 32;
    public static final String DEFAULT_SESSION_ID = "default";
    /** Machine scope list plus link and site lists (§2: scopes are cumulative). */
    public static final List<String> LAN_MULTICAST_ADDRESSES = List.of(
            "127.0.0.1", "255.255.255.255", "224.0.0.1", "224.0.0.183", "239.255.172.215");
    /** Largest config file read, in bytes. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    public LslConfig {
        Objects.requireNonNull(scope, "scope");
        checkPort("MulticastPort", multicastPort);
        checkPort("BasePort", basePort);
        if (portRange < 1 || basePort + portRange - 1 > 65535) {
            throw new IllegalArgumentException("PortRange " + portRange + " from BasePort " + basePort
                    + " leaves 1..65535");
        }
        Objects.requireNonNull(sessionId, "sessionId");
        if (sessionId.contains("'")) {
            throw new IllegalArgumentException("SessionID '" + sessionId + "' must not contain a quote");
        }
        knownPeers = List.copyOf(knownPeers);
        multicastAddresses = List.copyOf(multicastAddresses);
    }

    private static void checkPort(String key, int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException(key + " " + port + " is not a port 1..65535");
    }

    /** LOCAL scope, liblsl's ports, session "default", no known peers. */
    public static LslConfig defaults() {
        return new LslConfig(Scope.LOCAL, DEFAULT_MULTICAST_PORT, DEFAULT_BASE_PORT, DEFAULT_PORT_RANGE, true,
                DEFAULT_SESSION_ID, List.of(), LAN_MULTICAST_ADDRESSES, true);
    }

    /**
     * The configuration from the file named by {@value #CONFIG_ENV}, or {@link #defaults()} when
     * the variable is unset or empty.
     *
     * @throws IOException when the named file cannot be read or is malformed
     */
    public static LslConfig load() throws IOException {
        String file = System.getenv(CONFIG_ENV);
        if (file == null || file.isBlank()) return defaults();
        return fromFile(Path.of(file));
    }

    /** Reads an lsl_api.cfg-style file; see {@link #parse}. */
    public static LslConfig fromFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": config file of " + size + " bytes exceeds " + MAX_FILE_BYTES);
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the INI subset liblsl reads ({@code src/util/inireader.cpp}): {@code [section]},
     * {@code key = value}, {@code ;} comments; keys are case-sensitive; a duplicated key is an
     * error; sets are written in braces ({@code {a, b}}), and a value without braces is an empty
     * set, exactly as liblsl; booleans are true only for {@code 1}. Keys read: {@code
     * [ports] MulticastPort BasePort PortRange AllowRandomPorts}, {@code [multicast]
     * ResolveScope}, {@code [lab] SessionID KnownPeers}. Other keys are accepted and ignored.
     *
     * @param origin file name for messages
     * @throws IOException one line naming origin, line number and key
     */
    public static LslConfig parse(String text, String origin) throws IOException {
        Map<String, String> values = new HashMap<>();
        String section = "";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw new IOException(origin + ": line " + (i + 1) + ": section '" + line + "' lacks ']'");
                section = line.substring(1, line.length() - 1).trim();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) throw new IOException(origin + ": line " + (i + 1) + ": '" + line + "' is not key = value");
            String key = section + "." + line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (values.put(key, value) != null) {
                throw new IOException(origin + ": line " + (i + 1) + ": duplicate key " + key);
            }
        }
        LslConfig d = defaults();
        try {
            int mcPort = intValue(values, "ports.MulticastPort", d.multicastPort);
            int base = intValue(values, "ports.BasePort", d.basePort);
            int range = intValue(values, "ports.PortRange", d.portRange);
            boolean random = values.containsKey("ports.AllowRandomPorts")
                    ? values.get("ports.AllowRandomPorts").equals("1") : d.allowRandomPorts;
            String session = values.getOrDefault("lab.SessionID", d.sessionId);
            List<String> peers = values.containsKey("lab.KnownPeers") ? set(values.get("lab.KnownPeers")) : List.of();
            String resolveScope = values.getOrDefault("multicast.ResolveScope", "machine").toLowerCase(Locale.ROOT);
            Scope scope = switch (resolveScope) {
                case "machine" -> Scope.LOCAL;
                case "link", "site", "organization", "global" -> Scope.LAN;
                default -> throw new IllegalArgumentException("ResolveScope '" + resolveScope
                        + "' is not machine, link, site, organization or global");
            };
            return new LslConfig(scope, mcPort, base, range, random, session, peers, d.multicastAddresses, true);
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
    }

    private static int intValue(Map<String, String> values, String key, int fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not an integer");
        }
    }

    /** liblsl's set syntax: {@code {a, b}}; anything without braces is the empty set. */
    static List<String> set(String value) {
        List<String> out = new ArrayList<>();
        if (!(value.startsWith("{") && value.endsWith("}"))) return out;
        for (String part : value.substring(1, value.length() - 1).split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    /** A copy with another scope. */
    public LslConfig withScope(Scope newScope) {
        return new LslConfig(newScope, multicastPort, basePort, portRange, allowRandomPorts, sessionId, knownPeers,
                multicastAddresses, ipv4Only);
    }

    /** A copy with other known peers (hosts or IPs swept over the port range). */
    public LslConfig withKnownPeers(List<String> peers) {
        return new LslConfig(scope, multicastPort, basePort, portRange, allowRandomPorts, sessionId, peers,
                multicastAddresses, ipv4Only);
    }

    /** A copy with another session id. */
    public LslConfig withSessionId(String session) {
        return new LslConfig(scope, multicastPort, basePort, portRange, allowRandomPorts, session, knownPeers,
                multicastAddresses, ipv4Only);
    }

    /** A copy with another port range (tests use a private range to stay clear of other peers). */
    public LslConfig withPorts(int newMulticastPort, int newBasePort, int newPortRange) {
        return new LslConfig(scope, newMulticastPort, newBasePort, newPortRange, allowRandomPorts, sessionId,
                knownPeers, multicastAddresses, ipv4Only);
    }
}
