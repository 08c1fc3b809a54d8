package dev.liminal.datasets.edf;

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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads EDF, EDF+C, EDF+D, BDF and BDF+ files.
 *
 * <p>Consecutive ordinary signals with the same samples per record form one
 * {@link RecordedStream} ("EDF signals 1-16"), so reading the streams in order yields the
 * channels in file order. Voltages come out in microvolts; other units as the file gives
 * them. The BioSemi Status channel of a BDF file (label "Status") comes out unscaled as its
 * unsigned 24-bit value (trigger lines in the low 16 bits, status bits above).
 *
 * <p>Time axis: 0 s is the start of the first data record, which is the header's start time
 * plus the onset of the first record's timekeeping TAL in EDF+ (the sub-second start, EDF+
 * 2.2.4); {@link RecordingInfo#startTime()} is that instant, taking the header's local date
 * and time as UTC because EDF stores no time zone. Annotation onsets are moved onto the same
 * axis. EDF+D records that do not follow each other without a gap start new {@link Segment}s.
 *
 * <p>{@link RecordingInfo#properties()} holds the header's patient, recording and reserved fields
 * ({@link EdfIdentification}), for EDF+/BDF+ the parsed identification subfields, and
 * {@link #HEADER_BYTES}, {@link #DATA_RECORDS}, {@link #DATA_RECORD_SECONDS}. Channel attributes
 * keep transducer, prefilter, the file's unit and the physical (in memory units) and digital
 * ranges, which {@link EdfFormat#write} reuses.
 *
 * <p>Not thread-safe (see {@link RecordingReader}); one call may decode on several pool threads.
 */
public final class EdfReader implements RecordingReader {
    /** Channel attribute: physical minimum in the in-memory unit (microvolts for voltages). */
    public static final String PHYSICAL_MIN = "physical_min";
    /** Channel attribute: physical maximum in the in-memory unit. */
    public static final String PHYSICAL_MAX = "physical_max";
    /** Channel attribute: digital minimum as stored. */
    public static final String DIGITAL_MIN = "digital_min";
    /** Channel attribute: digital maximum as stored. */
    public static final String DIGITAL_MAX = "digital_max";
    /** Channel attribute: the unit as the file spelled it (e.g. "mV" for a channel held in uV). */
    public static final String FILE_UNIT = "file_unit";
    /** Channel attribute present on a BioSemi Status channel handed out as raw unsigned 24-bit values. */
    public static final String BDF_STATUS = "bdf_status";
    /** Recording property: the header size in bytes. */
    public static final String HEADER_BYTES = "header_bytes";
    /** Recording property: the number of complete data records read (after any truncation). */
    public static final String DATA_RECORDS = "data_records";
    /** Recording property: the data record duration in seconds, as a Java double. */
    public static final String DATA_RECORD_SECONDS = "data_record_seconds";
    /** Label of the BioSemi status/trigger channel. */
    static final String STATUS_LABEL = "Status";

    /** Block size for the annotation pass at open time. */
    private static final int ANNOTATION_BLOCK_BYTES = 1 << 20;
    /** Records larger than this are read annotation-slice by slice at open time. */
    private static final int WHOLE_RECORD_LIMIT = 64 << 10;

    private final Path file;
    private final FileChannel channel;
    private final RecordingInfo info;
    private final EdfRecordDecoder[] decoders;

    private EdfReader(Path file, FileChannel channel, RecordingInfo info, EdfRecordDecoder[] decoders) {
        this.file = file;
        this.channel = channel;
        this.info = info;
        this.decoders = decoders;
    }

    /**
     * Opens {@code file}, parsing the header and all annotations and checking every header
     * number against the file size.
     *
     * @param dialect the expected dialect, or null for either
     * @throws RecordingFormatException naming the file and byte offset if it is malformed
     */
    static EdfReader open(Path file, EdfDialect dialect) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return open(file, channel, dialect);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static EdfReader open(Path file, FileChannel channel, EdfDialect dialect) throws IOException {
        EdfHeader h = EdfHeaderParser.parse(file, channel, dialect);
        List<String> warnings = new ArrayList<>(h.warnings());
        List<EdfSignalHeader> annotationSignals = h.signals().stream().filter(EdfSignalHeader::annotation).toList();

        // Pass over the annotation signals: annotations and each record's start (timekeeping TAL).
        boolean timekeeping = h.isPlus() && !annotationSignals.isEmpty() && h.recordSeconds() > 0;
        if (h.isDiscontinuous() && annotationSignals.isEmpty()) {
            warnings.add(h.variant() + " file without an annotation signal: record start times unknown, "
                    + "records read as contiguous");
        }
        RecordTimes times = new RecordTimes(file, h, timekeeping);
        List<Annotation> raw = new ArrayList<>();
        if (!annotationSignals.isEmpty()) {
            readAnnotations(file, channel, h, annotationSignals, times, raw);
        }
        List<double[]> recordSegments = times.finish(warnings);
        double origin = times.origin();
        List<Annotation> annotations = new ArrayList<>(raw.size());
        for (Annotation a : raw) {
            annotations.add(new Annotation(a.onsetSeconds() - origin, a.durationSeconds(), a.text(), a.channel()));
        }
        annotations.sort(Comparator.comparingDouble(Annotation::onsetSeconds));

        double duration = 0;
        for (double[] seg : recordSegments) duration = Math.max(duration, seg[2] + seg[1] * h.recordSeconds());
        if (h.recordSeconds() == 0) {
            for (Annotation a : annotations) {
                duration = Math.max(duration, a.onsetSeconds() + (a.hasDuration() ? a.durationSeconds() : 0));
            }
        }

        List<RecordedStream> streams = new ArrayList<>();
        List<EdfRecordDecoder> decoders = new ArrayList<>();
        buildStreams(file, channel, h, recordSegments, streams, decoders);

        Instant start = null;
        if (h.startDate() != null) {
            start = h.startDate().toInstant(ZoneOffset.UTC).plusNanos(Math.round(origin * 1e9));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(EdfIdentification.PATIENT, h.patient());
        properties.put(EdfIdentification.RECORDING, h.recording());
        properties.put(EdfIdentification.RESERVED, h.reserved());
        properties.put(HEADER_BYTES, Long.toString(h.headerBytes()));
        properties.put(DATA_RECORDS, Long.toString(h.recordCount()));
        properties.put(DATA_RECORD_SECONDS, Double.toString(h.recordSeconds()));
        if (h.isPlus()) {
            EdfIdentification.parsePatient(h.patient(), properties);
            EdfIdentification.parseRecording(h.recording(), properties);
        }
        RecordingInfo info = new RecordingInfo(file, h.dialect().formatId(), h.variant(), start, duration, streams,
                annotations, null, properties, warnings);
        return new EdfReader(file, channel, info, decoders.toArray(new EdfRecordDecoder[0]));
    }

    private static void readAnnotations(Path file, FileChannel channel, EdfHeader h, List<EdfSignalHeader> signals,
                                        RecordTimes times, List<Annotation> out) throws IOException {
        int bps = h.dialect().bytesPerSample();
        long sliceFrom = signals.get(0).byteOffset();
        EdfSignalHeader last = signals.get(signals.size() - 1);
        long sliceTo = last.byteOffset() + (long) last.samplesPerRecord() * bps;
        boolean whole = h.recordBytes() <= WHOLE_RECORD_LIMIT;
        long stride = whole ? h.recordBytes() : sliceTo - sliceFrom;
        int perBlock = whole ? (int) Math.max(1, ANNOTATION_BLOCK_BYTES / h.recordBytes()) : 1;
        int blockRecords = (int) Math.min(perBlock, Math.max(1, h.recordCount()));
        ByteBuffer buf = ByteBuffer.allocate((int) (blockRecords * stride));
        byte[] b = buf.array();
        boolean plus = h.isPlus();
        for (long r = 0; r < h.recordCount(); r += blockRecords) {
            int n = (int) Math.min(blockRecords, h.recordCount() - r);
            long position = whole ? h.recordOffset(r) : h.recordOffset(r) + sliceFrom;
            buf.clear().limit((int) (n * stride));
            while (buf.hasRemaining()) {
                if (channel.read(buf, position + buf.position()) < 0) {
                    throw new RecordingFormatException(file, position + buf.position(), "file ends inside a data record");
                }
            }
            for (int i = 0; i < n; i++) {
                long record = r + i;
                for (int s = 0; s < signals.size(); s++) {
                    EdfSignalHeader sig = signals.get(s);
                    int off = (int) (i * stride + (whole ? sig.byteOffset() : sig.byteOffset() - sliceFrom));
                    int len = sig.samplesPerRecord() * bps;
                    long fileOffset = h.recordOffset(record) + sig.byteOffset();
                    double onset = TimeAnnotationLists.parse(file, fileOffset, b, off, len, plus && s == 0, 0, out);
                    if (s == 0) times.record(record, onset, fileOffset);
                }
            }
        }
    }

    /**
     * Collects each data record's start into runs of contiguous records, one record at a time
     * (memory grows with the number of gaps, not of records). Confined to the opening thread.
     */
    private static final class RecordTimes {
        private final Path file;
        private final EdfHeader header;
        private final boolean timekeeping;
        private final double tolerance;
        private final List<double[]> segments = new ArrayList<>();
        private double[] current;
        private double expected;
        private double origin;
        private long nextRecord;

        RecordTimes(Path file, EdfHeader header, boolean timekeeping) {
            this.file = file;
            this.header = header;
            this.timekeeping = timekeeping;
            int maxSpr = 1;
            for (EdfSignalHeader s : header.signals()) {
                if (!s.annotation()) maxSpr = Math.max(maxSpr, s.samplesPerRecord());
            }
            // Records within half a sample of the fastest signal of where the previous one ends are contiguous.
            this.tolerance = Math.max(1e-7, 0.5 * header.recordSeconds() / maxSpr);
        }

        /** Record {@code r} (called in order) starts {@code onset} s after the header start, NaN if unknown. */
        void record(long r, double onset, long fileOffset) throws RecordingFormatException {
            if (!timekeeping) return;
            double t = onset;
            if (Double.isNaN(t)) {
                if (header.isDiscontinuous()) {
                    throw new RecordingFormatException(file, fileOffset, "EDF+D data record " + r
                            + " has no timekeeping TAL, so its start time is unknown");
                }
                t = r == 0 ? 0 : expected;
            }
            if (r == 0) {
                origin = t;
                current = new double[] {0, 0, 0};
            } else if (Math.abs(t - expected) > tolerance) {
                segments.add(current);
                current = new double[] {r, 0, t - origin};
            }
            current[1]++;
            expected = t + header.recordSeconds();
            nextRecord = r + 1;
        }

        /** Onset of the first record (the sub-second start in EDF+), 0 without timekeeping. */
        double origin() {
            return origin;
        }

        /** Runs of contiguous records: {firstRecord, recordCount, startSeconds} each. */
        List<double[]> finish(List<String> warnings) {
            long n = header.recordCount();
            if (n == 0 || header.recordSeconds() == 0) return List.of();
            if (!timekeeping || current == null) return List.<double[]>of(new double[] {0, n, 0});
            if (nextRecord != n) throw new IllegalStateException("saw " + nextRecord + " of " + n + " records");
            segments.add(current);
            if (segments.size() > 1) {
                warnings.add("discontinuous: " + segments.size() + " segments"
                        + (header.isDiscontinuous() ? "" : " although the header says " + header.variant()));
            }
            return segments;
        }
    }

    private static void buildStreams(Path file, FileChannel channel, EdfHeader h, List<double[]> recordSegments,
                                     List<RecordedStream> streams, List<EdfRecordDecoder> decoders) {
        List<EdfSignalHeader> data = h.signals().stream().filter(s -> !s.annotation()).toList();
        int i = 0;
        while (i < data.size()) {
            int j = i + 1;
            while (j < data.size() && data.get(j).samplesPerRecord() == data.get(i).samplesPerRecord()
                    && data.get(j).index() == data.get(j - 1).index() + 1) {
                j++;
            }
            List<EdfSignalHeader> group = data.subList(i, j);
            streams.add(stream(h, streams.size(), group, recordSegments));
            decoders.add(decoder(file, channel, h, group));
            i = j;
        }
    }

    private static RecordedStream stream(EdfHeader h, int index, List<EdfSignalHeader> group,
                                         List<double[]> recordSegments) {
        int spr = group.get(0).samplesPerRecord();
        double rate = spr / h.recordSeconds();
        List<ChannelInfo> channels = new ArrayList<>(group.size());
        for (EdfSignalHeader s : group) channels.add(channel(h, s));
        List<Segment> segments = new ArrayList<>();
        for (double[] seg : recordSegments) {
            segments.add(new Segment((long) seg[0] * spr, (long) seg[1] * spr, seg[2]));
        }
        int firstNumber = group.get(0).index() + 1;
        int lastNumber = group.get(group.size() - 1).index() + 1;
        String prefix = h.dialect().variantPrefix();
        String name = firstNumber == lastNumber ? prefix + " signal " + firstNumber
                : prefix + " signals " + firstNumber + "-" + lastNumber;
        Map<String, String> props = Map.of("samples_per_record", Integer.toString(spr),
                DATA_RECORD_SECONDS, Double.toString(h.recordSeconds()));
        StreamInfo info = new StreamInfo(name, streamType(channels), "", channels, rate,
                h.dialect() == EdfDialect.EDF ? SampleFormat.INT16 : SampleFormat.INT32, props);
        return new RecordedStream(index, info, h.recordCount() * spr, segments, index, Map.of());
    }

    private static String streamType(List<ChannelInfo> channels) {
        ChannelType first = channels.get(0).type();
        boolean same = channels.stream().allMatch(c -> c.type() == first);
        if (same) return first.name();
        return channels.stream().anyMatch(c -> c.type() == ChannelType.EEG) ? ChannelType.EEG.name() : "Mixed";
    }

    private static boolean isStatus(EdfHeader h, EdfSignalHeader s) {
        return h.dialect() == EdfDialect.BDF && s.label().equalsIgnoreCase(STATUS_LABEL);
    }

    private static ChannelInfo channel(EdfHeader h, EdfSignalHeader s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(ChannelInfo.TRANSDUCER, s.transducer());
        a.put(ChannelInfo.PREFILTER, s.prefilter());
        a.put(FILE_UNIT, s.physicalDimension());
        a.put(DIGITAL_MIN, Long.toString(s.digitalMin()));
        a.put(DIGITAL_MAX, Long.toString(s.digitalMax()));
        if (isStatus(h, s)) {
            a.put(BDF_STATUS, "unsigned 24-bit value, physical scaling not applied");
            a.put(PHYSICAL_MIN, Double.toString(s.physicalMin()));
            a.put(PHYSICAL_MAX, Double.toString(s.physicalMax()));
            return new ChannelInfo(s.label(), ChannelType.TRIGGER, s.physicalDimension(), a);
        }
        double factor = Units.microvoltFactor(s.physicalDimension()).orElse(1.0);
        a.put(PHYSICAL_MIN, Double.toString(s.physicalMin() * factor));
        a.put(PHYSICAL_MAX, Double.toString(s.physicalMax() * factor));
        return new ChannelInfo(s.label(), ChannelType.guess(s.label(), s.physicalDimension()),
                Units.inMemoryUnit(s.physicalDimension()), a);
    }

    private static EdfRecordDecoder decoder(Path file, FileChannel channel, EdfHeader h, List<EdfSignalHeader> group) {
        int n = group.size();
        int[] offsets = new int[n];
        double[] gains = new double[n];
        double[] zero = new double[n];
        boolean[] status = new boolean[n];
        for (int c = 0; c < n; c++) {
            EdfSignalHeader s = group.get(c);
            double factor = Units.microvoltFactor(s.physicalDimension()).orElse(1.0);
            offsets[c] = (int) s.byteOffset();
            gains[c] = s.gain() * factor;
            zero[c] = s.offset() * factor;
            status[c] = isStatus(h, s);
        }
        return new EdfRecordDecoder(file, channel, h, group.get(0).samplesPerRecord(), offsets, gains, zero, status);
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        if (stream < 0 || stream >= decoders.length) {
            throw new IllegalArgumentException("stream " + stream + " does not exist; " + file.getFileName() + " has "
                    + decoders.length + " streams");
        }
        RecordedStream s = info.streams().get(stream);
        Spans.check(s, firstSample, count);
        Spans.checkDestination(s, dst, dstOffset, count);
        decoders[stream].read(firstSample, count, dst, dstOffset);
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "stream %d of %s is numeric; EDF/BDF files hold no string streams (annotations are in info())",
                stream, file.getFileName()));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
