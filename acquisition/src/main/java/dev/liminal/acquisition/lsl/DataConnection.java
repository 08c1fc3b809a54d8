package dev.liminal.acquisition.lsl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One inlet data connection: connect, handshake (protocol 1.10 or 1.00, LSL-PROTOCOL.md
 * sections 5 and 6), test-pattern check (§5.4), then decoding of samples (§5.5) straight from a
 * reused byte buffer into a {@link SampleBatch}. Nothing is allocated per numeric sample.
 *
 * <p>Confined to the inlet's reader thread, except {@link #close()} which any thread may call.
 */
final class DataConnection implements AutoCloseable {
    /** Initial read buffer; grows to hold one sample (large channel counts, long strings). */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Longest string value accepted, in bytes. */
    static final int MAX_STRING_BYTES = LslOutlet.MAX_STRING_BYTES;
    /** Most string bytes accepted in one sample (all channels together). */
    static final long MAX_SAMPLE_STRING_BYTES = 64L * 1024 * 1024;
    /** What liblsl sends as Value-Size for strings (sizeof(std::string) on libstdc++). */
    static final int STRING_VALUE_SIZE = 32;
    static final int CONNECT_TIMEOUT_MS = 2000;

    /** The peer sent test patterns that differ from ours: the formats are incompatible. */
    static final class IncompatibleException extends LslProtocolException {
        private static final long serialVersionUID = 1L;

        IncompatibleException(String message) {
            super(message);
        }
    }

    /** The outlet answered 404 (uid changed) or 3xx: the stream must be re-resolved. */
    static final class StreamGoneException extends LslProtocolException {
        private static final long serialVersionUID = 1L;

        StreamGoneException(String message) {
            super(message);
        }
    }

    private final LslStreamInfo info;
    private final String where;
    private final Socket socket;
    private final InputStream in;
    private final ChannelFormat format;
    private final int channels;
    private final int valueBytes;
    private final double rate;
    private boolean bigEndian;
    private boolean archive;
    private boolean suppressSubnormals;
    private byte[] buf = new byte[READ_BUFFER_BYTES];
    private int pos;
    private int lim;
    private boolean inSample;
    private long samplesRead;
    private long sampleStringBytes;
    private double lastTimestamp;
    private Runnable beforeBlocking = () -> { };

    private DataConnection(LslStreamInfo info, Socket socket, InputStream in) {
        this.info = info;
        this.where = "stream '" + info.name() + "' (" + info.v4Address() + ":" + info.v4DataPort() + ")";
        this.socket = socket;
        this.in = in;
        this.format = info.channelFormat();
        this.channels = info.channelCount();
        this.valueBytes = format.valueSizeBytes();
        this.rate = info.nominalSrateHz();
        int minimum = format.isString() ? READ_BUFFER_BYTES : 9 + channels * valueBytes;
        if (minimum > buf.length) buf = new byte[minimum];
    }

