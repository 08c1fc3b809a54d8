package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds LSL streams (LSL-PROTOCOL.md section 4): sends {@code LSL:shortinfo} queries and collects
 * the replies, de-duplicated by uid, each with the address its reply came from. In
 * {@link LslConfig.Scope#LOCAL} queries go to the loopback address only: the shared responder
 * port and every port of the outlet range (the sweep finds every local outlet, liblsl's or
 * Liminal's), plus the same sweep on each known peer. In {@link LslConfig.Scope#LAN} they also
 * go to the configured multicast and broadcast addresses.
 *
 * <p>Stateless and thread-safe; each call uses its own socket. Waves are repeated every
 * {@value #WAVE_INTERVAL_MS} ms until enough streams answered or the timeout passed.
 */
public final class LslResolver {
    private static final System.Logger LOG = System.getLogger(LslResolver.class.getName());
    /** Interval between query waves (liblsl MulticastMinRTT, 0.5 s). */
    static final int WAVE_INTERVAL_MS = 500;
    /** After the minimum is reached, how long further replies are collected. */
    static final int GRACE_MS = 20;
    /** Properties liblsl's resolve_byprop accepts as plain element names. */
    private static final Set<String> PROPERTIES = Set.of("name", "type", "source_id", "channel_count",
            "channel_format", "nominal_srate", "hostname", "session_id", "uid");

    private LslResolver() {}

    /** {@link #resolve(String, int, Duration, LslConfig)} with {@link LslConfig#load()}. */
    public static List<LslStreamInfo> resolve(String predicate, int minimum, Duration timeout) throws IOException {
        return resolve(predicate, minimum, timeout, LslConfig.load());
    }

    /**
     * Resolves streams of this session matching an XPath 1.0 predicate on {@code <info>}, e.g.
     * {@code name='X'}, {@code type='EEG' and name='Y'}, {@code starts-with(name,'Sim')}. The
     * query sent is {@code session_id='S' and (predicate)} as liblsl builds it.
     *
     * @param predicate XPath predicate, or "" for every stream of the session
     * @param minimum   return as soon as this many distinct streams answered; ≤ 0 waits the
     *                  whole timeout
     * @param timeout   longest wait
     * @return streams in order of first reply, each with {@code v4Address} set
     * @throws IOException when no UDP socket can be opened
     */
    public static List<LslStreamInfo> resolve(String predicate, int minimum, Duration timeout, LslConfig config)
            throws IOException {
        String session = "session_id=" + QueryMatcher.literal(config.sessionId());
        String query = predicate == null || predicate.isBlank() ? session : session + " and (" + predicate.trim() + ")";
        return resolveQuery(query, minimum, timeout, config);
    }

    /** {@link #resolveByProperty(String, String, int, Duration, LslConfig)} with {@link LslConfig#load()}. */
    public static List<LslStreamInfo> resolveByProperty(String property, String value, int minimum, Duration timeout)
            throws IOException {
        return resolveByProperty(property, value, minimum, timeout, LslConfig.load());
    }

    /**
     * Resolves streams whose info element {@code property} (name, type, source_id, …) equals
     * {@code value} as text.
     */
    public static List<LslStreamInfo> resolveByProperty(String property, String value, int minimum,
                                                        Duration timeout, LslConfig config) throws IOException {
        if (!PROPERTIES.contains(property)) {
            throw new IllegalArgumentException("property '" + property + "' is not one of " + PROPERTIES);
        }
        return resolve(property + "=" + QueryMatcher.literal(value), minimum, timeout, config);
    }

    /** The recovery query of liblsl's inlet_connection (§4.1): no session term. */
    static String recoveryQuery(LslStreamInfo info) {
        StringBuilder q = new StringBuilder("channel_count='").append(info.channelCount()).append('\'');
        if (!info.name().isEmpty()) q.append(" and name=").append(QueryMatcher.literal(info.name()));
        if (!info.type().isEmpty()) q.append(" and type=").append(QueryMatcher.literal(info.type()));
        if (!info.sourceId().isEmpty()) q.append(" and source_id=").append(QueryMatcher.literal(info.sourceId()));
        q.append(" and channel_format='").append(info.channelFormat().wireName()).append('\'');
        return q.toString();
    }

    /** Sends {@code query} verbatim (no session term added). */
    static List<LslStreamInfo> resolveQuery(String query, int minimum, Duration timeout, LslConfig config)
            throws IOException {
        if (query.length() > QueryMatcher.MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("query of " + query.length() + " characters exceeds "
                    + QueryMatcher.MAX_QUERY_CHARS);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InetSocketAddress> targets = targets(config);
        boolean lan = config.scope() == LslConfig.Scope.LAN;
        Map<String, LslStreamInfo> found = new LinkedHashMap<>();
        Set<String> reportedBad = new HashSet<>();
        boolean loopbackOnly = !lan && targets.stream().allMatch(t -> t.getAddress().isLoopbackAddress());
        InetAddress bind = loopbackOnly ? InetAddress.getLoopbackAddress() : null;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            if (lan) socket.setBroadcast(true);
            String id = Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
            byte[] request = ("LSL:shortinfo\r\n" + query + "\r\n" + socket.getLocalPort() + " " + id + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] buf = new byte[65_536];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            long nextWave = System.nanoTime();
            long satisfiedAt = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (now - deadline >= 0) break;
                if (minimum > 0 && found.size() >= minimum) {
                    if (satisfiedAt == Long.MAX_VALUE) satisfiedAt = now;
                    if (now - satisfiedAt >= GRACE_MS * 1_000_000L) break;
                }
                if (now - nextWave >= 0) {
                    for (InetSocketAddress target : targets) {
                        try {
                            socket.send(new DatagramPacket(request, request.length, target));
                        } catch (IOException e) {
                            LOG.log(System.Logger.Level.DEBUG, "query to {0} failed: {1}", target, e.getMessage());
                        }
                    }
                    nextWave = now + WAVE_INTERVAL_MS * 1_000_000L;
                }
                long wait = Math.min(deadline, Math.min(nextWave, satisfiedAt == Long.MAX_VALUE ? Long.MAX_VALUE
                        : satisfiedAt + GRACE_MS * 1_000_000L)) - now;
                socket.setSoTimeout((int) Math.max(1, Math.min(WAVE_INTERVAL_MS, wait / 1_000_000)));
                try {
                    reply.setLength(buf.length);
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                accept(reply, id, found, reportedBad);
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void accept(DatagramPacket reply, String id, Map<String, LslStreamInfo> found, Set<String> reportedBad) {
        String text = new String(reply.getData(), reply.getOffset(), reply.getLength(), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        if (nl < 0) return;
        String first = text.substring(0, nl).trim();
        if (!first.equals(id)) return;
        String origin = reply.getAddress().getHostAddress() + ":" + reply.getPort();
        try {
            LslStreamInfo info = LslStreamInfo.parse(text.substring(nl + 1), origin);
            found.putIfAbsent(info.uid(), info.withV4Address(reply.getAddress().getHostAddress()));
        } catch (LslProtocolException e) {
            if (reportedBad.add(origin)) LOG.log(System.Logger.Level.WARNING, "ignoring a stream: {0}", e.getMessage());
        }
    }

    /** Where queries go; loopback and known peers always, multicast groups only in LAN scope. */
    static List<InetSocketAddress> targets(LslConfig config) {
        List<InetSocketAddress> out = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        out.add(new InetSocketAddress(loopback, config.multicastPort()));
        for (int p = config.basePort(); p < config.basePort() + config.portRange(); p++) {
            out.add(new InetSocketAddress(loopback, p));
        }
        for (String peer : config.knownPeers()) {
            try {
                InetAddress address = InetAddress.getByName(peer);
                if (address.isLoopbackAddress()) continue;
                for (int p = config.basePort(); p < config.basePort() + config.portRange(); p++) {
                    out.add(new InetSocketAddress(address, p));
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "known peer ''{0}'' does not resolve: {1}", peer, e.getMessage());
            }
        }
        if (config.scope() == LslConfig.Scope.LAN) {
            for (String a : config.multicastAddresses()) {
                try {
                    InetAddress address = InetAddress.getByName(a);
                    if (!address.isLoopbackAddress()) out.add(new InetSocketAddress(address, config.multicastPort()));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "multicast address ''{0}'' is invalid: {1}", a, e.getMessage());
                }
            }
        }
        return out;
    }
}
