package dev.liminal.datasets.xdf;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Element;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an XDF 1.0 file incrementally (XDF specification; the layout LabRecorder writes):
 * the magic code and FileHeader at construction, a StreamHeader per {@link #addStream}, Samples
 * chunks (every sample with its timestamp), ClockOffset chunks, optional Boundary chunks, and
 * at {@link #close} a StreamFooter per stream with its first and last timestamp, sample count
 * and clock offsets.
 *
 * <p>Whole chunks are buffered and handed to the operating system when more than
 * {@value #DRAIN_BYTES} bytes wait and at every {@link #flush}, so the file always ends on a
 * chunk boundary except while a write is in progress: a process that dies loses only what was
 * written since the last flush (the recorder flushes every second), and readers that keep every
 * complete chunk (Liminal's, libxdf's, pyxdf's) read the rest.
 *
 * <p>Values are in the channel's unit as {@link StreamInfo} gives it (microvolts for voltage
 * channels, whose unit is written as {@code "uV"}). Integer formats round to the nearest
 * integer and refuse values out of range rather than clip them.
 *
 * <p><b>Thread ownership:</b> not thread-safe. Confine each writer to one thread (the recorder
 * thread {@code liminal-recorder-*}); arrays passed in are only read during the call.
 */
public final class XdfWriter implements Closeable, Flushable {
    /** Buffered bytes above which whole chunks are handed to the operating system. */
    static final int DRAIN_BYTES = 1 << 20;
    /** Target size of one Samples chunk's content. */
    static final int CHUNK_BYTES = 1 << 18;
    /** The Boundary chunk's fixed UUID (XDF specification, "Boundary Chunk"). */
    static final byte[] BOUNDARY_UUID = {0x43, (byte) 0xA5, 0x46, (byte) 0xDC, (byte) 0xCB, (byte) 0xF5, 0x41, 0x0F,
            (byte) 0xB3, 0x0E, (byte) 0xD5, 0x46, 0x73, (byte) 0x83, (byte) 0xCB, (byte) 0xE4};
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final Set<String> RESERVED = Set.of("name", "type", "channel_count", "nominal_srate",
            "channel_format", "source_id", "desc", XdfFormat.DESC_XML, XdfFormat.EFFECTIVE_SRATE,
            XdfFormat.CLOCK_OFFSET_COUNT);

    private final Path file;
    private final FileChannel channel;
    private final double boundaryIntervalSeconds;
    private final List<Stream> streams = new ArrayList<>();
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer content = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private double lastBoundarySeconds = Double.NaN;
    private long bytesWritten;
    private boolean closed;

    private static final class Stream {
        final StreamInfo info;
        final int valueBytes;
        long samples;
        double first;
        double last;
        final List<double[]> offsets = new ArrayList<>();

        Stream(StreamInfo info) {
            this.info = info;
            this.valueBytes = info.format().isNumeric() ? info.format().bytesPerValue() * info.channelCount() : -1;
        }
    }

    /** Creates (or replaces) {@code file} without Boundary chunks. */
    public XdfWriter(Path file) throws IOException {
        this(file, 0);
    }

    /**
     * Creates (or replaces) {@code file} and writes its FileHeader (version 1.0, the current
     * date and time).
     *
     * @param boundaryIntervalSeconds write a Boundary chunk whenever the sample time has advanced
     *                                this far since the last one (seeking aids for readers);
     *                                0 for none
     */
    public XdfWriter(Path file, double boundaryIntervalSeconds) throws IOException {
        if (!(boundaryIntervalSeconds >= 0) || Double.isInfinite(boundaryIntervalSeconds)) {
            throw new IllegalArgumentException("boundary interval " + boundaryIntervalSeconds + " s is not a finite value >= 0");
        }
        this.file = file;
        this.boundaryIntervalSeconds = boundaryIntervalSeconds;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            ensurePending(XdfReader.MAGIC.length);
            pending.put(XdfReader.MAGIC);
            String datetime = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx"));
            beginChunk(XdfReader.TAG_FILE_HEADER);
            putText("<?xml version=\"1.0\"?><info><version>1.0</version><datetime>" + datetime + "</datetime></info>");
            endChunk();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Adds a stream and writes its StreamHeader.
     *
     * @param info    name, type, source id, channels (label, unit, type and attributes are
     *                written into {@code desc/channels}), rate, format; properties whose keys are
     *                XML names are written as further header fields (hostname, created_at...)
     * @param descXml further content of the header's {@code desc} element (well-formed XML
     *                elements, e.g. {@code <manufacturer>Liminal</manufacturer>}, without a
     *                {@code channels} element), or null
     * @return the stream id to pass to the other methods (1, 2, 3... in order)
     * @throws IllegalArgumentException if {@code descXml} is malformed or holds {@code channels}
     */
    public int addStream(StreamInfo info, String descXml) throws IOException {
        checkOpen();
        String extra = descXml == null ? "" : descXml.trim();
        Set<String> descNames = new HashSet<>();
        if (!extra.isEmpty()) {
            Element desc;
            try {
                desc = SafeXml.parse("<desc>" + extra + "</desc>", null, RecordingFormatException.NO_OFFSET).getDocumentElement();
            } catch (RecordingFormatException e) {
                throw new IllegalArgumentException("desc XML for stream '" + info.name() + "' is not well-formed: " + e.getMessage(), e);
            }
            for (Element e : SafeXml.children(desc)) {
                if (e.getNodeName().equals("channels")) {
                    throw new IllegalArgumentException("desc XML for stream '" + info.name()
                            + "' holds a channels element; the writer writes it from the StreamInfo");
                }
                descNames.add(e.getNodeName());
            }
        }
        StringBuilder x = new StringBuilder(512 + 96 * info.channelCount());
        x.append("<?xml version=\"1.0\"?><info>");
        element(x, "name", info.name());
        element(x, "type", info.type());
        element(x, "channel_count", Integer.toString(info.channelCount()));
        element(x, "channel_format", info.format().lslName());
        element(x, "source_id", info.sourceId());
        element(x, "nominal_srate", Double.toString(info.nominalRateHz()));
        for (Map.Entry<String, String> p : info.properties().entrySet()) {
            String key = p.getKey();
            if (!RESERVED.contains(key) && !descNames.contains(key) && isXmlName(key)) element(x, key, p.getValue());
        }
        x.append("<desc><channels>");
        for (ChannelInfo c : info.channels()) {
            x.append("<channel>");
            element(x, "label", c.label());
            element(x, "unit", c.unit());
            element(x, "type", c.type().name());
            for (Map.Entry<String, String> a : c.attributes().entrySet()) {
                String key = a.getKey();
                if (isXmlName(key) && !key.equals("label") && !key.equals("unit") && !key.equals("type")
                        && !key.equals(XdfFormat.FILE_UNIT) && !key.equals(XdfFormat.UNIT_ASSUMED)) {
                    element(x, key, a.getValue());
                }
            }
            x.append("</channel>");
        }
        x.append("</channels>").append(extra).append("</desc></info>");
        int id = streams.size() + 1;
        streams.add(new Stream(info));
        beginChunk(XdfReader.TAG_STREAM_HEADER);
        content.putInt(id);
        putText(x.toString());
        endChunk();
        return id;
    }

    /**
     * Writes samples {@code [offset, offset + count)} of a numeric stream.
     *
     * @param data       Not modified: {@code data[c][offset + k]} is channel c of sample k
     * @param timestamps Not modified: {@code timestamps[offset + k]} is sample k's time in seconds
     * @throws IllegalArgumentException on a wrong stream, shape, or a value the stream's integer
     *                                  format cannot hold (quoting it)
     */
    public void writeSamples(int streamId, double[][] data, int offset, int count, double[] timestamps) throws IOException {
        Stream s = stream(streamId);
        if (!s.info.format().isNumeric()) {
            throw new IllegalArgumentException("stream " + streamId + " '" + s.info.name() + "' holds strings; use writeStrings");
        }
        int channels = s.info.channelCount();
        if (data.length < channels) {
            throw new IllegalArgumentException("data has " + data.length + " rows, stream '" + s.info.name() + "' has "
                    + channels + " channels");
        }
        for (int c = 0; c < channels; c++) {
            if (offset < 0 || count < 0 || data[c].length < offset + count) {
                throw new IllegalArgumentException("data row " + c + " of length " + data[c].length + " lacks samples ["
                        + offset + ", " + (offset + count) + ")");
            }
        }
        checkTimestamps(timestamps, offset, count);
        int perChunk = Math.max(1, CHUNK_BYTES / (9 + s.valueBytes));
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            beginSamples(streamId, n);
            for (int k = offset + done; k < offset + done + n; k++) {
                ensureContent(9 + s.valueBytes);
                content.put((byte) 8).putDouble(timestamps[k]);
                putValues(s, data, k);
            }
            endChunk();
            noteTimes(s, timestamps, offset + done, n);
            done += n;
        }
    }

    /**
     * Writes samples {@code [offset, offset + count)} of a string stream.
     *
     * @param values     Not modified: {@code values[offset + k][c]} is channel c of sample k (null is written as "")
     * @param timestamps Not modified: {@code timestamps[offset + k]} is sample k's time in seconds
     */
    public void writeStrings(int streamId, String[][] values, int offset, int count, double[] timestamps) throws IOException {
        Stream s = stream(streamId);
        if (s.info.format().isNumeric()) {
            throw new IllegalArgumentException("stream " + streamId + " '" + s.info.name() + "' is numeric; use writeSamples");
        }
        if (offset < 0 || count < 0 || values.length < offset + count) {
            throw new IllegalArgumentException(values.length + " string samples lack [" + offset + ", " + (offset + count) + ")");
        }
        checkTimestamps(timestamps, offset, count);
        int channels = s.info.channelCount();
        for (int k = offset; k < offset + count; k++) {
            if (values[k] == null || values[k].length < channels) {
                throw new IllegalArgumentException("string sample " + k + " has fewer than " + channels + " channels");
            }
        }
        int k = offset;
        while (k < offset + count) {
            int start = k;
            int bytes = 0;
            List<byte[]> encoded = new ArrayList<>();
            while (k < offset + count && (k == start || bytes < CHUNK_BYTES)) {
                for (int c = 0; c < channels; c++) {
                    byte[] b = (values[k][c] == null ? "" : values[k][c]).getBytes(StandardCharsets.UTF_8);
                    encoded.add(b);
                    bytes += b.length + 9;
                }
                bytes += 9;
                k++;
            }
            beginSamples(streamId, k - start);
            int e = 0;
            for (int j = start; j < k; j++) {
                ensureContent(9);
                content.put((byte) 8).putDouble(timestamps[j]);
                for (int c = 0; c < channels; c++) {
                    byte[] b = encoded.get(e++);
                    ensureContent(9 + b.length);
                    putLength(content, b.length);
                    content.put(b);
                }
            }
            endChunk();
            noteTimes(s, timestamps, start, k - start);
        }
    }

    /**
     * Writes a ClockOffset chunk: at {@code collectionTimeSeconds} (on the stream's clock) the
     * stream's clock was {@code offsetSeconds} behind this machine's.
     */
    public void writeClockOffset(int streamId, double collectionTimeSeconds, double offsetSeconds) throws IOException {
        Stream s = stream(streamId);
        if (!Double.isFinite(collectionTimeSeconds) || !Double.isFinite(offsetSeconds)) {
            throw new IllegalArgumentException("clock offset (" + collectionTimeSeconds + " s, " + offsetSeconds
                    + " s) is not finite");
        }
        beginChunk(XdfReader.TAG_CLOCK_OFFSET);
        content.putInt(streamId).putDouble(collectionTimeSeconds).putDouble(offsetSeconds);
        endChunk();
        s.offsets.add(new double[] {collectionTimeSeconds, offsetSeconds});
    }

    /** Writes a Boundary chunk now. */
    public void writeBoundary() throws IOException {
        checkOpen();
        beginChunk(XdfReader.TAG_BOUNDARY);
        content.put(BOUNDARY_UUID);
        endChunk();
    }

    /**
     * Hands every complete chunk written so far to the operating system and asks it to store
     * them on disk; after this returns, a crash of the process (or of the machine, if the disk
     * honours the request) loses nothing written before the call.
     */
    @Override
    public void flush() throws IOException {
        checkOpen();
        drain();
        channel.force(false);
    }

    /** Bytes handed to the operating system so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Writes every stream's footer and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        try {
            for (int i = 0; i < streams.size(); i++) {
                Stream s = streams.get(i);
                StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?><info>");
                element(x, "first_timestamp", s.samples == 0 ? "0" : Double.toString(s.first));
                element(x, "last_timestamp", s.samples == 0 ? "0" : Double.toString(s.last));
                element(x, "sample_count", Long.toString(s.samples));
                if (s.samples > 1 && s.last > s.first) {
                    element(x, "measured_srate", Double.toString((s.samples - 1) / (s.last - s.first)));
                }
                x.append("<clock_offsets>");
                for (double[] o : s.offsets) {
                    x.append("<offset><time>").append(o[0]).append("</time><value>").append(o[1]).append("</value></offset>");
                }
                x.append("</clock_offsets></info>");
                beginChunk(XdfReader.TAG_STREAM_FOOTER);
                content.putInt(i + 1);
                putText(x.toString());
                endChunk();
            }
            drain();
            channel.force(false);
        } finally {
            closed = true;
            channel.close();
        }
    }

    // ------------------------------------------------------------------ internals

    private Stream stream(int streamId) {
        checkOpen();
        if (streamId < 1 || streamId > streams.size()) {
            throw new IllegalArgumentException("stream id " + streamId + " was not added (ids 1.." + streams.size() + ")");
        }
        return streams.get(streamId - 1);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("XDF writer for " + file + " is closed");
    }

    private static void checkTimestamps(double[] timestamps, int offset, int count) {
        if (timestamps.length < offset + count) {
            throw new IllegalArgumentException(timestamps.length + " timestamps lack [" + offset + ", " + (offset + count) + ")");
        }
        for (int k = offset; k < offset + count; k++) {
            if (!Double.isFinite(timestamps[k])) {
                throw new IllegalArgumentException("timestamp " + k + " is " + timestamps[k] + " s");
            }
        }
    }

    private void noteTimes(Stream s, double[] timestamps, int offset, int n) throws IOException {
        if (n == 0) return;
        if (s.samples == 0) s.first = timestamps[offset];
        s.last = timestamps[offset + n - 1];
        s.samples += n;
        if (boundaryIntervalSeconds > 0) {
            double t = s.last;
            if (Double.isNaN(lastBoundarySeconds)) {
                lastBoundarySeconds = t;
            } else if (t - lastBoundarySeconds >= boundaryIntervalSeconds) {
                writeBoundary();
                lastBoundarySeconds = t;
            }
        }
    }

    private void putValues(Stream s, double[][] data, int k) {
        ensureContent(s.valueBytes);
        int channels = s.info.channelCount();
        SampleFormat f = s.info.format();
        switch (f) {
            case FLOAT32:
                for (int c = 0; c < channels; c++) content.putFloat((float) data[c][k]);
                break;
            case DOUBLE64:
                for (int c = 0; c < channels; c++) content.putDouble(data[c][k]);
                break;
            case INT8:
                for (int c = 0; c < channels; c++) content.put((byte) integral(s, data[c][k], c, k, Byte.MIN_VALUE, Byte.MAX_VALUE));
                break;
            case INT16:
                for (int c = 0; c < channels; c++) content.putShort((short) integral(s, data[c][k], c, k, Short.MIN_VALUE, Short.MAX_VALUE));
                break;
            case INT32:
                for (int c = 0; c < channels; c++) content.putInt((int) integral(s, data[c][k], c, k, Integer.MIN_VALUE, Integer.MAX_VALUE));
                break;
            case INT64:
                for (int c = 0; c < channels; c++) content.putLong(integral(s, data[c][k], c, k, Long.MIN_VALUE, Long.MAX_VALUE));
                break;
            default:
                throw new IllegalStateException("numeric write of " + f);
        }
    }

    private static long integral(Stream s, double v, int c, int k, long min, long max) {
        double r = Math.rint(v);
        if (!(r >= min && r <= max)) {
            throw new IllegalArgumentException("stream '" + s.info.name() + "' channel " + c + " sample " + k + ": value "
                    + v + " does not fit " + s.info.format().lslName() + " [" + min + ", " + max + "]");
        }
        return (long) r;
    }

    private void beginSamples(int streamId, int n) {
        beginChunk(XdfReader.TAG_SAMPLES);
        content.putInt(streamId);
        putLength(content, n);
    }

    private void beginChunk(int tag) {
        content.clear();
        content.putShort((short) tag);
    }

    private void putText(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ensureContent(b.length);
        content.put(b);
    }

    private void endChunk() throws IOException {
        content.flip();
        int length = content.remaining();
        ensurePending(9 + length);
        putLength(pending, length);
        pending.put(content);
        if (pending.position() > DRAIN_BYTES) drain();
    }

    /** Writes a variable-length number: 1, 4 or 8 bytes after a byte giving that size. */
    private static void putLength(ByteBuffer b, long n) {
        if (n <= 0xFF) {
            b.put((byte) 1).put((byte) n);
        } else if (n <= 0xFFFFFFFFL) {
            b.put((byte) 4).putInt((int) n);
        } else {
            b.put((byte) 8).putLong(n);
        }
    }

    private void drain() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) bytesWritten += channel.write(pending);
        pending.clear();
    }

    private void ensureContent(int n) {
        if (content.remaining() < n) content = grow(content, n);
    }

    private void ensurePending(int n) {
        if (pending.remaining() < n) pending = grow(pending, n);
    }

    private static ByteBuffer grow(ByteBuffer b, int n) {
        long want = Math.max((long) b.capacity() * 2, (long) b.position() + n);
        if (want > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("chunk of " + want + " bytes is too large");
        ByteBuffer g = ByteBuffer.allocate((int) want).order(ByteOrder.LITTLE_ENDIAN);
        b.flip();
        g.put(b);
        return g;
    }

    private static void element(StringBuilder x, String name, String text) {
        x.append('<').append(name).append('>').append(SafeXml.escape(text)).append("</").append(name).append('>');
    }

    private static boolean isXmlName(String key) {
        return XML_NAME.matcher(key).matches() && !key.regionMatches(true, 0, "xml", 0, 3);
    }
}
