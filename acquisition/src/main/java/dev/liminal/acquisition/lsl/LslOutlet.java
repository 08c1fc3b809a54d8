package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.VarHandle;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LSL outlet: serves one stream to any number of LSL inlets (Liminal's or liblsl's) as
 * liblsl 1.17 does (LSL-PROTOCOL.md sections 4, 5, 6, 7, 10): a TCP data server (protocol 1.10
 * with the 1.00 archive as fallback), a UDP service socket (discovery queries and the timedata
 * exchange) on the first free port of the port range, and the shared responder on the
 * multicast port (SO_REUSEADDR). In {@link LslConfig.Scope#LOCAL} every socket is bound to the
 * loopback address; multicast groups are joined only in {@link LslConfig.Scope#LAN}.
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
    /** Bound on the shared ring, in bytes (Liminal's; liblsl grows without bound). */
    static final int RING_MAX_BYTES = 32 * 1024 * 1024;
    /** Bound on buffered string samples. */
    static final int STRING_RING_MAX_SAMPLES = 1 << 16;
    /** Longest string value pushed, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
    /** Listen backlog of the data server (liblsl tcp_server.cpp). */
    static final int LISTEN_BACKLOG = 10;
    /** Time allowed for a client to send its request and headers. */
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Poll period of server loops that check for close. */
    static final int POLL_MS = 200;
    /** Most concurrent TCP sessions served. */
    static final int MAX_SESSIONS = 64;
    /** Bytes gathered per socket write. */
    static final int WRITE_BATCH_BYTES = 64 * 1024;
    /** liblsl's LSL_DEDUCED_TIMESTAMP (include/lsl/common.h). */
    public static final double DEDUCED_TIMESTAMP = -1.0;

    private final LslStreamInfo info;
    private final LslConfig config;
    private final ChannelFormat format;
    private final int channels;
    private final int valueBytes;
    private final int recordBytes;
    private final int capacity;
    private final byte[] ring;
    private final byte[][] stringRing;
    private volatile long head;
    private volatile long claimed;
    private final Object pushLock = new Object();
    private final Object signal = new Object();
    private double lastTimestamp;
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
        this.format = template.channelFormat();
        this.channels = template.channelCount();
        this.valueBytes = format.valueSizeBytes();
        this.recordBytes = format.isString() ? -1 : 1 + 8 + channels * valueBytes;
        double rate = template.nominalSrateHz() > 0 ? template.nominalSrateHz() : IRREGULAR_SAMPLES_PER_SECOND;
        long wanted = (long) Math.ceil(rate * DEFAULT_MAX_BUFFERED_SECONDS);
        if (format.isString()) {
            this.capacity = (int) Math.max(1, Math.min(wanted, STRING_RING_MAX_SAMPLES));
            this.ring = null;
            this.stringRing = new byte[capacity][];
        } else {
            this.capacity = (int) Math.max(1, Math.min(wanted, RING_MAX_BYTES / recordBytes));
            this.ring = new byte[capacity * recordBytes];
            this.stringRing = null;
        }
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
        this.responder = openResponder(bindAddress);
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
    private DatagramSocket openResponder(InetAddress bindAddress) {
        try {
            if (config.scope() == LslConfig.Scope.LOCAL) {
                DatagramSocket s = new DatagramSocket(null);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(bindAddress, config.multicastPort()));
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
        synchronized (signal) {
            while (consumers.get() == 0 && !closed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                signal.wait(Math.max(1, left / 1_000_000));
            }
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
        if (frames < 0 || (long) frames * channels > length) {
            throw new IllegalArgumentException("outlet '" + info.name() + "': " + frames + " frames of "
                    + channels + " channels need " + (long) frames * channels + " values, got " + length);
        }
        if (frames == 1 && stamps == null && length != channels) {
            throw new IllegalArgumentException("outlet '" + info.name() + "': sample of " + length
                    + " values for " + channels + " channels");
        }
        if (stamps != null && stamps.length < frames) {
            throw new IllegalArgumentException("outlet '" + info.name() + "': " + stamps.length
                    + " timestamps for " + frames + " frames");
        }
        if (frames == 0) return;
        double rate = info.nominalSrateHz();
        synchronized (pushLock) {
            double now = 0;
            double last = singleStamp;
            if (stamps == null && last == 0.0) last = now = LslClock.nowSeconds();
            long h = head;
            claimed = h + frames;
            VarHandle.fullFence();
            for (int f = 0; f < frames; f++) {
                double t;
                if (stamps != null) {
                    t = stamps[f];
                    if (t == 0.0) t = now != 0 ? now : (now = LslClock.nowSeconds());
                } else if (frames == 1) {
                    t = last;
                } else {
                    t = rate > 0 ? last - (frames - 1 - f) / rate : last;
                }
                if (t == DEDUCED_TIMESTAMP) t = rate > 0 ? lastTimestamp + 1.0 / rate : lastTimestamp;
                lastTimestamp = t;
                int slot = (int) ((h + f) % capacity);
                if (format.isString()) {
                    stringRing[slot] = encodeStringRecord(data, f * channels, t);
                } else {
                    encodeNumericRecord(data, f * channels, slot * recordBytes, t);
                }
            }
            head = h + frames;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void encodeNumericRecord(Object data, int from, int off, double t) {
        byte[] r = ring;
        r[off] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, off + 1, t);
        int p = off + 9;
        int vb = valueBytes;
        if (data instanceof float[] a) {
            if (format == ChannelFormat.FLOAT32) {
                for (int c = 0; c < channels; c++, p += vb) WireValues.putFloatLe(r, p, a[from + c]);
            } else {
                for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (double) a[from + c]);
            }
        } else if (data instanceof double[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, a[from + c]);
        } else if (data instanceof int[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else if (data instanceof short[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else if (data instanceof byte[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, (long) a[from + c]);
        } else if (data instanceof long[] a) {
            for (int c = 0; c < channels; c++, p += vb) WireValues.putLe(r, p, format, a[from + c]);
        } else {
            throw new IllegalArgumentException("outlet '" + info.name() + "': cannot push strings to a "
                    + format.wireName() + " stream");
        }
    }

    private byte[] encodeStringRecord(Object data, int from, double t) {
        byte[][] values = new byte[channels][];
        int size = 9;
        for (int c = 0; c < channels; c++) {
            String s;
            if (data instanceof String[] a) s = a[from + c];
            else if (data instanceof float[] a) s = Float.toString(a[from + c]);
            else if (data instanceof double[] a) s = Double.toString(a[from + c]);
            else if (data instanceof int[] a) s = Integer.toString(a[from + c]);
            else if (data instanceof short[] a) s = Short.toString(a[from + c]);
            else if (data instanceof byte[] a) s = Byte.toString(a[from + c]);
            else s = Long.toString(((long[]) data)[from + c]);
            byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("outlet '" + info.name() + "': string of " + b.length
                        + " bytes in channel " + c + " exceeds " + MAX_STRING_BYTES);
            }
            values[c] = b;
            size += (b.length <= 0xFF ? 2 : 5) + b.length;
        }
        byte[] r = new byte[size];
        r[0] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, 1, t);
        int p = 9;
        for (byte[] b : values) p = putString(r, p, b);
        return r;
    }

    /** Writes one 1.10 string value: length-of-length, length (LE), bytes (§5.5). */
    static int putString(byte[] r, int p, byte[] b) {
        if (b.length <= 0xFF) {
            r[p++] = 1;
            r[p++] = (byte) b.length;
        } else {
            r[p++] = 4;
            WireValues.putLe(r, p, ChannelFormat.INT32, (long) b.length);
            p += 4;
        }
        System.arraycopy(b, 0, r, p, b.length);
        return p + b.length;
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
                startThread("liminal-lsl-session-" + info.name(), () -> serve(s));
            } catch (SocketTimeoutException e) {
                // poll for close
            } catch (IOException e) {
                if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "outlet {0}: accept: {1}", info.name(), e.getMessage());
            }
        }
    }

    private void serve(Socket s) {
        String where = "outlet '" + info.name() + "' session from " + s.getRemoteSocketAddress();
        boolean consuming = false;
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = TextLines.readLine(in, where).trim();
            if (request.equals("LSL:shortinfo")) {
                String query = TextLines.readLine(in, where);
                if (matcher.matches(query)) out.write(shortInfo);
                return;
            }
            if (request.equals("LSL:fullinfo")) {
                out.write(fullInfo);
                return;
            }
            if (request.equals("LSL:streamfeed")) {
                String[] params = TextLines.readLine(in, where).trim().split("\\s+");
                long maxBuffer = params.length > 0 ? parseLong(params[0], 0) : 0;
                s.setSoTimeout(0);
                consuming = begin();
                streamArchive(out, maxBuffer);
                return;
            }
            if (!request.startsWith("LSL:streamfeed/")) return;
            String[] parts = request.substring("LSL:streamfeed/".length()).trim().split("\\s+");
            int requested = (int) parseLong(parts[0], -1);
            String uid = parts.length > 1 ? parts[1] : "";
            Map<String, String> h = TextLines.readHeaders(in, where);
            String status = "LSL/" + LslStreamInfo.PROTOCOL_VERSION + " ";
            if (requested < 0 || requested / 100 > LslStreamInfo.PROTOCOL_VERSION / 100) {
                out.write(TextLines.bytes(status + "505 Version not supported\r\n\r\n"));
                return;
            }
            if (!uid.isEmpty() && !uid.equals(info.uid())) {
                out.write(TextLines.bytes(status + "404 Not found\r\n\r\n"));
                return;
            }
            int dataVersion = (int) Math.min(LslStreamInfo.PROTOCOL_VERSION,
                    parseLong(h.getOrDefault("data-protocol-version", Integer.toString(requested)), requested));
            if (!format.isString() && parseLong(h.getOrDefault("value-size", "0"), 0) != valueBytes) dataVersion = 100;
            if (!"1".equals(h.get("has-ieee754-floats"))) dataVersion = 100;
            boolean suppress = format.isFloatingPoint() && !"1".equals(h.get("supports-subnormals"));
            long maxBuffer = parseLong(h.getOrDefault("max-buffer-length", "0"), 0);
            String response = status + "200 OK\r\nUID: " + info.uid() + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: "
                    + (suppress ? 1 : 0) + "\r\nData-Protocol-Version: " + Math.max(dataVersion, 100) + "\r\n\r\n";
            out.write(TextLines.bytes(response));
            s.setSoTimeout(0);
            consuming = begin();
            if (dataVersion >= 110) stream110(out, maxBuffer);
            else streamArchive(out, maxBuffer);
        } catch (IOException e) {
            if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", where, e.getMessage());
        } finally {
            sessions.remove(s);
            threads.remove(Thread.currentThread());
            if (consuming) consumers.decrementAndGet();
        }
    }

    private boolean begin() {
        consumers.incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
        return true;
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(text.trim());
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    /** Protocol 1.10: test patterns, then ring records as they are (§5.4, §5.5). */
    private void stream110(OutputStream out, long maxBuffer) throws IOException {
        for (int o : WireValues.TEST_PATTERN_OFFSETS) out.write(testRecord(o));
        if (maxBuffer <= 0) return;
        long window = Math.min(maxBuffer, capacity);
        long cursor = head;
        byte[] batch = new byte[Math.max(WRITE_BATCH_BYTES, format.isString() ? 0 : recordBytes)];
        while (!closed.get()) {
            long h = awaitData(cursor);
            if (h < 0) return;
            if (h - cursor > window) cursor = h - window;
            int len = 0;
            long start = cursor;
            long end = cursor;
            if (format.isString()) {
                while (end < h) {
                    byte[] rec = stringRing[(int) (end % capacity)];
                    if (rec == null) break;
                    if (len + rec.length > batch.length) {
                        if (len > 0) break;
                        batch = new byte[rec.length];
                    }
                    System.arraycopy(rec, 0, batch, len, rec.length);
                    len += rec.length;
                    end++;
                }
            } else {
                int n = (int) Math.min(h - cursor, batch.length / recordBytes);
                for (int i = 0; i < n; i++) {
                    System.arraycopy(ring, (int) ((cursor + i) % capacity) * recordBytes, batch, len, recordBytes);
                    len += recordBytes;
                }
                end = cursor + n;
            }
            VarHandle.loadLoadFence();
            if (claimed - start > capacity) {
                cursor = claimed - capacity;
                continue;
            }
            out.write(batch, 0, len);
            cursor = end;
        }
    }

    /** Waits until the ring holds samples after {@code cursor}; -1 when closed. */
    private long awaitData(long cursor) {
        long h = head;
        if (h > cursor) return h;
        synchronized (signal) {
            while ((h = head) <= cursor) {
                if (closed.get()) return -1;
                try {
                    signal.wait(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        return h;
    }

    /** One 1.10 test-pattern record, little-endian (§5.4). */
    byte[] testRecord(int offset) {
        if (format.isString()) {
            String[] values = new String[channels];
            for (int c = 0; c < channels; c++) values[c] = WireValues.testString(c);
            return encodeStringRecord(values, 0, WireValues.TEST_PATTERN_TIMESTAMP);
        }
        byte[] r = new byte[recordBytes];
        r[0] = WireValues.TAG_TRANSMITTED;
        WireValues.putDoubleLe(r, 1, WireValues.TEST_PATTERN_TIMESTAMP);
        for (int c = 0; c < channels; c++) {
            WireValues.putLe(r, 9 + c * valueBytes, format, WireValues.testLong(format, c, offset));
        }
        return r;
    }

    /** Protocol 1.00: the portable archive with the same records re-encoded (§6). */
    private void streamArchive(OutputStream out, long maxBuffer) throws IOException {
        byte[] head0 = new byte[32 + shortInfo.length];
        int p = 0;
        head0[p++] = (byte) PortableArchive.MAGIC;
        p = PortableArchive.putSigned(head0, p, PortableArchive.VERSION);
        p = PortableArchive.putSigned(head0, p, shortInfo.length);
        System.arraycopy(shortInfo, 0, head0, p, shortInfo.length);
        p += shortInfo.length;
        head0[p++] = 0;
        head0[p++] = 0;
        out.write(head0, 0, p);
        ArchiveEncoder enc = new ArchiveEncoder();
        for (int o : WireValues.TEST_PATTERN_OFFSETS) enc.add(testRecord(o), 0);
        enc.flush(out);
        if (maxBuffer <= 0) return;
        long window = Math.min(maxBuffer, capacity);
        long cursor = head;
        while (!closed.get()) {
            long h = awaitData(cursor);
            if (h < 0) return;
            if (h - cursor > window) cursor = h - window;
            long start = cursor;
            long end = Math.min(h, cursor + 256);
            for (long i = start; i < end; i++) {
                if (format.isString()) {
                    byte[] rec = stringRing[(int) (i % capacity)];
                    if (rec != null) enc.add(rec, 0);
                } else {
                    enc.add(ring, (int) (i % capacity) * recordBytes);
                }
            }
            VarHandle.loadLoadFence();
            if (claimed - start > capacity) {
                enc.reset();
                cursor = claimed - capacity;
                continue;
            }
            enc.flush(out);
            cursor = end;
        }
    }

    /** Re-encodes little-endian 1.10 records as 1.00 archive samples; confined to one session. */
    private final class ArchiveEncoder {
        private byte[] buf = new byte[WRITE_BATCH_BYTES];
        private int len;

        void add(byte[] rec, int off) {
            int worst = 2 + 9 + channels * 10 + (format.isString() ? rec.length - off : 0);
            if (len + worst > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + worst));
            len = PortableArchive.putSigned(buf, len, WireValues.TAG_TRANSMITTED);
            len = PortableArchive.putUnsigned(buf, len, Double.doubleToRawLongBits(WireValues.getDouble(rec, off + 1, false)));
            int p = off + 9;
            for (int c = 0; c < channels; c++) {
                if (format.isString()) {
                    int lenLen = rec[p++];
                    int n = (int) WireValues.getUnsigned(rec, p, lenLen, false);
                    p += lenLen;
                    len = PortableArchive.putSigned(buf, len, n);
                    System.arraycopy(rec, p, buf, len, n);
                    len += n;
                    p += n;
                } else if (format.isFloatingPoint()) {
                    len = PortableArchive.putUnsigned(buf, len, WireValues.getBits(rec, p, format, false));
                    p += valueBytes;
                } else {
                    len = PortableArchive.putSigned(buf, len, WireValues.getAsLong(rec, p, format, false));
                    p += valueBytes;
                }
            }
        }

        void flush(OutputStream out) throws IOException {
            out.write(buf, 0, len);
            len = 0;
        }

        void reset() {
            len = 0;
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
        synchronized (signal) {
            signal.notifyAll();
        }
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
