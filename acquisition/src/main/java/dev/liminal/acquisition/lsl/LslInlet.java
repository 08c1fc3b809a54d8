package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An LSL inlet: receives one stream from an LSL outlet (Liminal's or liblsl's) over TCP
 * (protocol 1.10, or 1.00 when forced or negotiated), checks the test patterns, estimates the
 * time correction (UDP timedata exchange), optionally post-processes timestamps, and recovers
 * after a break: it re-resolves by source_id (liblsl's recovery query) and reconnects, reporting
 * an {@link LslGap}; samples are never duplicated (an outlet sends no history, and on a
 * reconnect to the same outlet samples not newer than the last one are dropped).
 *
 * <p>Values are raw, in the sender's units and the format's range (no scaling to microvolts):
 * numeric formats as double (int64 exactly through {@link #pullChunk(long[][], double[], Duration)}),
 * strings as String. Timestamps are seconds: the sender's clock, or the local LSL clock with
 * {@link LslInletOptions#clockSync()}.
 *
 * <p>Threads: a reader thread ({@code liminal-lsl-inlet-<name>}) decodes into a bounded buffer;
 * a time thread runs the exchange. Pull methods are thread-safe and copy into caller arrays
 * (Modified: the arrays passed). {@link #close()} is idempotent.
 */
public final class LslInlet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LslInlet.class.getName());
    /** Handshake read timeout. */
    static final int HANDSHAKE_TIMEOUT_MS = 5000;
    /**
     * Handshake read timeout while recovering: short, so that a closing outlet that still
     * accepts connections does not hold up the switch to its successor (2 s recovery target).
     */
    static final int RECOVERY_HANDSHAKE_TIMEOUT_MS = 700;
    /** Each recovery resolve waits at most this long before trying again. */
    static final Duration RECOVERY_RESOLVE_TIMEOUT = Duration.ofMillis(400);
    /** Pause after a failed reconnect attempt. */
    static final int RECOVERY_PAUSE_MS = 50;
    /** Most samples decoded before they are handed to the buffer. */
    static final int BATCH_FRAMES = 1024;
    /** Most values per decoded batch. */
    static final int BATCH_VALUES = 64 * 1024;

    /** Connection state. */
    public enum State { CONNECTED, RECOVERING, LOST, CLOSED }

    private volatile LslStreamInfo info;
    private final LslInletOptions options;
    private final InletBuffer buffer;
    private final TimeSync timeSync;
    private final TimestampPostProcessor post;
    private final SampleBatch batch;
    private final List<LslGap> gaps = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DataConnection connection;
    private volatile State state = State.CONNECTED;
    private volatile String lastError = "";
    private Thread reader;
    private double lastDeliveredTimestamp = Double.NaN;
    private double lastRawTimestamp = Double.NEGATIVE_INFINITY;
    private double duplicateGuard = Double.NEGATIVE_INFINITY;

    private LslInlet(LslStreamInfo info, LslInletOptions options, DataConnection first) {
        this.info = info;
        this.options = options;
        ChannelFormat format = info.channelFormat();
        int channels = info.channelCount();
        int capacity = (int) Math.max(1, Math.min(options.maxBufferedSamples(), LslInletOptions.MAX_BUFFERED_VALUES / channels));
        this.buffer = new InletBuffer(format, channels, capacity);
        this.batch = new SampleBatch(format, channels, Math.max(1, Math.min(BATCH_FRAMES, BATCH_VALUES / channels)));
        this.timeSync = new TimeSync(info.name(), new InetSocketAddress(info.v4Address(), info.v4ServicePort()));
        this.post = new TimestampPostProcessor(options.clockSync(), options.dejitter(), options.monotonize(),
                info.nominalSrateHz(), options.smoothingHalftime().toNanos() / 1e9);
        this.connection = first;
    }

    /** {@link #open(LslStreamInfo, LslInletOptions)} with defaults and {@link LslConfig#load()}. */
    public static LslInlet open(LslStreamInfo resolved) throws IOException {
        return open(resolved, LslInletOptions.defaults(LslConfig.load()));
    }

    /**
     * Connects to a resolved stream, completes the handshake and checks the test patterns.
     *
     * @param resolved a stream from {@link LslResolver} (needs its IPv4 address and ports)
     * @throws LslProtocolException one line naming the stream when the stream is unreachable,
     *                              refuses the feed or sends wrong test patterns
     */
    public static LslInlet open(LslStreamInfo resolved, LslInletOptions options) throws IOException {
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(options, "options");
        if (!resolved.isReachableOverIpv4()) {
            throw new LslProtocolException("stream '" + resolved.name() + "': no IPv4 address and ports (v4address '"
                    + resolved.v4Address() + "', data port " + resolved.v4DataPort() + ", service port "
                    + resolved.v4ServicePort() + "); resolve it with LslResolver first");
        }
        if (resolved.version() / 100 > LslStreamInfo.PROTOCOL_VERSION / 100) {
            throw new LslProtocolException("stream '" + resolved.name() + "': protocol version " + resolved.version() / 100.0
                    + " is newer than the supported " + LslStreamInfo.PROTOCOL_VERSION / 100.0);
        }
        DataConnection c = DataConnection.open(resolved, options.protocolVersion(), options.maxBufferedSamples(),
                HANDSHAKE_TIMEOUT_MS, dataTimeoutMs(resolved, options));
        LslInlet inlet = new LslInlet(resolved, options, c);
        inlet.start();
        return inlet;
    }

    private static int dataTimeoutMs(LslStreamInfo info, LslInletOptions options) {
        return info.nominalSrateHz() > 0 ? (int) Math.min(Integer.MAX_VALUE, options.stallTimeout().toMillis()) : 0;
    }

    private void start() {
        timeSync.start();
        reader = new Thread(this::readLoop, "liminal-lsl-inlet-" + info.name());
        reader.setDaemon(true);
        reader.start();
        emit(LslInletEvent.Kind.CONNECTED, "connected to " + info.v4Address() + ":" + info.v4DataPort()
                + (connection.isArchive() ? " (protocol 1.00)" : " (protocol 1.10)"), null);
    }

    private void emit(LslInletEvent.Kind kind, String message, LslGap gap) {
        try {
            options.listener().accept(new LslInletEvent(kind, info.name(), message, gap));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stream ''{0}'': event listener failed: {1}", info.name(), e.toString());
        }
    }

    private void readLoop() {
        while (!closed.get()) {
            DataConnection c = connection;
            c.beforeBlocking(this::flush);
            String reason;
            boolean incompatible = false;
            try {
                while (!closed.get()) {
                    c.readSample(batch);
                    deliverLast();
                    if (batch.isFull()) flush();
                }
                return;
            } catch (DataConnection.IncompatibleException e) {
                reason = e.getMessage();
                incompatible = true;
            } catch (IOException | RuntimeException e) {
                reason = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            flush();
            c.close();
            if (closed.get()) return;
            if (!recover(reason, incompatible)) return;
        }
    }

    /** Post-processes the sample just decoded, or drops it when it duplicates one delivered. */
    private void deliverLast() {
        int f = batch.frames - 1;
        double raw = batch.timestamps[f];
        if (raw <= duplicateGuard) {
            batch.frames = f;
            return;
        }
        lastRawTimestamp = raw;
        LslTimeCorrection tc = options.clockSync() ? timeSync.latest() : null;
        double t = post.process(raw, tc == null ? 0.0 : tc.correctionSeconds());
        batch.timestamps[f] = t;
        lastDeliveredTimestamp = t;
    }

    private void flush() {
        if (batch.frames > 0) buffer.write(batch);
    }

    /** Reconnects after a break; false when the stream is lost for good or the inlet closed. */
    private boolean recover(String reason, boolean incompatible) {
        double lostAt = LslClock.nowSeconds();
        long samplesBefore = buffer.written();
        double lastBefore = lastDeliveredTimestamp;
        String oldUid = info.uid();
        lastError = reason;
        emit(LslInletEvent.Kind.BROKEN, reason, null);
        if (incompatible || !options.recover() || info.sourceId().isEmpty()) {
            String why = incompatible ? "" : !options.recover() ? " (recovery off)" : " (no source_id, cannot recover)";
            return lose("stream '" + info.name() + "' lost: " + reason + why);
        }
        state = State.RECOVERING;
        LOG.log(System.Logger.Level.INFO, "stream ''{0}'': {1}; recovering", info.name(), reason);
        String query = LslResolver.recoveryQuery(info);
        while (!closed.get()) {
            List<LslStreamInfo> found;
            try {
                found = LslResolver.resolveQuery(query, 1, RECOVERY_RESOLVE_TIMEOUT, options.config());
            } catch (IOException e) {
                lastError = "recovery resolve failed: " + e.getMessage();
                pause();
                continue;
            }
            if (found.isEmpty()) continue;
            String previousUid = info.uid();
            LslStreamInfo next = chooseRecoveryTarget(found, previousUid);
            if (found.stream().filter(s -> !s.uid().equals(previousUid)).count() > 1) {
                LOG.log(System.Logger.Level.WARNING, "stream ''{0}'': {1} streams match the recovery query; taking the newest",
                        info.name(), found.size());
            }
            if (next.channelCount() != info.channelCount() || next.channelFormat() != info.channelFormat()) continue;
            try {
                DataConnection c = DataConnection.open(next, options.protocolVersion(), options.maxBufferedSamples(),
                        RECOVERY_HANDSHAKE_TIMEOUT_MS, dataTimeoutMs(next, options));
                boolean sameOutlet = next.uid().equals(info.uid());
                duplicateGuard = sameOutlet ? lastRawTimestamp : Double.NEGATIVE_INFINITY;
                // the dejitter fit counts samples: after a gap its line no longer holds
                post.reset();
                if (!sameOutlet) {
                    lastRawTimestamp = Double.NEGATIVE_INFINITY;
                    timeSync.retarget(new InetSocketAddress(next.v4Address(), next.v4ServicePort()));
                }
                info = next;
                connection = c;
                if (closed.get()) {
                    c.close();
                    return false;
                }
                LslGap gap = new LslGap(oldUid, next.uid(), samplesBefore, lastBefore, lostAt, LslClock.nowSeconds(), reason);
                gaps.add(gap);
                state = State.CONNECTED;
                LOG.log(System.Logger.Level.INFO, "stream ''{0}'' reconnected after {1} s", info.name(), gap.outageSeconds());
                emit(LslInletEvent.Kind.RECONNECTED, "reconnected to " + next.v4Address() + ":" + next.v4DataPort()
                        + " after " + String.format(java.util.Locale.ROOT, "%.3f", gap.outageSeconds()) + " s", gap);
                return true;
            } catch (DataConnection.IncompatibleException e) {
                return lose("stream '" + info.name() + "' lost: " + e.getMessage());
            } catch (IOException e) {
                lastError = e.getMessage();
                pause();
            }
        }
        return false;
    }

    /**
     * Which answer to a recovery query to reconnect to: the newest outlet other than the old
     * one, else the old one. A new outlet wins because an outlet that is shutting down may still
     * answer discovery and even accept TCP connections (kernel backlog) without serving them
     * (seen with liblsl 1.17.7).
     *
     * @param found non-empty answers
     */
    static LslStreamInfo chooseRecoveryTarget(List<LslStreamInfo> found, String oldUid) {
        return found.stream().filter(s -> !s.uid().equals(oldUid))
                .max(Comparator.comparingDouble(LslStreamInfo::createdAtSeconds))
                .orElse(found.get(0));
    }

    private boolean lose(String message) {
        state = State.LOST;
        lastError = message;
        LOG.log(System.Logger.Level.WARNING, message);
        buffer.fail(new LslProtocolException(message));
        emit(LslInletEvent.Kind.LOST, message, null);
        return false;
    }

    private void pause() {
        try {
            Thread.sleep(RECOVERY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.set(true);
        }
    }

    /** The stream as currently connected (changes after recovery to a new outlet). */
    public LslStreamInfo info() {
        return info;
    }

    /** Current state. */
    public State state() {
        return state;
    }

    /** The last connection problem (one line), or "" if none. */
    public String lastError() {
        return lastError;
    }

    /** Gaps so far, oldest first (immutable snapshot). */
    public List<LslGap> gaps() {
        return List.copyOf(gaps);
    }

    /** Samples dropped because the inlet buffer overflowed (the consumer pulled too slowly). */
    public long droppedSamples() {
        return buffer.dropped();
    }

    /** Samples waiting in the buffer. */
    public int samplesAvailable() {
        return buffer.available();
    }

    /**
     * Pulls up to {@code min(timestampsSeconds.length, valuesByChannel[c].length)} samples,
     * channel-major, waiting up to {@code timeout} for the first one (it does not wait to fill
     * the arrays, unlike liblsl's pull_chunk with a timeout).
     *
     * @param valuesByChannel   Modified: {@code [channel][frame]}, one row per channel
     * @param timestampsSeconds Modified: one timestamp per frame
     * @return frames written, 0 on timeout
     * @throws LslProtocolException when the stream is lost (after the buffer is drained) or the
     *                              inlet is closed
     */
    public int pullChunk(double[][] valuesByChannel, double[] timestampsSeconds, Duration timeout) throws LslProtocolException {
        requireNumeric();
        int max = checkRows(valuesByChannel.length, timestampsSeconds.length);
        for (double[] row : valuesByChannel) max = Math.min(max, row.length);
        return buffer.read(InletBuffer.Target.DOUBLE_BY_CHANNEL, valuesByChannel, timestampsSeconds, max, timeout);
    }

    /** As {@link #pullChunk(double[][], double[], Duration)}, exact for int64 (floats truncated). */
    public int pullChunk(long[][] valuesByChannel, double[] timestampsSeconds, Duration timeout) throws LslProtocolException {
        requireNumeric();
        int max = checkRows(valuesByChannel.length, timestampsSeconds.length);
        for (long[] row : valuesByChannel) max = Math.min(max, row.length);
        return buffer.read(InletBuffer.Target.LONG_BY_CHANNEL, valuesByChannel, timestampsSeconds, max, timeout);
    }

    /**
     * Pulls samples interleaved frame-major ({@code [frame*channels + channel]}) as float.
     *
     * @param interleaved       Modified: room for whole frames
     * @param timestampsSeconds Modified: one timestamp per frame
     */
    public int pullChunk(float[] interleaved, double[] timestampsSeconds, Duration timeout) throws LslProtocolException {
        requireNumeric();
        int max = Math.min(timestampsSeconds.length, interleaved.length / info.channelCount());
        return buffer.read(InletBuffer.Target.FLOAT_INTERLEAVED, interleaved, timestampsSeconds, max, timeout);
    }

    /** Pulls samples of a string stream, channel-major; see {@link #pullChunk(double[][], double[], Duration)}. */
    public int pullStrings(String[][] valuesByChannel, double[] timestampsSeconds, Duration timeout) throws LslProtocolException {
        if (!info.channelFormat().isString()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' is " + info.channelFormat().wireName()
                    + ", not string: use pullChunk");
        }
        int max = checkRows(valuesByChannel.length, timestampsSeconds.length);
        for (String[] row : valuesByChannel) max = Math.min(max, row.length);
        return buffer.read(InletBuffer.Target.STRING_BY_CHANNEL, valuesByChannel, timestampsSeconds, max, timeout);
    }

    /**
     * Pulls one sample of a numeric stream.
     *
     * @param sample Modified: one value per channel
     * @return its timestamp in seconds, or NaN when none arrived within {@code timeout}
     */
    public double pullSample(double[] sample, Duration timeout) throws LslProtocolException {
        requireNumeric();
        checkRows(sample.length, 1);
        double[] ts = new double[1];
        int n = buffer.read(InletBuffer.Target.DOUBLE_INTERLEAVED, sample, ts, 1, timeout);
        return n == 0 ? Double.NaN : ts[0];
    }

    /**
     * Pulls one sample of a string stream (e.g. a marker).
     *
     * @param sample Modified: one value per channel
     * @return its timestamp in seconds, or NaN when none arrived within {@code timeout}
     */
    public double pullSample(String[] sample, Duration timeout) throws LslProtocolException {
        if (!info.channelFormat().isString()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' is " + info.channelFormat().wireName()
                    + ", not string: use pullSample(double[], Duration)");
        }
        checkRows(sample.length, 1);
        double[] ts = new double[1];
        int n = buffer.read(InletBuffer.Target.STRING_INTERLEAVED, sample, ts, 1, timeout);
        return n == 0 ? Double.NaN : ts[0];
    }

    private void requireNumeric() {
        if (info.channelFormat().isString()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' is a string stream: use pullStrings");
        }
    }

    private int checkRows(int rows, int stamps) {
        if (rows != info.channelCount()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' has " + info.channelCount()
                    + " channels, destination has " + rows + " rows");
        }
        return stamps;
    }

    /**
     * The latest time correction (local − remote clock, seconds), waiting for the first
     * estimate (about 0.64 s after opening).
     *
     * @throws LslProtocolException when no estimate arrived within {@code timeout}
     */
    public double timeCorrection(Duration timeout) throws LslProtocolException {
        LslTimeCorrection tc = timeCorrectionEstimate(timeout);
        return tc.correctionSeconds();
    }

    /** The latest full estimate (correction, rtt, remote and local time); see {@link #timeCorrection}. */
    public LslTimeCorrection timeCorrectionEstimate(Duration timeout) throws LslProtocolException {
        try {
            LslTimeCorrection tc = timeSync.await(timeout);
            if (tc == null) {
                throw new LslProtocolException("stream '" + info.name() + "': no time correction from "
                        + info.v4Address() + ":" + info.v4ServicePort() + " within " + timeout.toMillis() + " ms");
            }
            return tc;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LslProtocolException("stream '" + info.name() + "': interrupted waiting for time correction");
        }
    }

    /**
     * The full stream description (with desc) over a short TCP connection ({@code LSL:fullinfo},
     * read to EOF).
     */
    public LslStreamInfo fullInfo(Duration timeout) throws IOException {
        return fetchFullInfo(info, timeout);
    }

    /** Fetches the full info of a resolved stream (§5, {@code LSL:fullinfo}). */
    public static LslStreamInfo fetchFullInfo(LslStreamInfo resolved, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            s.connect(new InetSocketAddress(resolved.v4Address(), resolved.v4DataPort()), ms);
            s.setSoTimeout(ms);
            s.getOutputStream().write(TextLines.bytes("LSL:fullinfo\r\n"));
            byte[] xml = s.getInputStream().readNBytes(LslStreamInfo.MAX_XML_CHARS + 1);
            if (xml.length > LslStreamInfo.MAX_XML_CHARS) {
                throw new LslProtocolException("stream '" + resolved.name() + "': fullinfo exceeds "
                        + LslStreamInfo.MAX_XML_CHARS + " bytes");
            }
            String origin = resolved.v4Address() + ":" + resolved.v4DataPort();
            return LslStreamInfo.parse(new String(xml, java.nio.charset.StandardCharsets.UTF_8), origin)
                    .withV4Address(resolved.v4Address());
        }
    }

    /** Stops the reader and time threads and closes the connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        state = State.CLOSED;
        DataConnection c = connection;
        if (c != null) c.close();
        buffer.close();
        timeSync.close();
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