    /**
     * Connects and completes the handshake including the test patterns.
     *
     * @param handshakeTimeoutMs bound on each read during the handshake
     * @param dataTimeoutMs      read timeout afterwards (stall detection), 0 = none
     */
    static DataConnection open(LslStreamInfo info, int protocolVersion, int maxBufferSamples,
                               int handshakeTimeoutMs, int dataTimeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(info.v4Address(), info.v4DataPort()), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(handshakeTimeoutMs);
            DataConnection c = new DataConnection(info, socket, socket.getInputStream());
            c.handshake(socket.getOutputStream(), protocolVersion, maxBufferSamples);
            c.checkTestPatterns();
            socket.setSoTimeout(dataTimeoutMs);
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(OutputStream out, int protocolVersion, int maxBufferSamples) throws IOException {
        if (protocolVersion < 110) {
            out.write(TextLines.bytes("LSL:streamfeed\r\n" + maxBufferSamples + " 0\r\n"));
            out.flush();
            archive = true;
            readArchiveHeader();
            return;
        }
        String request = "LSL:streamfeed/" + protocolVersion + " " + info.uid() + "\r\n"
                + "Native-Byte-Order: 1234\r\n"
                + "Endian-Performance: 0\r\n"
                + "Has-IEEE754-Floats: 1\r\n"
                + "Supports-Subnormals: 1\r\n"
                + "Value-Size: " + (format.isString() ? STRING_VALUE_SIZE : valueBytes) + "\r\n"
                + "Data-Protocol-Version: " + protocolVersion + "\r\n"
                + "Max-Buffer-Length: " + maxBufferSamples + "\r\n"
                + "Max-Chunk-Length: 0\r\n"
                + "Hostname: " + LslStreamInfo.localHostname() + "\r\n"
                + "Source-Id: " + info.sourceId().replace(';', '_') + "\r\n"
                + "Session-Id: " + info.sessionId().replace(';', '_') + "\r\n"
                + "\r\n";
        out.write(TextLines.bytes(request));
        out.flush();
        String status = TextLines.readLine(in, where).trim();
        String[] parts = status.split(" ", 3);
        if (parts.length < 3 || !parts[0].startsWith("LSL/")) {
            throw new LslProtocolException(where + ": malformed status line '" + shorten(status) + "'");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new LslProtocolException(where + ": status code '" + shorten(parts[1]) + "' is not a number");
        }
        if (code == 404 || (code >= 300 && code < 400)) {
            throw new StreamGoneException(where + ": outlet answered " + code + " (" + parts[2] + "): stream uid changed");
        }
        if (code >= 400) throw new IncompatibleException(where + ": outlet refused the feed: " + code + " " + parts[2]);
        if (code != 200) throw new LslProtocolException(where + ": unexpected status " + code + " " + parts[2]);
        Map<String, String> h = TextLines.readHeaders(in, where);
        String order = h.getOrDefault("byte-order", "1234");
        switch (order) {
            case "1234" -> bigEndian = false;
            case "4321" -> bigEndian = true;
            case "0" -> bigEndian = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
            default -> throw new LslProtocolException(where + ": Byte-Order '" + shorten(order) + "' is not 1234 or 4321");
        }
        suppressSubnormals = "1".equals(h.get("suppress-subnormals"));
        String uid = h.getOrDefault("uid", "");
        if (!uid.isEmpty() && !uid.equalsIgnoreCase(info.uid())) {
            throw new StreamGoneException(where + ": outlet uid '" + shorten(uid) + "' is not the resolved '" + info.uid() + "'");
        }
        int dataVersion;
        try {
            dataVersion = Integer.parseInt(h.getOrDefault("data-protocol-version", Integer.toString(protocolVersion)));
        } catch (NumberFormatException e) {
            throw new LslProtocolException(where + ": Data-Protocol-Version '" + shorten(h.get("data-protocol-version")) + "' is not a number");
        }
        if (dataVersion > LslStreamInfo.PROTOCOL_VERSION) {
            throw new IncompatibleException(where + ": Data-Protocol-Version " + dataVersion + " is newer than 110");
        }
        if (dataVersion < 110) {
            archive = true;
            readArchiveHeader();
        }
    }

    /** Protocol 1.00 archive header: magic, version, the shortinfo, the class-info bytes (§6). */
    private void readArchiveHeader() throws IOException {
        int magic = readByte();
        if (magic != PortableArchive.MAGIC) {
            throw new LslProtocolException(where + ": 1.00 archive starts with 0x" + Integer.toHexString(magic) + ", expected 0x7f");
        }
        long version = readCompact();
        if (version < 1 || version > 64) throw new LslProtocolException(where + ": 1.00 archive version " + version);
        long length = readCompact();
        if (length < 0 || length > LslStreamInfo.MAX_XML_CHARS) {
            throw new LslProtocolException(where + ": 1.00 archive info of " + length + " bytes exceeds " + LslStreamInfo.MAX_XML_CHARS);
        }
        ensure((int) length);
        String xml = new String(buf, pos, (int) length, StandardCharsets.UTF_8);
        pos += (int) length;
        LslStreamInfo sent = LslStreamInfo.parse(xml, info.v4Address() + ":" + info.v4DataPort());
        if (!sent.uid().equals(info.uid())) {
            throw new StreamGoneException(where + ": 1.00 archive carries uid '" + sent.uid() + "', expected '" + info.uid() + "'");
        }
        int a = readByte();
        int b = readByte();
        if (a != 0 || b != 0) throw new LslProtocolException(where + ": 1.00 archive class-info bytes " + a + " " + b + ", expected 0 0");
    }

    /** Reads the two test-pattern samples and compares them value for value (§5.4). */
    private void checkTestPatterns() throws IOException {
        SampleBatch batch = new SampleBatch(format, channels, 1);
        for (int offset : WireValues.TEST_PATTERN_OFFSETS) {
            batch.frames = 0;
            readSample(batch);
            double ts = batch.timestamps[0];
            if (Double.doubleToRawLongBits(ts) != Double.doubleToRawLongBits(WireValues.TEST_PATTERN_TIMESTAMP)) {
                throw new IncompatibleException(where + ": test pattern (offset " + offset + ") timestamp " + ts
                        + ", expected " + WireValues.TEST_PATTERN_TIMESTAMP);
            }
            for (int c = 0; c < channels; c++) {
                String expected;
                String got;
                if (format.isString()) {
                    expected = WireValues.testString(c);
                    got = batch.strings[c];
                } else if (format == ChannelFormat.INT64) {
                    expected = Long.toString(WireValues.testLong(format, c, offset));
                    got = Long.toString(batch.longValues[c]);
                } else {
                    expected = Double.toString((double) WireValues.testLong(format, c, offset));
                    got = Double.toString(batch.values[c]);
                }
                if (!expected.equals(got)) {
                    throw new IncompatibleException(where + ": wrong test pattern (offset " + offset + ") in channel "
                            + c + ": expected " + expected + ", got " + shorten(got) + " (" + format.wireName() + ")");
                }
            }
        }
        lastTimestamp = 0;
        samplesRead = 0;
    }

    /** Sets what runs before a read that may block (the inlet flushes its batch there). */
    void beforeBlocking(Runnable r) {
        beforeBlocking = r;
    }

    long samplesRead() {
        return samplesRead;
    }

    /**
     * Decodes one sample into {@code batch} at index {@code batch.frames} and increments it.
     * The timestamp is the sender's (tag 1 deduced from the previous one).
     */
    void readSample(SampleBatch batch) throws IOException {
        inSample = false;
        // hand complete samples to the buffer before a read that may block; never mid-sample,
        // because the batch index of the sample being decoded must not move
        int wholeSample = format.isString() ? 1 : 9 + channels * valueBytes;
        if (lim - pos < wholeSample) beforeBlocking.run();
        int f = batch.frames;
        int tag = archive ? (int) readCompact() : readByte();
        inSample = true;
        double ts;
        if (tag == WireValues.TAG_TRANSMITTED) {
            if (archive) {
                ts = Double.longBitsToDouble(readCompact());
            } else {
                ensure(8);
                ts = WireValues.getDouble(buf, pos, bigEndian);
                pos += 8;
            }
        } else if (tag == WireValues.TAG_DEDUCED) {
            ts = rate > 0 ? lastTimestamp + 1.0 / rate : lastTimestamp;
        } else {
            throw new LslProtocolException(where + ": sample " + samplesRead + " has tag " + tag + ", expected 1 or 2");
        }
        lastTimestamp = ts;
        batch.timestamps[f] = ts;
        int base = f * channels;
        if (format.isString()) {
            sampleStringBytes = 0;
            for (int c = 0; c < channels; c++) batch.strings[base + c] = readString(c);
        } else if (archive) {
            for (int c = 0; c < channels; c++) readArchiveValue(batch, base + c);
        } else {
            int bytes = channels * valueBytes;
            ensure(bytes);
            if (format == ChannelFormat.INT64) {
                WireValues.decodeLongs(buf, pos, bigEndian, batch.longValues, base, channels);
            } else {
                double[] v = batch.values;
                WireValues.decodeToDoubles(format, buf, pos, bigEndian, v, base, channels);
                if (suppressSubnormals) {
                    double smallest = format == ChannelFormat.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
                    for (int c = 0; c < channels; c++) {
                        double x = v[base + c];
                        if (x != 0 && Math.abs(x) < smallest) v[base + c] = Math.copySign(0.0, x);
                    }
                }
            }
            pos += bytes;
        }
        inSample = false;
        samplesRead++;
        batch.frames = f + 1;
    }

    private void readArchiveValue(SampleBatch batch, int index) throws IOException {
        long raw = readCompact();
        switch (format) {
            case FLOAT32 -> batch.values[index] = Float.intBitsToFloat((int) raw);
            case DOUBLE64 -> batch.values[index] = Double.longBitsToDouble(raw);
            case INT64 -> batch.longValues[index] = raw;
            case INT32 -> batch.values[index] = (int) raw;
            case INT16 -> batch.values[index] = (short) raw;
            case INT8 -> batch.values[index] = (byte) raw;
            default -> throw new IllegalStateException("string handled elsewhere");
        }
    }

    private String readString(int channel) throws IOException {
        long length;
        if (archive) {
            length = readCompact();
        } else {
            int lenLen = readByte();
            if (lenLen != 1 && lenLen != 2 && lenLen != 4 && lenLen != 8) {
                throw new LslProtocolException(where + ": sample " + samplesRead + " channel " + channel
                        + ": string length-of-length " + lenLen + " is not 1, 2, 4 or 8");
            }
            ensure(lenLen);
            length = WireValues.getUnsigned(buf, pos, lenLen, bigEndian);
            pos += lenLen;
        }
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new LslProtocolException(where + ": sample " + samplesRead + " channel " + channel + ": string length "
                    + Long.toUnsignedString(length) + " exceeds " + MAX_STRING_BYTES + " bytes");
        }
        int n = (int) length;
        sampleStringBytes += n;
        if (sampleStringBytes > MAX_SAMPLE_STRING_BYTES) {
            throw new LslProtocolException(where + ": sample " + samplesRead + " carries more than "
                    + MAX_SAMPLE_STRING_BYTES + " bytes of strings");
        }
        ensure(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private long readCompact() throws IOException {
        ensure(1);
        byte count = buf[pos++];
        if (count == 0) return 0;
        int size = Math.abs(count);
        if (size > 8) throw new LslProtocolException(where + ": 1.00 archive integer of " + size + " bytes (at most 8)");
        ensure(size);
        long v = 0;
        for (int i = 0; i < size; i++) v |= (buf[pos + i] & 0xFFL) << (8 * i);
        pos += size;
        if (count < 0 && size < 8) v |= -1L << (8 * size);
        return v;
    }

    private int readByte() throws IOException {
        ensure(1);
        return buf[pos++] & 0xFF;
    }

    /** Makes {@code n} bytes available at {@code pos}, reading (and first flushing the batch) if needed. */
    private void ensure(int n) throws IOException {
        if (lim - pos >= n) return;
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, lim - pos);
            lim -= pos;
            pos = 0;
            buf = bigger;
        } else if (pos + n > buf.length) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            int r;
            try {
                r = in.read(buf, lim, buf.length - lim);
            } catch (SocketTimeoutException e) {
                throw new StallException(where + ": stalled: no data for " + socket.getSoTimeout() + " ms");
            }
            if (r < 0) {
                if (inSample || lim > pos) {
                    throw new EOFException(where + ": peer closed mid-sample (sample " + samplesRead + ", "
                            + (lim - pos) + " of " + n + " bytes of a field received)");
                }
                throw new EOFException(where + ": outlet closed the connection after " + samplesRead + " samples");
            }
            lim += r;
        }
    }

    /** No data arrived within the stall timeout. */
    static final class StallException extends IOException {
        private static final long serialVersionUID = 1L;

        StallException(String message) {
            super(message);
        }
    }

    private static String shorten(String s) {
        if (s == null) return "null";
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() <= 80 ? one : one.substring(0, 80) + "…";
    }

    /** Whether the connection negotiated the 1.00 archive protocol. */
    boolean isArchive() {
        return archive;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken; nothing to report
        }
    }

    @Override
    public String toString() {
        return where + (archive ? " [protocol 1.00]" : " [protocol 1.10]");
    }
}
