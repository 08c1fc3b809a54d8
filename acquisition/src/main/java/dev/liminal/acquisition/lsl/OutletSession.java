package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One TCP connection to an outlet (LSL-PROTOCOL.md sections 5 and 6): reads the request,
 * answers {@code LSL:shortinfo}, {@code LSL:fullinfo}, {@code LSL:streamfeed} (1.00) and
 * {@code LSL:streamfeed/<version>} with liblsl's negotiation, then streams the ring's records
 * from the moment of the handshake on (no history), dropping the oldest when the connection
 * falls more than its window behind. Records are written as soon as they are pushed (every push
 * is a liblsl "pushthrough"); a client's {@code Max-Chunk-Length} is accepted but not used to
 * hold samples back.
 *
 * <p>Runs on its own thread ({@code liminal-lsl-session-<stream>}); confined to it.
 */
final class OutletSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(OutletSession.class.getName());
    /** Time allowed for a client to send its request and headers. */
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Bytes gathered per socket write. */
    static final int WRITE_BATCH_BYTES = 64 * 1024;
    /** Poll period while waiting for samples (checks for close). */
    static final int POLL_MS = 200;
    /** Most 1.00 samples re-encoded per write. */
    static final int ARCHIVE_BATCH_SAMPLES = 256;

    private final Socket socket;
    private final LslStreamInfo info;
    private final OutletRing ring;
    private final QueryMatcher matcher;
    private final byte[] shortInfo;
    private final byte[] fullInfo;
    private final AtomicBoolean closed;
    private final AtomicInteger consumers;
    private final Runnable onEnd;
    private final ChannelFormat format;
    private final int channels;
    /** {@code closed::get} made once: a method reference evaluated in the loop allocates at every wake-up. */
    private final BooleanSupplier stop;
    private boolean consuming;

    OutletSession(Socket socket, LslStreamInfo info, OutletRing ring, QueryMatcher matcher, byte[] shortInfo,
                  byte[] fullInfo, AtomicBoolean closed, AtomicInteger consumers, Runnable onEnd) {
        this.socket = socket;
        this.info = info;
        this.ring = ring;
        this.matcher = matcher;
        this.shortInfo = shortInfo;
        this.fullInfo = fullInfo;
        this.closed = closed;
        this.consumers = consumers;
        this.onEnd = onEnd;
        this.format = info.channelFormat();
        this.channels = info.channelCount();
        this.stop = closed::get;
    }

    @Override
    public void run() {
        String where = "outlet '" + info.name() + "' session from " + socket.getRemoteSocketAddress();
        try (Socket s = socket) {
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
            // §5.2: the lower version; 1.00 when the value size or float format would need conversion
            int dataVersion = (int) Math.min(LslStreamInfo.PROTOCOL_VERSION,
                    parseLong(h.getOrDefault("data-protocol-version", Integer.toString(requested)), requested));
            if (!format.isString() && parseLong(h.getOrDefault("value-size", "0"), 0) != format.valueSizeBytes()) {
                dataVersion = 100;
            }
            if (!"1".equals(h.get("has-ieee754-floats"))) dataVersion = 100;
            boolean suppress = dataVersion >= 110 && format.isFloatingPoint() && !"1".equals(h.get("supports-subnormals"));
            long maxBuffer = parseLong(h.getOrDefault("max-buffer-length", "0"), 0);
            // always little-endian: liblsl inlets convert (§5.2 step 4 lets the outlet decide)
            String response = status + "200 OK\r\nUID: " + info.uid() + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: "
                    + (suppress ? 1 : 0) + "\r\nData-Protocol-Version: " + Math.max(dataVersion, 100) + "\r\n\r\n";
            out.write(TextLines.bytes(response));
            s.setSoTimeout(0);
            if (dataVersion >= 110) stream110(out, maxBuffer);
            else streamArchive(out, maxBuffer);
        } catch (IOException e) {
            if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", where, e.getMessage());
        } finally {
            if (consuming) consumers.decrementAndGet();
            onEnd.run();
        }
    }

    /**
     * Takes the session's starting point in the ring and only then counts it as a consumer, so
     * every sample pushed after {@link LslOutlet#waitForConsumers} returns reaches it.
     */
    private long begin() {
        long cursor = ring.head();
        consuming = true;
        consumers.incrementAndGet();
        ring.wakeReaders();
        return cursor;
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
        long cursor = begin();
        for (int o : WireValues.TEST_PATTERN_OFFSETS) out.write(ring.testRecord(o));
        if (maxBuffer <= 0) return;
        long window = Math.min(maxBuffer, ring.capacity());
        int recordBytes = ring.recordBytes();
        byte[] batch = new byte[Math.max(WRITE_BATCH_BYTES, recordBytes)];
        while (!closed.get()) {
            long h = ring.awaitData(cursor, stop, POLL_MS);
            if (h < 0) return;
            if (h - cursor > window) cursor = h - window;
            int len = 0;
            long start = cursor;
            long end = cursor;
            if (format.isString()) {
                while (end < h) {
                    byte[] rec = ring.stringRecord(end);
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
                end = cursor + Math.min(h - cursor, batch.length / recordBytes);
                len = ring.copyNumeric(cursor, end, batch);
            }
            if (ring.overwritten(start)) {
                cursor = ring.oldestIntact();
                continue;
            }
            out.write(batch, 0, len);
            cursor = end;
        }
    }

    /** Protocol 1.00: the portable archive with the same records re-encoded (§6). */
    private void streamArchive(OutputStream out, long maxBuffer) throws IOException {
        long cursor = begin();
        byte[] header = new byte[32 + shortInfo.length];
        int p = 0;
        header[p++] = (byte) PortableArchive.MAGIC;
        p = PortableArchive.putSigned(header, p, PortableArchive.VERSION);
        p = PortableArchive.putSigned(header, p, shortInfo.length);
        System.arraycopy(shortInfo, 0, header, p, shortInfo.length);
        p += shortInfo.length;
        header[p++] = 0;
        header[p++] = 0;
        out.write(header, 0, p);
        ArchiveEncoder enc = new ArchiveEncoder();
        for (int o : WireValues.TEST_PATTERN_OFFSETS) enc.add(ring.testRecord(o), 0);
        enc.flush(out);
        if (maxBuffer <= 0) return;
        long window = Math.min(maxBuffer, ring.capacity());
        while (!closed.get()) {
            long h = ring.awaitData(cursor, stop, POLL_MS);
            if (h < 0) return;
            if (h - cursor > window) cursor = h - window;
            long start = cursor;
            long end = Math.min(h, cursor + ARCHIVE_BATCH_SAMPLES);
            for (long i = start; i < end; i++) {
                if (format.isString()) {
                    byte[] rec = ring.stringRecord(i);
                    if (rec != null) enc.add(rec, 0);
                } else {
                    enc.add(ring.numericRing(), ring.numericOffset(i));
                }
            }
            if (ring.overwritten(start)) {
                enc.reset();
                cursor = ring.oldestIntact();
                continue;
            }
            enc.flush(out);
            cursor = end;
        }
    }

    /** Re-encodes little-endian 1.10 records as 1.00 archive samples; confined to the session. */
    private final class ArchiveEncoder {
        private byte[] buf = new byte[WRITE_BATCH_BYTES];
        private int len;

        void add(byte[] rec, int off) {
            int worst = 2 + 9 + channels * 10 + (format.isString() ? rec.length - off : 0);
            if (len + worst > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + worst));
            len = PortableArchive.putSigned(buf, len, WireValues.TAG_TRANSMITTED);
            len = PortableArchive.putUnsigned(buf, len, Double.doubleToRawLongBits(WireValues.getDouble(rec, off + 1, false)));
            int p = off + 9;
            int valueBytes = format.valueSizeBytes();
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
}
