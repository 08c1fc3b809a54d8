package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads XDF 1.0 (specification: github.com/sccn/xdf wiki "Specifications"). Opening indexes the
 * file in two sequential passes, the first over every chunk (headers, footers, clock offsets,
 * where each Samples chunk lies and the timestamp before it), the second over the Samples
 * chunks' timestamps only (clock synchronisation, segments, dejitter lines, string markers).
 * Sample values are never held: {@link #readSamples} re-parses only the chunks of the span.
 *
 * <p>Not thread-safe: confine to one thread (see {@link RecordingReader}).
 */
final class XdfReader implements RecordingReader {
    private static final System.Logger LOG = System.getLogger(XdfReader.class.getName());

    /** The four magic bytes every XDF file starts with (XDF specification, "MagicCode"). */
    static final byte[] MAGIC = "XDF:".getBytes(StandardCharsets.US_ASCII);
    /** Chunk tags (XDF specification, "Chunk" table). */
    static final int TAG_FILE_HEADER = 1;
    static final int TAG_STREAM_HEADER = 2;
    static final int TAG_SAMPLES = 3;
    static final int TAG_CLOCK_OFFSET = 4;
    static final int TAG_BOUNDARY = 5;
    static final int TAG_STREAM_FOOTER = 6;
    /**
     * Most channels a stream may declare. LSL has no limit, but every channel becomes a
     * {@code ChannelInfo}; 65,536 is far above any EEG montage and keeps a lying header from
     * allocating gigabytes.
     */
    static final int MAX_CHANNELS = 1 << 16;
    /** Largest XML header or footer accepted; real ones are a few kilobytes. */
    static final int MAX_XML_BYTES = 16 << 20;
    /** Samples decoded per block when a whole chunk is walked. */
    private static final int BLOCK = 4096;

    private final Path file;
    private final FileChannel channel;
    private final ByteWindow window;
    private final XdfReadOptions options;
    private final List<StreamIndex> streams = new ArrayList<>();
    private final List<StreamInfo> infos = new ArrayList<>();
    private final List<Map<String, String>> footers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> fileProperties = new LinkedHashMap<>();
    private final RecordingInfo info;
    /** Warnings kept; a hostile file could otherwise produce one per chunk. */
    static final int MAX_WARNINGS = 100;
    private int droppedWarnings;

    private int cursorStream = -1;
    private int cursorChunk = -1;
    private int cursorSample;
    private long cursorPosition;
    private double cursorPrevious;
    /** While the timing pass walks the file in order, refills may read ahead past the chunk. */
    private boolean sequentialScan;

    private XdfReader(Path file, FileChannel channel, XdfReadOptions options) throws IOException {
        this.file = file;
        this.channel = channel;
        this.options = options;
        long size = channel.size();
        this.window = new ByteWindow(file, channel, size, (int) Math.min(ByteWindow.DEFAULT_CAPACITY, Math.max(1 << 12, size)));
        Instant start = indexChunks(size);
        for (StreamIndex s : streams) {
            if (options.synchronizeClocks()) {
                s.clock = ClockModel.fit(s.offsetTimes, s.offsetValues, s.offsetCount, options.handleClockResets());
                for (int m : s.clock.resetMeasurements()) {
                    warn("stream " + s.fileStreamId + " '" + infos.get(s.position).name()
                            + "': clock reset before the offset measured at " + s.offsetTimes[m]
                            + " s; clock segments are synchronised separately");
                }
            }
            if (s.samplesWithoutTimestamp > 0 && s.samplingIntervalSeconds == 0) {
                warn("stream " + s.fileStreamId + " '" + infos.get(s.position).name() + "' is irregular and "
                        + s.samplesWithoutTimestamp + " of its samples carry no timestamp; each was given the previous sample's time");
            }
        }
        this.info = timingPass(start);
    }

    /** Opens and indexes {@code file}. */
    static XdfReader open(Path file, XdfReadOptions options) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new XdfReader(file, ch, options);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ------------------------------------------------------------------ pass 1: chunks

    private Instant indexChunks(long size) throws IOException {
        window.readAheadUntil(size);
        if (!window.request(MAGIC.length) || !Arrays.equals(window.getBytes(MAGIC.length), MAGIC)) {
            throw new RecordingFormatException(file, 0, "not an XDF file: it does not start with 'XDF:'");
        }
        Instant start = null;
        Map<Long, StreamIndex> byId = new HashMap<>();
        Map<Integer, Integer> unknownTags = new LinkedHashMap<>();
        while (true) {
            long chunkStart = window.position();
            if (!window.request(1)) break;
            int lengthBytes = window.get() & 0xFF;
            if (lengthBytes != 1 && lengthBytes != 4 && lengthBytes != 8) {
                throw new RecordingFormatException(file, chunkStart, "chunk length field size " + lengthBytes
                        + " is not 1, 4 or 8");
            }
            if (!window.request(lengthBytes + 2)) {
                truncated(chunkStart, size, "the chunk's length and tag");
                break;
            }
            long length = readLength(lengthBytes, chunkStart, "chunk length");
            if (length < 2) {
                throw new RecordingFormatException(file, chunkStart, "chunk length " + length + " is less than the 2-byte tag");
            }
            long contentEnd = window.position() + length;
            int tag = window.getUnsignedShort();
            if (length > size - window.position() + 2) {
                truncated(chunkStart, size, "chunk (tag " + tag + ") of " + length + " bytes");
                break;
            }
            long contentStart = window.position();
            long contentLength = contentEnd - contentStart;
            switch (tag) {
                case TAG_FILE_HEADER:
                    start = fileHeader(xml(chunkStart, contentLength), chunkStart);
                    break;
                case TAG_STREAM_HEADER:
                    streamHeader(chunkStart, contentLength, byId);
                    break;
                case TAG_SAMPLES:
                    samples(chunkStart, contentEnd, byId);
                    break;
                case TAG_CLOCK_OFFSET:
                    clockOffset(chunkStart, contentLength, byId);
                    break;
                case TAG_BOUNDARY:
                    break;
                case TAG_STREAM_FOOTER:
                    streamFooter(chunkStart, contentLength, byId);
                    break;
                default:
                    unknownTags.merge(tag, 1, Integer::sum);
                    if (unknownTags.get(tag) == 1) {
                        warn("byte " + chunkStart + ": unknown chunk tag " + tag + " skipped (and any later ones)");
                    }
            }
            window.seek(contentEnd);
        }
        for (StreamIndex s : streams) {
            StreamInfo si = infos.get(s.position);
            if (footers.get(s.position).isEmpty()) {
                warn("stream " + s.fileStreamId + " '" + si.name() + "' has no StreamFooter: the recording was not "
                        + "closed properly (crash or still being written)");
            }
            String declared = footers.get(s.position).get("sample_count");
            if (declared != null && !declared.equals(Long.toString(s.sampleCount))) {
                warn("stream " + s.fileStreamId + " '" + si.name() + "': footer says " + declared
                        + " samples, the file holds " + s.sampleCount);
            }
        }
        return start;
    }

    private void warn(String warning) {
        if (warnings.size() < MAX_WARNINGS) warnings.add(warning);
        else droppedWarnings++;
    }

    private void truncated(long chunkStart, long size, String what) {
        String w = "file cut at byte " + size + " inside the " + what + " starting at byte " + chunkStart
                + "; every complete chunk before it was kept";
        warnings.add(w);
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", file, w);
    }

    private long readLength(int lengthBytes, long at, String what) throws RecordingFormatException {
        long v;
        switch (lengthBytes) {
            case 1: v = window.get() & 0xFFL; break;
            case 4: v = window.getInt() & 0xFFFFFFFFL; break;
            case 8: v = window.getLong(); break;
            default:
                throw new RecordingFormatException(file, at, what + " field size " + lengthBytes + " is not 1, 4 or 8");
        }
        if (v < 0) throw new RecordingFormatException(file, at, what + " " + Long.toUnsignedString(v) + " is absurd");
        return v;
    }

    private byte[] xml(long chunkStart, long length) throws IOException {
        if (length > MAX_XML_BYTES) {
            throw new RecordingFormatException(file, chunkStart, "XML of " + length + " bytes exceeds the "
                    + MAX_XML_BYTES + "-byte limit");
        }
        window.require((int) length, "the XML of the chunk at byte " + chunkStart);
        return window.getBytes((int) length);
    }

    private Instant fileHeader(byte[] xml, long chunkStart) throws RecordingFormatException {
        Element root = SafeXml.parse(xml, file, chunkStart).getDocumentElement();
        for (Element e : SafeXml.children(root)) {
            if (SafeXml.isLeaf(e)) fileProperties.putIfAbsent(e.getNodeName(), e.getTextContent().trim());
        }
        String version = fileProperties.getOrDefault("version", "");
        if (!version.isEmpty() && !version.startsWith("1.")) {
            warn("byte " + chunkStart + ": XDF version '" + version + "' is not 1.x; read as 1.0");
        }
        String datetime = fileProperties.getOrDefault("datetime", "");
        if (datetime.isEmpty()) return null;
        String iso = datetime.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2").replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            warn("byte " + chunkStart + ": file header datetime '" + datetime + "' is not an ISO date; start time unknown");
            return null;
        }
    }

    private void streamHeader(long chunkStart, long contentLength, Map<Long, StreamIndex> byId) throws IOException {
        if (contentLength < 4) throw new RecordingFormatException(file, chunkStart, "stream header of " + contentLength + " bytes has no stream id");
        long id = window.getInt() & 0xFFFFFFFFL;
        byte[] xml = xml(chunkStart, contentLength - 4);
        if (byId.containsKey(id)) {
            warn("byte " + chunkStart + ": second header for stream " + id + " ignored");
            return;
        }
        Element root = SafeXml.parse(xml, file, chunkStart).getDocumentElement();
        String name = SafeXml.childText(root, "name");
        String type = SafeXml.childText(root, "type");
        String countText = SafeXml.childText(root, "channel_count");
        long channelCount;
        try {
            channelCount = Long.parseLong(countText);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": channel_count '" + countText + "' is not an integer");
        }
        if (channelCount < 1 || channelCount > MAX_CHANNELS || channelCount > window.fileSize()) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": channel_count " + channelCount
                    + " is outside 1.." + Math.min(MAX_CHANNELS, window.fileSize()));
        }
        String rateText = SafeXml.childText(root, "nominal_srate");
        double rate;
        try {
            rate = rateText.isEmpty() ? 0 : Double.parseDouble(rateText);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": nominal_srate '" + rateText + "' is not a number");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": nominal_srate " + rate + " Hz is not a finite value >= 0");
        }
        String formatText = SafeXml.childText(root, "channel_format");
        SampleFormat format;
        try {
            format = SampleFormat.fromLslName(formatText);
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (Element e : SafeXml.children(root)) {
            String key = e.getNodeName();
            if (SafeXml.isLeaf(e) && !HEADER_FIELDS.contains(key)) props.putIfAbsent(key, e.getTextContent().trim());
        }
        Element desc = SafeXml.child(root, "desc");
        List<Element> channelElements = new ArrayList<>();
        if (desc != null) {
            props.put(XdfFormat.DESC_XML, SafeXml.serialize(desc));
            for (Element e : SafeXml.children(desc)) {
                if (SafeXml.isLeaf(e)) props.putIfAbsent(e.getNodeName(), e.getTextContent().trim());
            }
            Element chs = SafeXml.child(desc, "channels");
            for (Element e : SafeXml.children(chs)) {
                if (e.getNodeName().equals("channel")) channelElements.add(e);
            }
        }
        if (!channelElements.isEmpty() && channelElements.size() != channelCount) {
            warn("byte " + chunkStart + ": stream " + id + " '" + name + "' describes " + channelElements.size()
                    + " channels but has channel_count " + channelCount);
        }
        int n = (int) channelCount;
        List<ChannelInfo> channels = new ArrayList<>(n);
        double[] factors = new double[n];
        for (int c = 0; c < n; c++) {
            Element ch = c < channelElements.size() ? channelElements.get(c) : null;
            String label = ch == null ? "" : SafeXml.childText(ch, "label");
            String unit = ch == null ? "" : SafeXml.childText(ch, "unit");
            String typeText = ch == null ? "" : SafeXml.childText(ch, "type");
            Map<String, String> attrs = new LinkedHashMap<>();
            if (ch != null) {
                for (Element e : SafeXml.children(ch)) {
                    String key = e.getNodeName();
                    if (!key.equals("label") && !key.equals("unit") && !key.equals("type")) {
                        attrs.putIfAbsent(key, SafeXml.isLeaf(e) ? e.getTextContent().trim() : SafeXml.serialize(e));
                    }
                }
            }
            ChannelType ct = channelType(typeText, label, unit, type);
            OptionalDouble volts = voltageFactor(unit);
            String memoryUnit;
            if (!format.isNumeric()) {
                factors[c] = 1;
                memoryUnit = unit;
            } else if (volts.isPresent()) {
                factors[c] = volts.getAsDouble();
                memoryUnit = Units.MICROVOLT;
                if (!unit.equals(Units.MICROVOLT)) attrs.put(XdfFormat.FILE_UNIT, unit);
            } else if (unit.isEmpty() && ct == ChannelType.EEG) {
                factors[c] = 1;
                memoryUnit = Units.MICROVOLT;
                attrs.put(XdfFormat.UNIT_ASSUMED, "true");
            } else {
                factors[c] = 1;
                memoryUnit = unit;
            }
            channels.add(new ChannelInfo(label, ct, memoryUnit, attrs));
        }
        StreamInfo si;
        try {
            si = new StreamInfo(name, type, SafeXml.childText(root, "source_id"), channels, rate, format, props);
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(file, chunkStart, "stream " + id + ": " + e.getMessage());
        }
        StreamIndex s = new StreamIndex(id, streams.size(), format, n, rate, factors);
        byId.put(id, s);
        streams.add(s);
        infos.add(si);
        footers.add(new LinkedHashMap<>());
    }

    private static final List<String> HEADER_FIELDS = List.of("name", "type", "channel_count", "nominal_srate",
            "channel_format", "source_id");

    private StreamIndex stream(long chunkStart, Map<Long, StreamIndex> byId, long contentLength, String chunkName)
            throws IOException {
        if (contentLength < 4) {
            throw new RecordingFormatException(file, chunkStart, chunkName + " chunk of " + contentLength + " bytes has no stream id");
        }
        long id = window.getInt() & 0xFFFFFFFFL;
        StreamIndex s = byId.get(id);
        if (s == null) {
            warn("byte " + chunkStart + ": " + chunkName + " chunk for stream " + id
                    + " before (or without) its header skipped");
        }
        return s;
    }

    private void samples(long chunkStart, long contentEnd, Map<Long, StreamIndex> byId) throws IOException {
        StreamIndex s = stream(chunkStart, byId, contentEnd - window.position(), "Samples");
        if (s == null) return;
        if (!window.request(1)) throw new RecordingFormatException(file, window.position(), "Samples chunk has no sample count");
        int countBytes = window.get() & 0xFF;
        if (window.position() + countBytes > contentEnd || !window.request(countBytes)) {
            throw new RecordingFormatException(file, chunkStart, "Samples chunk ends inside its sample count");
        }
        long count = readLength(countBytes, chunkStart, "sample count");
        long dataStart = window.position();
        long available = contentEnd - dataStart;
        long minSampleBytes = 1 + (s.valueBytes >= 0 ? s.valueBytes : 2L * s.channelCount);
        if (count > available / minSampleBytes || count > Integer.MAX_VALUE) {
            throw new RecordingFormatException(file, chunkStart, "Samples chunk for stream " + s.fileStreamId + " claims "
                    + count + " samples but holds only " + available + " bytes");
        }
        double previous = s.lastRawTimestamp;
        double t = previous;
        for (long i = 0; i < count; i++) {
            long samplePosition = window.position();
            if (!window.request(1) || samplePosition >= contentEnd) throw sampleOverrun(samplePosition, i, chunkStart);
            int tsBytes = window.get();
            if (tsBytes == 8) {
                if (!window.request(8) || samplePosition + 9 > contentEnd) throw sampleOverrun(samplePosition, i, chunkStart);
                t = window.getDouble();
                if (!Double.isFinite(t)) {
                    throw new RecordingFormatException(file, samplePosition + 1, "timestamp " + t + " is not finite");
                }
            } else if (tsBytes == 0) {
                if (s.sampleCount + i == 0) {
                    warn("byte " + samplePosition + ": the first sample of stream " + s.fileStreamId
                            + " carries no timestamp; its times are counted from 0 s");
                }
                t += s.samplingIntervalSeconds;
                s.samplesWithoutTimestamp++;
            } else {
                throw new RecordingFormatException(file, samplePosition, "timestamp size " + tsBytes + " is not 0 or 8");
            }
            if (s.valueBytes >= 0) {
                if (window.position() + s.valueBytes > contentEnd) {
                    throw sampleOverrun(samplePosition, i, chunkStart);
                }
                window.skipLong(s.valueBytes);
            } else {
                for (int c = 0; c < s.channelCount; c++) {
                    if (!window.request(1) || window.position() >= contentEnd) throw sampleOverrun(samplePosition, i, chunkStart);
                    int lb = window.get() & 0xFF;
                    if (window.position() + lb > contentEnd || !window.request(lb)) throw sampleOverrun(samplePosition, i, chunkStart);
                    long len = readLength(lb, window.position(), "string length");
                    if (len > contentEnd - window.position()) throw sampleOverrun(samplePosition, i, chunkStart);
                    window.skipLong(len);
                }
            }
        }
        if (window.position() != contentEnd) {
            warn("byte " + chunkStart + ": Samples chunk for stream " + s.fileStreamId + " has "
                    + (contentEnd - window.position()) + " bytes after its " + count + " samples; ignored");
        }
        if (count > 0) {
            s.addChunk(dataStart, contentEnd, (int) count, previous);
            s.lastRawTimestamp = t;
        }
    }

    private RecordingFormatException sampleOverrun(long at, long i, long chunkStart) {
        return new RecordingFormatException(file, at, "sample " + i + " runs past the end of its Samples chunk (at byte "
                + chunkStart + ")");
    }

    private void clockOffset(long chunkStart, long contentLength, Map<Long, StreamIndex> byId) throws IOException {
        if (contentLength != 20) {
            throw new RecordingFormatException(file, chunkStart, "ClockOffset chunk has " + contentLength + " bytes, not 20");
        }
        window.require(20, "a ClockOffset chunk");
        StreamIndex s = stream(chunkStart, byId, contentLength, "ClockOffset");
        double time = window.getDouble();
        double offset = window.getDouble();
        if (s == null) return;
        if (!Double.isFinite(time) || !Double.isFinite(offset)) {
            warn("byte " + chunkStart + ": ClockOffset (" + time + ", " + offset + ") for stream " + s.fileStreamId
                    + " is not finite; ignored");
            return;
        }
        s.addOffset(time, offset);
    }

    private void streamFooter(long chunkStart, long contentLength, Map<Long, StreamIndex> byId) throws IOException {
        window.require(4, "a StreamFooter chunk");
        StreamIndex s = stream(chunkStart, byId, contentLength, "StreamFooter");
        byte[] xml = xml(chunkStart, contentLength - 4);
        if (s == null) return;
        Document doc = SafeXml.parse(xml, file, chunkStart);
        Map<String, String> footer = footers.get(s.position);
        for (Element e : SafeXml.children(doc.getDocumentElement())) {
            footer.putIfAbsent(e.getNodeName(), SafeXml.isLeaf(e) ? e.getTextContent().trim() : SafeXml.serialize(e));
        }
    }

    // ------------------------------------------------------------------ pass 2: timing

    /** Running segment detection, dejitter regression and markers for one stream. */
    private final class Timing {
        final StreamIndex s;
        final boolean regular;
        final double threshold;
        final List<Segment> segments = new ArrayList<>();
        final List<Annotation> markers = new ArrayList<>();
        final List<Long> markerSamples = new ArrayList<>();
        double previous;
        double first = Double.NaN;
        long segmentFirst;
        long segmentSamples;
        double segmentStart;
        double meanK;
        double meanT;
        double sxx;
        double sxy;
        double intervals;
        double durationSeconds;

        Timing(StreamIndex s) {
            this.s = s;
            this.regular = s.samplingIntervalSeconds > 0;
            this.threshold = regular ? options.breakThresholdFor(1 / s.samplingIntervalSeconds) : 0;
        }

        void add(long i, double t) throws RecordingFormatException {
            if (i == 0) {
                first = t;
            } else if (regular && (t - previous > threshold || previous - t > threshold)) {
                close();
            }
            if (segmentSamples == 0) {
                segmentFirst = i;
                segmentStart = t;
                meanK = 0;
                meanT = 0;
                sxx = 0;
                sxy = 0;
            }
            double k = i - segmentFirst;
            segmentSamples++;
            double dk = k - meanK;
            meanK += dk / segmentSamples;
            meanT += (t - meanT) / segmentSamples;
            sxx += dk * (k - meanK);
            sxy += dk * (t - meanT);
            previous = t;
        }

        void close() throws RecordingFormatException {
            if (!regular || segmentSamples == 0) return;
            double step = segmentSamples > 1 && sxx > 0 ? sxy / sxx : s.samplingIntervalSeconds;
            double start;
            if (options.dejitter()) {
                start = meanT - step * meanK;
                if (!Double.isFinite(start) || !Double.isFinite(step)) {
                    throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, "stream " + s.fileStreamId
                            + ": timestamps of samples " + segmentFirst + ".." + (segmentFirst + segmentSamples - 1)
                            + " cannot be dejittered (line " + start + " s + " + step + " s/sample)");
                }
                s.addSegment(segmentFirst, start, step);
                durationSeconds += step * (segmentSamples - 1);
            } else {
                start = segmentStart;
                s.addSegment(segmentFirst, start, Double.NaN);
                durationSeconds += previous - segmentStart;
            }
            intervals += segmentSamples - 1;
            segments.add(new Segment(segmentFirst, segmentSamples, start));
            segmentSamples = 0;
        }

        double effectiveRateHz() {
            return durationSeconds > 0 ? intervals / durationSeconds : 0;
        }
    }

    private RecordingInfo timingPass(Instant start) throws IOException {
        List<Timing> timings = new ArrayList<>();
        for (StreamIndex s : streams) timings.add(new Timing(s));
        int[] next = new int[streams.size()];
        double[] ts = new double[BLOCK];
        String[][] strs = null;
        sequentialScan = true;
        while (true) {
            int pick = -1;
            for (int k = 0; k < streams.size(); k++) {
                StreamIndex s = streams.get(k);
                if (next[k] < s.chunkCount && (pick < 0
                        || s.chunkDataOffset[next[k]] < streams.get(pick).chunkDataOffset[next[pick]])) {
                    pick = k;
                }
            }
            if (pick < 0) break;
            StreamIndex s = streams.get(pick);
            Timing timing = timings.get(pick);
            int c = next[pick]++;
            boolean strings = !s.format.isNumeric();
            if (strings && (strs == null || strs[0].length < s.channelCount)) strs = new String[BLOCK][s.channelCount];
            for (int from = 0; from < s.chunkSamples[c]; from += BLOCK) {
                int n = decode(s, c, from, Math.min(BLOCK, s.chunkSamples[c] - from), ts, 0, null, 0,
                        strings ? strs : null);
                for (int k = 0; k < n; k++) {
                    long i = s.chunkFirstSample[c] + from + k;
                    double t = synchronize(s, c, ts[k]);
                    if (!Double.isFinite(t)) {
                        throw new RecordingFormatException(file, s.chunkDataOffset[c], "stream " + s.fileStreamId
                                + ": timestamp " + ts[k] + " s of sample " + i + " becomes " + t + " s when synchronised");
                    }
                    timing.add(i, t);
                    if (strings) addMarkers(timing, i, t, strs[k]);
                }
            }
        }
        sequentialScan = false;
        List<RecordedStream> recorded = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < streams.size(); k++) {
            StreamIndex s = streams.get(k);
            Timing timing = timings.get(k);
            timing.close();
            if (s.sampleCount > 0) {
                first = Math.min(first, timing.first);
                last = Math.max(last, timing.previous);
            }
            if (timing.regular && options.dejitter()) {
                for (int m = 0; m < timing.markers.size(); m++) {
                    Annotation a = timing.markers.get(m);
                    long i = timing.markerSamples.get(m);
                    int g = s.segmentOf(i);
                    double onset = s.segmentIntercept[g] + s.segmentStep[g] * (i - s.segmentFirst[g]);
                    if (!Double.isFinite(onset)) {
                        throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, "stream "
                                + s.fileStreamId + ": dejittered time of marker sample " + i + " is " + onset + " s");
                    }
                    timing.markers.set(m, new Annotation(onset, a.durationSeconds(), a.text(), a.channel()));
                }
            }
            StreamInfo si = infos.get(k);
            annotations.addAll(withStoredDurations(si, timing.markers));
            Map<String, String> props = new LinkedHashMap<>(si.properties());
            props.put(XdfFormat.EFFECTIVE_SRATE, Double.toString(timing.effectiveRateHz()));
            props.put(XdfFormat.CLOCK_OFFSET_COUNT, Integer.toString(s.offsetCount));
            StreamInfo withRate = new StreamInfo(si.name(), si.type(), si.sourceId(), si.channels(), si.nominalRateHz(),
                    si.format(), props);
            recorded.add(new RecordedStream(k, withRate, s.sampleCount, timing.segments, s.fileStreamId, footers.get(k)));
        }
        annotations.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        if (droppedWarnings > 0) warnings.add("... and " + droppedWarnings + " more warnings");
        String version = fileProperties.getOrDefault("version", "1.0");
        double duration = last >= first ? last - first : 0;
        return new RecordingInfo(file, XdfFormat.ID, "XDF " + version, start, duration, recorded, annotations, null,
                fileProperties, warnings);
    }

    /**
     * Markers of a single-channel string stream with the durations and channels Liminal stored
     * in its desc ({@link XdfFormat#ANNOTATIONS_DESC}); unchanged (with a warning) when that
     * element does not match the markers.
     */
    private List<Annotation> withStoredDurations(StreamInfo si, List<Annotation> markers) throws RecordingFormatException {
        String desc = si.property(XdfFormat.DESC_XML);
        if (si.channelCount() != 1 || !desc.contains(XdfFormat.ANNOTATIONS_DESC)) return markers;
        Element stored = SafeXml.child(SafeXml.parse(desc, file, RecordingFormatException.NO_OFFSET).getDocumentElement(),
                XdfFormat.ANNOTATIONS_DESC);
        if (stored == null) return markers;
        String durationText = SafeXml.childText(stored, "durations");
        String[] durations = durationText == null || durationText.isBlank() ? new String[0] : durationText.trim().split("\\s+");
        Element channelList = SafeXml.child(stored, "channels");
        List<Element> channels = channelList == null ? List.of() : SafeXml.children(channelList);
        if (durations.length != markers.size() || (channelList != null && channels.size() != markers.size())) {
            warn("stream '" + si.name() + "': " + XdfFormat.ANNOTATIONS_DESC + " lists " + durations.length
                    + " durations for " + markers.size() + " markers; durations ignored");
            return markers;
        }
        List<Annotation> out = new ArrayList<>(markers.size());
        for (int m = 0; m < markers.size(); m++) {
            Annotation a = markers.get(m);
            double d;
            try {
                d = durations[m].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(durations[m]);
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!Double.isNaN(d) && !(d >= 0 && Double.isFinite(d))) d = Double.NaN;
            String channel = channelList == null ? a.channel() : channels.get(m).getTextContent();
            out.add(new Annotation(a.onsetSeconds(), d, a.text(), channel));
        }
        return out;
    }

    private void addMarkers(Timing timing, long i, double t, String[] values) {
        StreamIndex s = timing.s;
        for (int c = 0; c < s.channelCount; c++) {
            String v = values[c];
            // a regular-rate marker stream sends "" on ticks without an event (as libxdf treats it)
            if (v.isEmpty() && timing.regular) continue;
            String channel = s.channelCount > 1 ? infos.get(s.position).channels().get(c).label() : "";
            timing.markers.add(new Annotation(t, Double.NaN, v, channel));
            timing.markerSamples.add(i);
        }
    }

    private double synchronize(StreamIndex s, int chunk, double t) {
        ClockModel m = s.clock;
        if (m.segmentCount() <= 1) return m.correct(t, 0);
        return m.correct(t, m.segmentFor(t, s.chunkMeasurementsSeen[chunk]));
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes samples {@code [from, from + count)} (indices within chunk {@code c}) of stream
     * {@code s}: raw timestamps (inferred where absent) into {@code ts}, values (scaled) into
     * {@code values}, strings into {@code strs[k]}; any destination may be null.
     *
     * @return the number of samples decoded
     */
    private int decode(StreamIndex s, int c, int from, int count, double[] ts, int tsOffset, double[][] values,
                       int valueOffset, String[][] strs) throws IOException {
        int end = Math.min(from + count, s.chunkSamples[c]);
        int i;
        double previous;
        if (cursorStream == s.position && cursorChunk == c && cursorSample <= from) {
            i = cursorSample;
            previous = cursorPrevious;
            window.seek(cursorPosition);
        } else {
            i = 0;
            previous = s.chunkPreviousTimestamp[c];
            window.seek(s.chunkDataOffset[c]);
        }
        window.readAheadUntil(sequentialScan ? window.fileSize() : s.chunkEnd[c]);
        long chunkEnd = s.chunkEnd[c];
        double interval = s.samplingIntervalSeconds;
        int valueBytes = s.valueBytes;
        for (; i < end; i++) {
            if (!window.request(valueBytes > 0 ? 9 + valueBytes : 9)) window.require(1, "a sample");
            int tsBytes = window.get();
            if (tsBytes == 8) {
                window.require(8, "a timestamp");
                previous = window.getDouble();
            } else if (tsBytes == 0) {
                previous += interval;
            } else {
                throw new RecordingFormatException(file, window.position() - 1, "timestamp size " + tsBytes
                        + " is not 0 or 8 (the file changed since it was opened?)");
            }
            boolean wanted = i >= from;
            if (wanted && ts != null) ts[tsOffset + i - from] = previous;
            if (valueBytes >= 0) {
                window.require(valueBytes, "a sample's values");
                if (wanted && values != null) decodeValues(s, values, valueOffset + i - from);
                window.skip(valueBytes);
            } else {
                for (int ch = 0; ch < s.channelCount; ch++) {
                    window.require(1, "a string length");
                    int lb = window.get() & 0xFF;
                    window.require(lb, "a string length");
                    long len = readLength(lb, window.position(), "string length");
                    if (len > chunkEnd - window.position() || len > ByteWindow.MAX_CAPACITY) {
                        throw new RecordingFormatException(file, window.position(), "string of " + len + " bytes runs past its chunk");
                    }
                    if (wanted && strs != null) {
                        window.require((int) len, "a string");
                        strs[i - from][ch] = new String(window.array(), window.index(), (int) len, StandardCharsets.UTF_8);
                        window.skip((int) len);
                    } else {
                        window.skipLong(len);
                    }
                }
            }
        }
        cursorStream = s.position;
        cursorChunk = c;
        cursorSample = end;
        cursorPosition = window.position();
        cursorPrevious = previous;
        return end - from;
    }

    private void decodeValues(StreamIndex s, double[][] values, int o) {
        ByteBuffer b = window.buf;
        int p = window.index();
        double[] f = s.factors;
        int n = s.channelCount;
        switch (s.format) {
            case FLOAT32:
                for (int c = 0; c < n; c++, p += 4) values[c][o] = b.getFloat(p) * f[c];
                break;
            case DOUBLE64:
                for (int c = 0; c < n; c++, p += 8) values[c][o] = b.getDouble(p) * f[c];
                break;
            case INT8:
                for (int c = 0; c < n; c++, p += 1) values[c][o] = b.get(p) * f[c];
                break;
            case INT16:
                for (int c = 0; c < n; c++, p += 2) values[c][o] = b.getShort(p) * f[c];
                break;
            case INT32:
                for (int c = 0; c < n; c++, p += 4) values[c][o] = b.getInt(p) * f[c];
                break;
            case INT64:
                for (int c = 0; c < n; c++, p += 8) values[c][o] = b.getLong(p) * f[c];
                break;
            default:
                throw new IllegalStateException("numeric decode of " + s.format);
        }
    }

    // ------------------------------------------------------------------ RecordingReader

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        RecordedStream rs = recorded(stream);
        StreamIndex s = streams.get(stream);
        if (!s.format.isNumeric()) {
            throw new IllegalArgumentException("stream " + stream + " '" + rs.info().name() + "' holds strings; use readStrings");
        }
        Spans.check(rs, firstSample, count);
        Spans.checkDestination(rs, dst, dstOffset, count);
        long i = firstSample;
        long end = firstSample + count;
        while (i < end) {
            int c = s.chunkOf(i);
            int from = (int) (i - s.chunkFirstSample[c]);
            int n = decode(s, c, from, (int) Math.min(end - i, s.chunkSamples[c] - from), null, 0, dst,
                    dstOffset + (int) (i - firstSample), null);
            i += n;
        }
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) throws IOException {
        RecordedStream rs = recorded(stream);
        StreamIndex s = streams.get(stream);
        if (s.format.isNumeric()) {
            throw new IllegalArgumentException("stream " + stream + " '" + rs.info().name() + "' is numeric; use readSamples");
        }
        Spans.check(rs, firstSample, count);
        String[][] out = new String[count][s.channelCount];
        long i = firstSample;
        long end = firstSample + count;
        while (i < end) {
            int c = s.chunkOf(i);
            int from = (int) (i - s.chunkFirstSample[c]);
            int n = (int) Math.min(end - i, s.chunkSamples[c] - from);
            String[][] view = Arrays.copyOfRange(out, (int) (i - firstSample), (int) (i - firstSample) + n);
            decode(s, c, from, n, null, 0, null, 0, view);
            i += n;
        }
        return out;
    }

    @Override
    public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset) throws IOException {
        RecordedStream rs = recorded(stream);
        StreamIndex s = streams.get(stream);
        Spans.check(rs, firstSample, count);
        if (dstOffset < 0 || dst.length < dstOffset + count) {
            throw new IllegalArgumentException("destination of length " + dst.length + " cannot hold " + count
                    + " timestamps from " + dstOffset);
        }
        boolean dejittered = options.dejitter() && s.samplingIntervalSeconds > 0;
        long i = firstSample;
        long end = firstSample + count;
        while (i < end) {
            int c = s.chunkOf(i);
            int from = (int) (i - s.chunkFirstSample[c]);
            int o = dstOffset + (int) (i - firstSample);
            int n = decode(s, c, from, (int) Math.min(end - i, s.chunkSamples[c] - from), dst, o, null, 0, null);
            for (int k = 0; k < n; k++) {
                long sample = i + k;
                if (dejittered) {
                    int g = s.segmentOf(sample);
                    dst[o + k] = s.segmentIntercept[g] + s.segmentStep[g] * (sample - s.segmentFirst[g]);
                } else {
                    dst[o + k] = synchronize(s, c, dst[o + k]);
                }
            }
            i += n;
        }
    }

    /** Bytes the chunk, clock and segment index of all streams take (the reader's memory besides one window). */
    long indexBytes() {
        long bytes = 0;
        for (StreamIndex s : streams) {
            bytes += s.chunkDataOffset.length * (8L + 8 + 8 + 4 + 8 + 4) + s.offsetTimes.length * 16L
                    + s.segmentFirst.length * 24L;
        }
        return bytes;
    }

    /** Clock offsets of a stream as {@code [k] = {collection time, offset}} in seconds, file order. */
    double[][] clockOffsets(int stream) {
        recorded(stream);
        return streams.get(stream).offsets();
    }

    private RecordedStream recorded(int stream) {
        if (stream < 0 || stream >= info.streams().size()) {
            throw new IllegalArgumentException("stream " + stream + " does not exist (the file has "
                    + info.streams().size() + " streams)");
        }
        return info.streams().get(stream);
    }

    // ------------------------------------------------------------------ header helpers

    /**
     * The factor to microvolts for a unit as XDF files spell it: the symbols {@link Units}
     * knows, plus the words of the XDF channel meta-data convention ("microvolts", ...).
     */
    static OptionalDouble voltageFactor(String unit) {
        OptionalDouble symbol = Units.microvoltFactor(unit);
        if (symbol.isPresent()) return symbol;
        switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "microvolts": case "microvolt": return OptionalDouble.of(1);
            case "millivolts": case "millivolt": return OptionalDouble.of(1e3);
            case "volts": case "volt": return OptionalDouble.of(1e6);
            case "nanovolts": case "nanovolt": return OptionalDouble.of(1e-3);
            default: return OptionalDouble.empty();
        }
    }

    static ChannelType channelType(String typeText, String label, String unit, String streamType) {
        if (!typeText.isBlank()) {
            switch (typeText.trim().toUpperCase(Locale.ROOT)) {
                case "EEG": return ChannelType.EEG;
                case "EOG": return ChannelType.EOG;
                case "EMG": return ChannelType.EMG;
                case "ECG": case "EKG": return ChannelType.ECG;
                case "RESP": return ChannelType.RESP;
                case "TEMP": return ChannelType.TEMP;
                case "SPO2": return ChannelType.SPO2;
                case "HR": case "HEART_RATE": return ChannelType.HEART_RATE;
                case "GSR": case "EDA": return ChannelType.GSR;
                case "ACC": case "ACCEL": case "ACCELEROMETER": return ChannelType.ACCEL;
                case "TRIGGER": case "STIM": return ChannelType.TRIGGER;
                case "COUNTER": return ChannelType.COUNTER;
                case "MISC": return ChannelType.MISC;
                default: break;
            }
        }
        ChannelType guessed = ChannelType.guess(label, unit);
        if (guessed == ChannelType.MISC && typeText.isBlank() && streamType.trim().equalsIgnoreCase("EEG")) {
            return ChannelType.EEG;
        }
        return guessed;
    }
}
