package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LSL outlet: serves one stream to any number of LSL inlets (Liminal's or liblsl's) as
 * liblsl 1.17 does (LSL-PROTOCOL.md sections 4, 5, 6, 7, 10): a TCP data server (protocol 1.10
 * with the 1.00 archive as fallback), a UDP service socket (discovery queries and the timedata
 * exchange) on the first free port of the port range, and the shared responder on the
 * multicast port (SO_REUSEADDR). In {@link LslConfig.Scope#LOCAL} the data and service sockets
 * are bound to the loopback address and the shared responder (bound to the wildcard address, as
 * liblsl's, so it does not shadow liblsl outlets) answers loopback senders only; multicast groups
 * are joined only in {@link LslConfig.Scope#LAN}.
 *
 * <p>Pushed samples are written once, little-endian with an explicit timestamp (tag 2), into a
 * preallocated ring shared by all connections; each connection has its own cursor and a writer
 * thread. A connection that falls more than its buffer behind loses the oldest samples (liblsl's
 * drop-oldest). Only samples pushed after a connection's handshake reach it (no history). Pushes
 * never block and allocate nothing for numeric formats.
 *
 * <p>Thread-safe: push methods may be called from any thread (they serialize on one lock).
 * Arrays passed to push methods are read during the call only (not modified, not retained).
 */
public final class LslOutlet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LslOutlet.class.getName());
    /** liblsl's default outlet buffer (max_buffered = 360 s). */
    public static final double DEFAULT_MAX_BUFFERED_SECONDS = 360;
    /** Samples per second assumed for irregular streams when sizing buffers (liblsl: × 100). */
    static final int IRREGULAR_SAMPLES_PER_SECOND = 100;
    /** Longest string value pushed, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
    /** Listen backlog of the data server (liblsl tcp_server.cpp). */
    static final int LISTEN_BACKLOG = 10;
    /** Poll period of server loops that check for close. */
    static final int POLL_MS = 200;
    /** Most concurrent TCP sessions served. */
    static final int MAX_SESSIONS = 64;
    /** liblsl's LSL_DEDUCED_TIMESTAMP (include/lsl/common.h). */
    public static final double DEDUCED_TIMESTAMP = -1.0;

    private final LslStreamInfo info;
    private final LslConfig config;
    private final OutletRing ring;
    private final ServerSocket server;
    private final DatagramSocket service;
    private final DatagramSocket responder;
    private final QueryMatcher matcher;
    private final byte[] shortInfo;
    private final byte[] fullInfo;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger consumers = new AtomicInteger();
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    private LslOutlet(LslStreamInfo template, LslConfig config) throws IOException {
        this.config = config;
        double rate = template.nominalSrateHz() > 0 ? template.nominalSrateHz() : IRREGULAR_SAMPLES_PER_SECOND;
        this.ring = new OutletRing(template, (long) Math.ceil(rate * DEFAULT_MAX_BUFFERED_SECONDS));
        InetAddress bindAddress = config.scope() == LslConfig.Scope.LOCAL ? InetAddress.getLoopbackAddress() : null;
        ServerSocket tcp = null;
        DatagramSocket udp = null;
        try {
            tcp = bindServer(bindAddress);
            udp = bindService(bindAddress);
        } catch (IOException e) {
            if (tcp != null) tcp.close();
            throw e;
        }
        this.server = tcp;
        this.service = udp;
        this.info = template.forOutlet(LslStreamInfo.newUid(), LslClock.nowSeconds(), config.sessionId(),
                LslStreamInfo.localHostname(), tcp.getLocalPort(), udp.getLocalPort());
        this.matcher = new QueryMatcher(info);
        this.shortInfo = info.toShortInfoXml().getBytes(StandardCharsets.UTF_8);
        this.fullInfo = info.toFullInfoXml().getBytes(StandardCharsets.UTF_8);
        this.responder = openResponder();
    }

    /** Opens an outlet with {@link LslConfig#load()}'s configuration. */
    public static LslOutlet open(LslStreamInfo info) throws IOException {
        return open(info, LslConfig.load());
    }

    /**
     * Opens an outlet: binds its sockets and starts serving at once.
     *
     * @param info   the stream; uid, created_at, session_id, hostname and ports are set here
     * @param config scope, ports and session
     * @throws IOException when no TCP or UDP port can be bound
     */
    public static LslOutlet open(LslStreamInfo info, LslConfig config) throws IOException {
        LslOutlet outlet = new LslOutlet(info, config);
        outlet.start();
        return outlet;
    }

    private void start() {
        String tag = info.name();
        startThread("liminal-lsl-accept-" + tag, this::acceptLoop);
        startThread("liminal-lsl-service-" + tag, () -> udpLoop(service, true));
        if (responder != null) startThread("liminal-lsl-responder-" + tag, () -> udpLoop(responder, false));
    }

    private void startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private ServerSocket bindServer(InetAddress bindAddress) throws IOException {
        for (int p = config.basePort(); p < config.basePort() + config.portRange(); p++) {
            ServerSocket s = new ServerSocket();
            try {
                s.bind(new InetSocketAddress(bindAddress, p), LISTEN_BACKLOG);
                return s;
            } catch (BindException e) {
                s.close();
            }
        }
        if (!config.allowRandomPorts()) {
            throw new BindException("no free TCP port in " + config.basePort() + ".." + (config.basePort() + config.portRange() - 1));
        }
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(bindAddress, 0), LISTEN_BACKLOG);
        return s;
    }

    private DatagramSocket bindService(InetAddress bindAddress) throws IOException {
        for (int p = config.basePort(); p < config.basePort() + config.portRange(); p++) {
            try {
                return new DatagramSocket(new InetSocketAddress(bindAddress, p));
            } catch (BindException e) {
                // taken: try the next port as liblsl does
            }
        }
        if (!config.allowRandomPorts()) {
            throw new BindException("no free UDP port in " + config.basePort() + ".." + (config.basePort() + config.portRange() - 1));
        }
        return new DatagramSocket(new InetSocketAddress(bindAddress, 0));
    }

    /** The shared responder on the multicast port; null (with a warning) when it cannot bind. */
    private DatagramSocket openResponder() {
        try {
            if (config.scope() == LslConfig.Scope.LOCAL) {
                // wildcard like liblsl's responders: a loopback-only bind would be the more
                // specific match and take every unicast query to 127.0.0.1 away from liblsl
                // outlets on this machine; datagrams from other hosts are ignored in answer()
                DatagramSocket s = new DatagramSocket(null);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(config.multicastPort()));
                return s;
            }
            MulticastSocket s = new MulticastSocket(null);
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(config.multicastPort()));
            for (String address : config.multicastAddresses()) {
                InetAddress group = InetAddress.getByName(address);
                if (!group.isMulticastAddress()) continue;
                Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
                while (ifs != null && ifs.hasMoreElements()) {
                    NetworkInterface nif = ifs.nextElement();
                    if (!nif.isUp() || !nif.supportsMulticast()) continue;
                    try {
                        s.joinGroup(new InetSocketAddress(group, config.multicastPort()), nif);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "outlet {0}: cannot join {1} on {2}: {3}",
                                info.name(), address, nif.getName(), e.getMessage());
                    }
                }
            }
            return s;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "outlet ''{0}'': no responder on port {1} ({2}); discovery works through the port sweep only",
                    info.name(), config.multicastPort(), e.getMessage());
            return null;
        }
    }

    /** The stream as served: uid, created_at, session_id, hostname and ports filled in. */
    public LslStreamInfo info() {
        return info;
    }

    /** Number of inlets currently receiving data. */
    public int consumerCount() {
        return consumers.get();
    }

    /**
     * Waits until at least one inlet receives data.
     *
     * @return whether one did within {@code timeout}
     */
    public boolean waitForConsumers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumers.get() == 0 && !closed.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            ring.awaitSignal(Math.min(POLL_MS, left / 1_000_000));
        }
        return consumers.get() > 0;
    }

    // ----- push API: samples -----

    /** Pushes one sample stamped now. {@code sample.length} must be the channel count. */
    public void pushSample(float[] sample) { pushSample(sample, 0.0); }
    public void pushSample(double[] sample) { pushSample(sample, 0.0); }
    public void pushSample(int[] sample) { pushSample(sample, 0.0); }
    public void pushSample(short[] sample) { pushSample(sample, 0.0); }
    public void pushSample(byte[] sample) { pushSample(sample, 0.0); }
    public void pushSample(long[] sample) { pushSample(sample, 0.0); }
    public void pushSample(String[] sample) { pushSample(sample, 0.0); }

    /**
     * Pushes one sample. Numeric values are converted to the stream's format like a C cast;
     * numbers pushed to a string stream are sent as decimal text.
     *
     * @param sample          Not modified: one value per channel
     * @param timestampSeconds LSL clock seconds; 0.0 = now, {@link #DEDUCED_TIMESTAMP} = previous + 1/rate
     */
    public void pushSample(float[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(double[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(int[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(short[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(byte[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(long[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }
    public void pushSample(String[] sample, double timestampSeconds) { push(sample, sample.length, 1, null, timestampSeconds); }

    // ----- push API: chunks -----

    /**
     * Pushes {@code frames} samples, interleaved frame-major ({@code [frame*channels + channel]}),
     * each with its own timestamp.
     *
     * @param interleaved       Not modified: at least {@code frames × channels} values
     * @param timestampsSeconds Not modified: at least {@code frames} LSL clock seconds (0.0 = now)
     */
    public void pushChunk(float[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(double[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(int[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(short[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(byte[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(long[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }
    public void pushChunk(String[] interleaved, int frames, double[] timestampsSeconds) { push(interleaved, interleaved.length, frames, timestampsSeconds, 0); }

    /**
     * Pushes {@code frames} samples with one timestamp for the last; earlier samples are
     * stamped {@code 1/rate} apart (irregular streams: all the same), as liblsl does.
     *
     * @param lastTimestampSeconds LSL clock seconds of the last sample; 0.0 = now
     */
    public void pushChunk(float[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(double[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(int[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(short[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(byte[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(long[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }
    public void pushChunk(String[] interleaved, int frames, double lastTimestampSeconds) { push(interleaved, interleaved.length, frames, null, lastTimestampSeconds); }

    private void push(Object data, int length, int frames, double[] stamps, double singleStamp) {
        if (closed.get()) throw new IllegalStateException("outlet '" + info.name() + "' is closed");
        ring.push(data, length, frames, stamps, singleStamp);
    }

    // ----- UDP: discovery and time service -----

    private void udpLoop(DatagramSocket socket, boolean answersTimedata) {
        byte[] buf = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout(POLL_MS);
        } catch (SocketException e) {
            return;
        }
        while (!closed.get()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                double t1 = LslClock.nowSeconds();
                answer(socket, packet, t1, answersTimedata);
            } catch (SocketTimeoutException e) {
                // poll for close
            } catch (IOException e) {
                if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "outlet {0}: UDP: {1}", info.name(), e.getMessage());
            }
        }
    }

    private void answer(DatagramSocket socket, DatagramPacket packet, double t1, boolean answersTimedata) throws IOException {
        if (config.scope() == LslConfig.Scope.LOCAL && !packet.getAddress().isLoopbackAddress()) return;
        String text = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", 4);
        if (lines.length < 2) return;
        String method = lines[0].trim();
        if (method.equals("LSL:shortinfo") && lines.length >= 3) {
            String[] portAndId = lines[2].trim().split("\\s+");
            if (portAndId.length < 2) return;
            int port;
            try {
                port = Integer.parseInt(portAndId[0]);
            } catch (NumberFormatException e) {
                return;
            }
            if (port < 1 || port > 65535 || !matcher.matches(lines[1])) return;
            byte[] id = (portAndId[1] + "\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] reply = Arrays.copyOf(id, id.length + shortInfo.length);
            System.arraycopy(shortInfo, 0, reply, id.length, shortInfo.length);
            socket.send(new DatagramPacket(reply, reply.length, packet.getAddress(), port));
        } else if (method.equals("LSL:timedata") && answersTimedata) {
            String[] idAndT0 = lines[1].trim().split("\\s+");
            if (idAndT0.length < 2) return;
            String reply = " " + idAndT0[0] + " " + idAndT0[1] + " " + TextLines.formatTime(t1) + " "
                    + TextLines.formatTime(LslClock.nowSeconds());
            byte[] b = reply.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(b, b.length, packet.getAddress(), packet.getPort()));
        }
    }

    // ----- TCP: data server -----

    private void acceptLoop() {
        try {
            server.setSoTimeout(POLL_MS);
        } catch (SocketException e) {
            return;
        }
        while (!closed.get()) {
            try {
                Socket s = server.accept();
                if (sessions.size() >= MAX_SESSIONS) {
                    LOG.log(System.Logger.Level.WARNING, "outlet ''{0}'': refusing a connection, {1} sessions open",
                            info.name(), MAX_SESSIONS);
                    s.close();
                    continue;
                }
                sessions.add(s);
                startThread("liminal-lsl-session-" + info.name(), new OutletSession(s, info, ring, matcher, shortInfo,
                        fullInfo, closed, consumers, () -> {
                            sessions.remove(s);
                            threads.remove(Thread.currentThread());
                        }));
            } catch (SocketTimeoutException e) {
                // poll for close
            } catch (IOException e) {
                if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "outlet {0}: accept: {1}", info.name(), e.getMessage());
            }
        }
    }

    /**
     * Stops serving: closes the sockets (inlets see the connection end and start recovery) and
     * joins the threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "outlet {0}: close server: {1}", info.name(), e.getMessage());
        }
        service.close();
        if (responder != null) responder.close();
        for (Socket s : sessions) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "outlet {0}: close session: {1}", info.name(), e.getMessage());
            }
        }
        ring.wakeReaders();
        List<Thread> copy;
        synchronized (threads) {
            copy = new ArrayList<>(threads);
        }
        for (Thread t : copy) {
            if (t == Thread.currentThread()) continue;
            try {
                t.join(2L * POLL_MS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }
}
