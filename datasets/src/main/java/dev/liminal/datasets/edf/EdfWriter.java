package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.Units;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.WriteOptions;

import java.io.IOException;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Writes a recording as EDF+ (16-bit) or BDF+ (24-bit). One instance writes one file; confined
 * to the calling thread. Memory is bounded by a few blocks of data records whatever the
 * recording's length.
 *
 * <p><b>What is written.</b> Every numeric regular-rate stream's channels become signals, in
 * stream order, each at its own rate; voltage channels are written in microvolts ("uV").
 * Annotations from {@link RecordingInfo#annotations()} and every sample of string streams
 * (markers; channels joined with " | ") go into the "EDF Annotations" / "BDF Annotations"
 * signal, spread over the records in onset order (EDF+ does not tie an annotation to the record
 * holding it). A per-channel annotation loses its channel: EDF+ has no field for it. A numeric
 * irregular stream cannot be stored and fails the write; empty streams are skipped.
 *
 * <p><b>Time.</b> EDF time 0 is the earliest start of the written streams on the source's time
 * axis (for EDF/BDF sources that is 0 s); streams starting later are placed on their own rate's
 * grid by rounding their delay to whole samples. The header start is the source's start time
 * (its whole seconds; the sub-second part goes into the timekeeping TALs, EDF+ 2.2.4); without
 * one, or outside 1985-2084, the header says 01.01.85 and the recording field "Startdate X"
 * (EDF+ 2.1.3.3), with a logged warning. A source whose streams have several segments
 * (discontinuous) is written as EDF+D: the streams must have the same number of segments; each
 * segment becomes a run of records whose timekeeping TALs give their start. Where streams of
 * one run end at different times, or a run's length is not a whole number of records, the tail
 * is padded by repeating the stream's last sample (and a late start by repeating its first),
 * with a logged warning.
 *
 * <p><b>Record duration.</b> {@link WriteOptions#dataRecordSeconds()} if every rate times it
 * is a whole number of samples, else the nearest of a list of usual durations that fits; a
 * duration that avoids padding is preferred among those within a factor of 10.
 *
 * <p><b>Ranges.</b> Per channel, a first pass finds the data's minimum and maximum. The source's
 * physical and digital range ({@link EdfReader#PHYSICAL_MIN} etc.) is kept if finite and the data
 * fit in it; integer-valued channels whose span fits the digital range are stored exactly (gain
 * 1); otherwise the physical range is the data range rounded outward to 8 characters and the
 * digital range is the format's full range. Values are rounded to the nearest digital step, so
 * the error is at most half a step. NaN values are written as the digital value nearest to 0.
 * The BioSemi Status channel written to BDF keeps its raw 24-bit value.
 */
final class EdfWriter {
    private static final System.Logger LOG = System.getLogger(EdfWriter.class.getName());

    /** Durations tried when the requested one does not fit every rate (seconds). */
    static final double[] RECORD_SECONDS_CANDIDATES = {1, 0.5, 2, 0.25, 4, 0.2, 5, 0.1, 10, 0.125, 8, 0.05, 20, 0.04,
        25, 0.02, 30, 0.01, 40, 50, 60, 100, 120, 0.005, 0.002, 0.001};
    /** Widest factor between the requested duration and one chosen only to avoid padding. */
    static final double EXACT_SEARCH_FACTOR = 10;
    /** Largest samples-per-record value the 8-character field holds. */
    static final long MAX_SAMPLES_PER_RECORD = 99_999_999L;
    /** Bytes of data records assembled per write. */
    static final int BLOCK_BYTES = 4 << 20;
    /** Values read per call in the range-scan pass. */
    static final int SCAN_BLOCK_VALUES = 1 << 20;
    /** Header date used when the start is unknown (EDF+ 2.1.3.2). */
    static final LocalDateTime UNKNOWN_START = LocalDateTime.of(1985, 1, 1, 0, 0, 0);
    /** Years the two-digit EDF header date can hold (EDF+ 2.1.3.2). */
    static final int FIRST_YEAR = 1985, LAST_YEAR = 2084;
    /** Rate * duration within this relative distance of an integer counts as whole. */
    private static final double WHOLE_TOLERANCE = 1e-9;

    private final EdfDialect dialect;
    private final WriteOptions options;
    private final ProgressListener progress;

    EdfWriter(EdfDialect dialect, WriteOptions options, ProgressListener progress) {
        this.dialect = dialect;
        this.options = options;
        this.progress = progress;
    }

    /** One source stream written as signals: its runs on the EDF grid and its channels' ranges. */
    private static final class Plan {
        final RecordedStream stream;
        final double rateHz;
        final List<Segment> segments;
        long[] leadSamples;
        int samplesPerRecord;
        ChannelRange[] ranges;

        Plan(RecordedStream stream, List<Segment> segments) {
            this.stream = stream;
            this.rateHz = stream.info().nominalRateHz();
            this.segments = segments;
        }

        int channels() {
            return stream.info().channelCount();
        }
    }

    /** How one channel is stored. */
    private record ChannelRange(String physicalMin, String physicalMax, long digitalMin, long digitalMax,
                                boolean rawStatus) {
        double pmin() {
            return Double.parseDouble(physicalMin);
        }

        double pmax() {
            return Double.parseDouble(physicalMax);
        }
    }

    void write(RecordingReader source, Path target) throws IOException {
        RecordingInfo info = source.info();
        List<Plan> plans = new ArrayList<>();
        List<RecordedStream> stringStreams = new ArrayList<>();
        for (RecordedStream s : info.streams()) {
            if (!s.info().format().isNumeric()) {
                stringStreams.add(s);
            } else if (s.sampleCount() == 0) {
                LOG.log(System.Logger.Level.WARNING, "{0}: stream ''{1}'' is empty and is not written", target,
                        s.info().name());
            } else if (s.info().isIrregular()) {
                throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "stream " + s.index()
                        + " '" + s.info().name() + "' is numeric with irregular sampling (" + s.sampleCount()
                        + " samples, no nominal rate); " + dialect.variantPrefix()
                        + " stores only regularly sampled signals");
            } else {
                List<Segment> segs = s.segments().isEmpty() ? List.of(new Segment(0, s.sampleCount(), 0))
                        : s.segments();
                plans.add(new Plan(s, segs));
            }
        }

        // Time origin and runs (one per segment index).
        int runs = plans.isEmpty() ? 0 : plans.get(0).segments.size();
        for (Plan p : plans) {
            if (p.segments.size() != runs) {
                throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "stream '"
                        + p.stream.info().name() + "' has " + p.segments.size() + " segments but stream '"
                        + plans.get(0).stream.info().name() + "' has " + runs + "; EDF+D needs every signal in every "
                        + "data record, so all streams must share their gaps");
            }
        }
        double t0 = origin(source, plans, stringStreams);
        double[] runStart = new double[runs];
        for (int k = 0; k < runs; k++) {
            double start = Double.POSITIVE_INFINITY;
            for (Plan p : plans) start = Math.min(start, p.segments.get(k).startSeconds());
            runStart[k] = start - t0;
        }
        for (Plan p : plans) {
            p.leadSamples = new long[runs];
            for (int k = 0; k < runs; k++) {
                p.leadSamples[k] = Math.round((p.segments.get(k).startSeconds() - t0 - runStart[k]) * p.rateHz);
            }
        }

        double recordSeconds = plans.isEmpty() ? 0 : chooseRecordSeconds(target, plans, runs);
        long[] runRecords = new long[runs];
        long totalRecords = 0;
        long padded = 0;
        for (int k = 0; k < runs; k++) {
            long records = 0;
            for (Plan p : plans) {
                long end = p.leadSamples[k] + p.segments.get(k).sampleCount();
                records = Math.max(records, ceilDiv(end, p.samplesPerRecord));
            }
            runRecords[k] = records;
            for (Plan p : plans) {
                padded += records * p.samplesPerRecord - p.segments.get(k).sampleCount();
            }
            if (k > 0 && runStart[k] < runStart[k - 1] + runRecords[k - 1] * recordSeconds - 1e-9) {
                throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "segment " + k
                        + " starts at " + runStart[k] + " s, before segment " + (k - 1) + " ends in whole "
                        + recordSeconds + " s data records at " + (runStart[k - 1] + runRecords[k - 1] * recordSeconds)
                        + " s");
            }
            totalRecords += records;
        }
        if (padded > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} sample values padded (repeating the nearest sample) so that "
                    + "every signal fills whole {2} s data records", target, padded, recordSeconds);
        }
        if (plans.isEmpty()) totalRecords = 1;

        for (Plan p : plans) p.ranges = scanRanges(source, p);

        HeaderStart start = headerStart(info.startTime(), target);
        double fraction = start.fractionSeconds();
        List<byte[]> tals = annotationTals(source, info, stringStreams, t0, fraction);
        double lastOnset = fraction + (runs == 0 ? 0 : runStart[runs - 1] + runRecords[runs - 1] * recordSeconds);
        int timekeepingBytes = TimeAnnotationLists.timekeeping(lastOnset + 0.1234567).length + 1;
        long totalTal = 0;
        int longest = 0;
        for (byte[] t : tals) {
            totalTal += t.length;
            longest = Math.max(longest, t.length);
        }
        long annotationBytes = timekeepingBytes + (tals.isEmpty() ? 0 : Math.max(longest, ceilDiv(totalTal, totalRecords) + longest));
        long annotationSamples = ceilDiv(annotationBytes, dialect.bytesPerSample());
        if (annotationSamples > MAX_SAMPLES_PER_RECORD) {
            throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "annotations need "
                    + annotationBytes + " bytes per data record, more than the " + MAX_SAMPLES_PER_RECORD
                    + "-sample field allows");
        }
        annotationBytes = annotationSamples * dialect.bytesPerSample();

        byte[] header = header(info, plans, start.wholeSeconds(), start.known(), runs > 1, totalRecords, recordSeconds,
                (int) annotationSamples, target);
        long recordBytes = annotationBytes;
        for (Plan p : plans) recordBytes += (long) p.channels() * p.samplesPerRecord * dialect.bytesPerSample();
        if (recordBytes > EdfHeaderParser.MAX_RECORD_BYTES) {
            throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "a data record would need "
                    + recordBytes + " bytes, more than " + EdfHeaderParser.MAX_RECORD_BYTES);
        }

        Path temp = dev.liminal.datasets.PartFile.createBeside(target, "part");
        boolean done = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(header));
            RecordBlockWriter w = new RecordBlockWriter(source, out, plans, recordBytes, (int) annotationBytes, tals,
                    totalRecords);
            if (plans.isEmpty()) {
                w.writeRun(0, 1, fraction, 0);
            } else {
                for (int k = 0; k < runs; k++) {
                    w.writeRun(k, runRecords[k], fraction + runStart[k], recordSeconds);
                }
            }
            out.force(false);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(temp);
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * EDF time 0 on the source's axis: the earliest start of the written streams, else of the
     * marker streams, else 0.
     */
    private static double origin(RecordingReader source, List<Plan> plans, List<RecordedStream> stringStreams)
            throws IOException {
        double first = Double.POSITIVE_INFINITY;
        for (Plan p : plans) first = Math.min(first, p.segments.get(0).startSeconds());
        if (plans.isEmpty()) {
            for (RecordedStream s : stringStreams) {
                if (s.sampleCount() > 0) {
                    double[] t = new double[1];
                    source.readTimestamps(s.index(), 0, 1, t, 0);
                    first = Math.min(first, t[0]);
                }
            }
        }
        return Double.isFinite(first) ? first : 0;
    }

    /**
     * The header start: whole seconds, the sub-second fraction (written in the timekeeping TALs)
     * and whether the start is known.
     */
    private record HeaderStart(LocalDateTime wholeSeconds, double fractionSeconds, boolean known) {}

    private static HeaderStart headerStart(Instant startInstant, Path target) {
        if (startInstant == null) {
            LOG.log(System.Logger.Level.WARNING, "{0}: source has no start time; header start set to 01.01.85 00.00.00 "
                    + "and recording field to ''Startdate X'' (EDF+ convention for an unknown date)", target);
            return new HeaderStart(UNKNOWN_START, 0, false);
        }
        LocalDateTime local = LocalDateTime.ofInstant(startInstant, ZoneOffset.UTC);
        if (local.getYear() < FIRST_YEAR || local.getYear() > LAST_YEAR) {
            LOG.log(System.Logger.Level.WARNING, "{0}: start {1} lies outside the years 1985-2084 EDF can store; "
                    + "header start set to 01.01.85 and recording field to ''Startdate X''", target, startInstant);
            return new HeaderStart(UNKNOWN_START, 0, false);
        }
        return new HeaderStart(local.withNano(0), local.getNano() / 1e9, true);
    }

    /** Picks the data record duration and sets every plan's samples per record. */
    private double chooseRecordSeconds(Path target, List<Plan> plans, int runs) throws RecordingFormatException {
        double requested = options.dataRecordSeconds();
        List<Double> candidates = new ArrayList<>();
        candidates.add(requested);
        Double[] others = Arrays.stream(RECORD_SECONDS_CANDIDATES).boxed().toArray(Double[]::new);
        Arrays.sort(others, Comparator.comparingDouble(c -> Math.abs(Math.log(c / requested))));
        for (Double c : others) if (c != requested) candidates.add(c);

        double firstFit = Double.NaN;
        for (double d : candidates) {
            if (!EdfNumbers.fitsExactly(d) || !fitsRates(plans, d)) continue;
            if (Double.isNaN(firstFit)) firstFit = d;
            boolean near = d == requested || Math.abs(Math.log(d / requested)) <= Math.log(EXACT_SEARCH_FACTOR);
            if (near && fillsWholeRecords(plans, d, runs)) {
                setSamplesPerRecord(plans, d);
                return d;
            }
        }
        if (!Double.isNaN(firstFit)) {
            setSamplesPerRecord(plans, firstFit);
            return firstFit;
        }
        for (Plan p : plans) {
            if (!isWhole(p.rateHz * requested)) {
                ChannelInfo c = p.stream.info().channels().get(0);
                throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "channel '" + c.label()
                        + "' at " + p.rateHz + " Hz: " + p.rateHz + " Hz x " + requested + " s is not a whole number "
                        + "of samples per data record, and no duration among " + Arrays.toString(RECORD_SECONDS_CANDIDATES)
                        + " s fits every signal's rate");
            }
        }
        throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "no data record duration fits "
                + "every signal's rate within " + MAX_SAMPLES_PER_RECORD + " samples per record");
    }

    private static boolean fitsRates(List<Plan> plans, double d) {
        for (Plan p : plans) {
            double spr = p.rateHz * d;
            if (!isWhole(spr) || Math.rint(spr) < 1 || Math.rint(spr) > MAX_SAMPLES_PER_RECORD) return false;
        }
        return true;
    }

    private static boolean fillsWholeRecords(List<Plan> plans, double d, int runs) {
        for (int k = 0; k < runs; k++) {
            long records = -1;
            for (Plan p : plans) {
                long spr = Math.round(p.rateHz * d);
                long end = p.leadSamples[k] + p.segments.get(k).sampleCount();
                if (p.leadSamples[k] != 0 || end % spr != 0) return false;
                if (records >= 0 && records != end / spr) return false;
                records = end / spr;
            }
        }
        return true;
    }

    private static void setSamplesPerRecord(List<Plan> plans, double d) {
        for (Plan p : plans) p.samplesPerRecord = (int) Math.round(p.rateHz * d);
    }

    private static boolean isWhole(double x) {
        return Math.abs(x - Math.rint(x)) <= WHOLE_TOLERANCE * Math.max(1, Math.abs(x));
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    // ---------------------------------------------------------------- ranges

    private ChannelRange[] scanRanges(RecordingReader source, Plan p) throws IOException {
        int channels = p.channels();
        double[] lo = new double[channels];
        double[] hi = new double[channels];
        boolean[] integral = new boolean[channels];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        Arrays.fill(integral, true);
        int block = (int) Math.max(1, Math.min(SCAN_BLOCK_VALUES / channels, p.stream.sampleCount()));
        double[][] buf = new double[channels][block];
        for (Segment seg : p.segments) {
            for (long i = 0; i < seg.sampleCount(); i += block) {
                checkCancelled();
                int n = (int) Math.min(block, seg.sampleCount() - i);
                source.readSamples(p.stream.index(), seg.firstSample() + i, n, buf, 0);
                for (int c = 0; c < channels; c++) {
                    double[] row = buf[c];
                    double l = lo[c];
                    double h = hi[c];
                    boolean whole = integral[c];
                    for (int k = 0; k < n; k++) {
                        double v = row[k];
                        if (Double.isFinite(v)) {
                            if (v < l) l = v;
                            if (v > h) h = v;
                            whole &= v == Math.rint(v);
                        }
                    }
                    lo[c] = l;
                    hi[c] = h;
                    integral[c] = whole;
                }
            }
        }
        ChannelRange[] ranges = new ChannelRange[channels];
        for (int c = 0; c < channels; c++) {
            ranges[c] = range(p.stream.info().channels().get(c), lo[c], hi[c], integral[c]);
        }
        return ranges;
    }

    private ChannelRange range(ChannelInfo ch, double lo, double hi, boolean integral) {
        long dmin = dialect.digitalMin();
        long dmax = dialect.digitalMax();
        boolean any = lo <= hi;
        if (!any) {
            lo = -1;
            hi = 1;
        }
        if (dialect == EdfDialect.BDF && isStatus(ch) && integral && lo >= 0 && hi < (1L << 24)) {
            return new ChannelRange(Long.toString(dmin), Long.toString(dmax), dmin, dmax, true);
        }
        ChannelRange kept = sourceRange(ch, lo, hi);
        if (kept != null) return kept;
        long span = dmax - dmin;
        if (integral && any && hi - lo <= span) {
            String pmin = EdfNumbers.fit(lo, RoundingMode.FLOOR);
            String pmax = EdfNumbers.fit(lo + span, RoundingMode.FLOOR);
            if (pmin != null && pmax != null && Double.parseDouble(pmin) == lo && Double.parseDouble(pmax) == lo + span) {
                return new ChannelRange(pmin, pmax, dmin, dmax, false);
            }
        }
        String pmin = EdfNumbers.fit(lo, RoundingMode.FLOOR);
        String pmax = EdfNumbers.fit(hi, RoundingMode.CEILING);
        if (pmin == null || pmax == null) {
            // Values too large for 8 characters: the nearest storable bounds.
            pmin = pmin == null ? "-9999999" : pmin;
            pmax = pmax == null ? "99999999" : pmax;
            LOG.log(System.Logger.Level.WARNING, "channel ''{0}'': values {1} .. {2} exceed what an 8-character "
                    + "physical range holds; clipped to {3} .. {4}", ch.label(), lo, hi, pmin, pmax);
        }
        if (Double.parseDouble(pmin) == Double.parseDouble(pmax)) {
            pmax = EdfNumbers.fit(Double.parseDouble(pmin) + 1, RoundingMode.CEILING);
        }
        return new ChannelRange(pmin, pmax, dmin, dmax, false);
    }

    /** The source's own range if it is complete, finite, storable and holds the data; else null. */
    private ChannelRange sourceRange(ChannelInfo ch, double lo, double hi) {
        Map<String, String> a = ch.attributes();
        if (ch.attributes().containsKey(EdfReader.BDF_STATUS)) return null;
        try {
            double pmin = Double.parseDouble(a.getOrDefault(EdfReader.PHYSICAL_MIN, "x"));
            double pmax = Double.parseDouble(a.getOrDefault(EdfReader.PHYSICAL_MAX, "x"));
            long dmin = Long.parseLong(a.getOrDefault(EdfReader.DIGITAL_MIN, "x"));
            long dmax = Long.parseLong(a.getOrDefault(EdfReader.DIGITAL_MAX, "x"));
            boolean ok = Double.isFinite(pmin) && Double.isFinite(pmax) && pmin != pmax && dmin < dmax
                    && dmin >= dialect.digitalMin() && dmax <= dialect.digitalMax()
                    && EdfNumbers.fitsExactly(pmin) && EdfNumbers.fitsExactly(pmax)
                    && lo >= Math.min(pmin, pmax) && hi <= Math.max(pmin, pmax);
            if (!ok) return null;
            return new ChannelRange(EdfNumbers.fit(pmin, RoundingMode.HALF_EVEN), EdfNumbers.fit(pmax, RoundingMode.HALF_EVEN),
                    dmin, dmax, false);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isStatus(ChannelInfo ch) {
        return ch.attributes().containsKey(EdfReader.BDF_STATUS)
                || (ch.type() == ChannelType.TRIGGER && ch.label().equalsIgnoreCase(EdfReader.STATUS_LABEL));
    }

    // ---------------------------------------------------------------- annotations

    private List<byte[]> annotationTals(RecordingReader source, RecordingInfo info, List<RecordedStream> strings,
                                        double t0, double fraction) throws IOException {
        List<Annotation> all = new ArrayList<>(info.annotations());
        // A reader may list marker samples among its annotations too: write each (time, text) once.
        Set<String> seen = new HashSet<>();
        for (Annotation a : all) seen.add(annotationKey(a.onsetSeconds(), a.text()));
        for (RecordedStream s : strings) {
            final int chunk = 4096;
            for (long i = 0; i < s.sampleCount(); i += chunk) {
                checkCancelled();
                int n = (int) Math.min(chunk, s.sampleCount() - i);
                String[][] values = source.readStrings(s.index(), i, n);
                double[] times = new double[n];
                source.readTimestamps(s.index(), i, n, times, 0);
                for (int k = 0; k < n; k++) {
                    String text = String.join(" | ", values[k]);
                    if (!seen.contains(annotationKey(times[k], text))) all.add(new Annotation(times[k], text));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        List<byte[]> tals = new ArrayList<>(all.size());
        for (Annotation a : all) {
            tals.add(TimeAnnotationLists.annotation(a.onsetSeconds() - t0 + fraction, a.durationSeconds(), a.text()));
        }
        return tals;
    }

    /** Identity of an annotation at the 100 ns resolution EDF+ stores. */
    private static String annotationKey(double onsetSeconds, String text) {
        return Math.round(onsetSeconds * 1e7) + "\u0000" + text;
    }

    // ---------------------------------------------------------------- header

    private byte[] header(RecordingInfo info, List<Plan> plans, LocalDateTime start, boolean knownStart,
                          boolean discontinuous, long records, double recordSeconds, int annotationSamples, Path target)
            throws RecordingFormatException {
        int ns = 1;
        for (Plan p : plans) ns += p.channels();
        if (ns > 9999) {
            throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, ns
                    + " signals exceed the 4-character signal count of EDF");
        }
        byte[] h = new byte[EdfHeaderParser.FIXED_HEADER_BYTES * (ns + 1)];
        Arrays.fill(h, (byte) ' ');
        System.arraycopy(dialect.versionField(), 0, h, 0, 8);
        Map<String, String> props = info.properties();
        put(h, EdfHeaderParser.OFF_PATIENT, 80, EdfIdentification.buildPatient(props));
        put(h, EdfHeaderParser.OFF_RECORDING, 80, EdfIdentification.buildRecording(props,
                knownStart ? start.toLocalDate() : null));
        put(h, EdfHeaderParser.OFF_START_DATE, 8, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getDayOfMonth(),
                start.getMonthValue(), start.getYear() % 100));
        put(h, EdfHeaderParser.OFF_START_TIME, 8, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getHour(),
                start.getMinute(), start.getSecond()));
        put(h, EdfHeaderParser.OFF_HEADER_BYTES, 8, Integer.toString(h.length));
        put(h, EdfHeaderParser.OFF_RESERVED, 44, dialect.variantPrefix() + (discontinuous ? "+D" : "+C"));
        put(h, EdfHeaderParser.OFF_RECORD_COUNT, 8, Long.toString(records));
        put(h, EdfHeaderParser.OFF_RECORD_SECONDS, 8, EdfNumbers.fit(recordSeconds, RoundingMode.HALF_EVEN));
        put(h, EdfHeaderParser.OFF_SIGNAL_COUNT, 4, Integer.toString(ns));
        int i = 0;
        for (Plan p : plans) {
            for (int c = 0; c < p.channels(); c++, i++) {
                ChannelInfo ch = p.stream.info().channels().get(c);
                ChannelRange r = p.ranges[c];
                String unit = Units.isVoltage(ch.unit()) ? Units.MICROVOLT : ch.unit();
                signalField(h, ns, EdfHeaderParser.F_LABEL, i, ch.label());
                signalField(h, ns, EdfHeaderParser.F_TRANSDUCER, i, ch.attribute(ChannelInfo.TRANSDUCER));
                signalField(h, ns, EdfHeaderParser.F_DIMENSION, i, unit);
                signalField(h, ns, EdfHeaderParser.F_PMIN, i, r.physicalMin());
                signalField(h, ns, EdfHeaderParser.F_PMAX, i, r.physicalMax());
                signalField(h, ns, EdfHeaderParser.F_DMIN, i, Long.toString(r.digitalMin()));
                signalField(h, ns, EdfHeaderParser.F_DMAX, i, Long.toString(r.digitalMax()));
                signalField(h, ns, EdfHeaderParser.F_PREFILTER, i, ch.attribute(ChannelInfo.PREFILTER));
                signalField(h, ns, EdfHeaderParser.F_SAMPLES, i, Integer.toString(p.samplesPerRecord));
            }
        }
        // The annotation signal: EDFlib's convention of a -1..1 physical range over the full digital range.
        signalField(h, ns, EdfHeaderParser.F_LABEL, i, dialect.annotationLabel());
        signalField(h, ns, EdfHeaderParser.F_PMIN, i, "-1");
        signalField(h, ns, EdfHeaderParser.F_PMAX, i, "1");
        signalField(h, ns, EdfHeaderParser.F_DMIN, i, Long.toString(dialect.digitalMin()));
        signalField(h, ns, EdfHeaderParser.F_DMAX, i, Long.toString(dialect.digitalMax()));
        signalField(h, ns, EdfHeaderParser.F_SAMPLES, i, Integer.toString(annotationSamples));
        return h;
    }

    private static void signalField(byte[] h, int ns, int field, int signal, String value) {
        put(h, (int) EdfHeaderParser.fieldOffset(ns, field, signal), EdfHeaderParser.SIGNAL_FIELD_WIDTHS[field], value);
    }

    /** ASCII text, left-aligned and space-padded, clipped to the field width. */
    private static void put(byte[] h, int off, int width, String value) {
        String s = EdfIdentification.ascii(value == null ? "" : value.trim());
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, Math.min(width, b.length));
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }

    private void checkCancelled() {
        if (progress.isCancelled()) throw new CancellationException("writing cancelled");
    }

    // ---------------------------------------------------------------- data records

    /** Assembles and writes blocks of data records. Confined to the writing thread. */
    private final class RecordBlockWriter {
        private final RecordingReader source;
        private final FileChannel out;
        private final List<Plan> plans;
        private final long recordBytes;
        private final int annotationBytes;
        private final List<byte[]> tals;
        private final long totalRecords;
        private final int blockRecords;
        private final byte[] block;
        private final double[][][] values;
        private final double[][] edge;
        private final double[][][] edgeColumn;
        private int nextTal;
        private long written;
        private long nanCount;

        RecordBlockWriter(RecordingReader source, FileChannel out, List<Plan> plans, long recordBytes, int annotationBytes,
                          List<byte[]> tals, long totalRecords) {
            this.source = source;
            this.out = out;
            this.plans = plans;
            this.recordBytes = recordBytes;
            this.annotationBytes = annotationBytes;
            this.tals = tals;
            this.totalRecords = totalRecords;
            this.blockRecords = (int) Math.max(1, Math.min(totalRecords, BLOCK_BYTES / recordBytes));
            this.block = new byte[(int) (blockRecords * recordBytes)];
            this.values = new double[plans.size()][][];
            this.edge = new double[plans.size()][];
            this.edgeColumn = new double[plans.size()][][];
            for (int s = 0; s < plans.size(); s++) {
                values[s] = new double[plans.get(s).channels()][blockRecords * plans.get(s).samplesPerRecord];
                edge[s] = new double[plans.get(s).channels()];
                edgeColumn[s] = new double[plans.get(s).channels()][1];
            }
        }

        /** Writes run {@code k}: {@code records} records, the first starting at {@code onset} s in EDF time. */
        void writeRun(int k, long records, double onset, double recordSeconds) throws IOException {
            for (long r = 0; r < records; r += blockRecords) {
                checkCancelled();
                int n = (int) Math.min(blockRecords, records - r);
                for (int s = 0; s < plans.size(); s++) fetch(s, k, r, n);
                Arrays.fill(block, 0, (int) (n * recordBytes), (byte) 0);
                for (int i = 0; i < n; i++) {
                    int pos = (int) (i * recordBytes);
                    for (int s = 0; s < plans.size(); s++) {
                        Plan p = plans.get(s);
                        for (int c = 0; c < p.channels(); c++) {
                            pos = encode(p.ranges[c], values[s][c], i * p.samplesPerRecord, p.samplesPerRecord, pos);
                        }
                    }
                    fillAnnotations(pos, onset + (r + i) * recordSeconds);
                }
                writeFully(out, ByteBuffer.wrap(block, 0, (int) (n * recordBytes)));
                written += n;
                progress.progress(written, totalRecords);
            }
            if (nanCount > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0} NaN sample values written as the digital value nearest 0",
                        nanCount);
                nanCount = 0;
            }
        }

        /** Reads stream s's values for records [r, r + n) of run k, padding outside the segment. */
        private void fetch(int s, int k, long r, int n) throws IOException {
            Plan p = plans.get(s);
            Segment seg = p.segments.get(k);
            int spr = p.samplesPerRecord;
            long from = r * spr - p.leadSamples[k];
            long to = from + (long) n * spr;
            long a = Math.max(0, from);
            long b = Math.min(seg.sampleCount(), to);
            double[][] v = values[s];
            if (b > a) {
                source.readSamples(p.stream.index(), seg.firstSample() + a, (int) (b - a), v, (int) (a - from));
            }
            if (from < 0) {
                readEdge(s, seg.firstSample());
                for (int c = 0; c < v.length; c++) Arrays.fill(v[c], 0, (int) Math.min(-from, to - from), edge[s][c]);
            }
            if (to > seg.sampleCount()) {
                readEdge(s, seg.firstSample() + seg.sampleCount() - 1);
                int padFrom = (int) Math.max(0, seg.sampleCount() - from);
                for (int c = 0; c < v.length; c++) Arrays.fill(v[c], padFrom, (int) (to - from), edge[s][c]);
            }
        }

        /** Sets {@code edge[s]} to sample {@code index} of stream s. */
        private void readEdge(int s, long index) throws IOException {
            double[][] column = edgeColumn[s];
            source.readSamples(plans.get(s).stream.index(), index, 1, column, 0);
            for (int c = 0; c < column.length; c++) edge[s][c] = column[c][0];
        }

        private int encode(ChannelRange range, double[] row, int from, int n, int pos) {
            long dmin = range.digitalMin();
            long dmax = range.digitalMax();
            double pmin = range.pmin();
            double scale = (dmax - dmin) / (range.pmax() - pmin);
            long nanDigital = Math.max(dmin, Math.min(dmax, Math.round((0 - pmin) * scale + dmin)));
            int bps = dialect.bytesPerSample();
            for (int k = 0; k < n; k++) {
                double v = row[from + k];
                long d;
                if (range.rawStatus()) {
                    long raw = (long) v;
                    d = raw >= (1L << 23) ? raw - (1L << 24) : raw;
                } else if (Double.isNaN(v)) {
                    d = nanDigital;
                    nanCount++;
                } else {
                    d = Math.round((v - pmin) * scale + dmin);
                    if (d < dmin) d = dmin;
                    if (d > dmax) d = dmax;
                }
                block[pos] = (byte) d;
                block[pos + 1] = (byte) (d >> 8);
                if (bps == 3) block[pos + 2] = (byte) (d >> 16);
                pos += bps;
            }
            return pos;
        }

        /** Writes the record's annotation signal at {@code pos}: timekeeping TAL, then annotations that fit. */
        private void fillAnnotations(int pos, double onset) {
            byte[] keeper = TimeAnnotationLists.timekeeping(onset);
            System.arraycopy(keeper, 0, block, pos, keeper.length);
            int used = keeper.length;
            // Greedy filling is enough: every record has room for the longest TAL plus its share of all TALs.
            while (nextTal < tals.size() && used + tals.get(nextTal).length <= annotationBytes) {
                byte[] t = tals.get(nextTal++);
                System.arraycopy(t, 0, block, pos + used, t.length);
                used += t.length;
            }
        }
    }
}
