package dev.liminal.datasets.xdf;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.WriteOptions;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * XDF 1.0, the Extensible Data Format LabRecorder writes (specification: the sccn/xdf wiki).
 * Stateless and thread-safe; each {@link #open} returns a reader for one thread.
 *
 * <p><b>Reading.</b> Every chunk type is understood (FileHeader, StreamHeader, Samples,
 * ClockOffset, Boundary, StreamFooter; unknown tags are skipped with a warning), every channel
 * format, samples with or without timestamps, truncated files (every complete chunk is kept and
 * a warning says at which byte the file was cut) and hostile headers (see
 * {@link dev.liminal.datasets.xml.SafeXml}). Times are on the recording host's LSL clock after
 * clock synchronisation; {@link XdfReadOptions} says how they are post-processed. Samples are
 * not held in memory: the reader indexes chunk positions and re-reads what is asked for.
 *
 * <p><b>Units.</b> A numeric channel whose unit is a voltage ({@code V}, {@code mV},
 * {@code uV}/{@code µV}, {@code nV}, or the XDF meta-data words {@code microvolts},
 * {@code millivolts}, {@code volts}) is converted to microvolts. A numeric channel without a unit
 * whose type is EEG (its {@code <type>}, or the stream's type EEG when the channel has none) is
 * taken to be in microvolts already, as LSL EEG sources send by convention; such channels carry
 * the attribute {@value #UNIT_ASSUMED} = {@code "true"}. Every other unit is kept unchanged.
 *
 * <p><b>Markers.</b> Every sample of a string stream becomes an {@link Annotation} (text, onset,
 * no duration, channel {@code ""}, or the channel's label for multi-channel string streams);
 * empty strings of regular-rate string streams are "nothing happened" ticks and are skipped.
 * {@link RecordingReader#readStrings} reads string streams as stored.
 *
 * <p><b>Writing</b> ({@link #write}): see {@link XdfWriter} for the incremental writer.
 */
public final class XdfFormat implements RecordingFormat {
    /** The format id. */
    public static final String ID = "xdf";
    /** Stream property holding the header's {@code desc} element verbatim. */
    public static final String DESC_XML = "desc_xml";
    /** Stream property: the measured rate of the regular segments in Hz (pyxdf's effective_srate). */
    public static final String EFFECTIVE_SRATE = "effective_srate";
    /** Stream property: how many ClockOffset chunks the stream has. */
    public static final String CLOCK_OFFSET_COUNT = "clock_offset_count";
    /** Channel attribute: the unit the file gave, when values were converted to microvolts. */
    public static final String FILE_UNIT = "file_unit";
    /** Channel attribute: "true" when an EEG channel without unit was taken to be in microvolts. */
    public static final String UNIT_ASSUMED = "unit_assumed";
    /** Name and type of the string stream that carries annotations not from a string stream. */
    public static final String MARKER_STREAM = "Markers";
    /**
     * Element of the {@value #MARKER_STREAM} stream's {@code desc} that keeps what XDF markers
     * cannot carry, in marker order: {@code <durations>} (seconds, {@code nan} for none) and,
     * when any annotation names one, {@code <channels>} with one {@code <c>} each. Other XDF
     * readers see plain markers; Liminal reads the durations and channels back.
     */
    public static final String ANNOTATIONS_DESC = "liminal_annotations";
    /** Samples copied per block by {@link #write}. */
    private static final int WRITE_BLOCK = 8192;
    /** Two annotations are the same marker when their onsets differ by less (seconds). */
    private static final double SAME_ONSET_SECONDS = 1e-9;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "XDF (Extensible Data Format)";
    }

    @Override
    public List<String> extensions() {
        return List.of("xdf");
    }

    @Override
    public boolean probe(Path file, byte[] head) {
        return head != null && head.length >= XdfReader.MAGIC.length
                && Arrays.equals(head, 0, XdfReader.MAGIC.length, XdfReader.MAGIC, 0, XdfReader.MAGIC.length);
    }

    @Override
    public RecordingReader open(Path file) throws IOException {
        return open(file, XdfReadOptions.DEFAULT);
    }

    /**
     * Opens an XDF file with explicit timestamp post-processing.
     *
     * @throws RecordingFormatException naming the file and byte offset if it is malformed
     */
    public static RecordingReader open(Path file, XdfReadOptions options) throws IOException {
        return XdfReader.open(file, options);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /**
     * Writes every stream of {@code source} as an XDF stream, block by block (memory bounded by
     * the block size, not the recording), then the annotations that do not come from one of
     * the source's string streams as an irregular string stream named {@value #MARKER_STREAM}
     * (so EDF+ annotations survive EDF to XDF; their durations and channels, which XDF markers
     * lack, go into the stream's {@code desc} as {@value #ANNOTATIONS_DESC}).
     *
     * <p>Each sample's time is {@code source.readTimestamps}; no ClockOffset chunks are written,
     * since those times are already on one clock. Numeric formats: a stream stored as an
     * integer format keeps it when every value (in memory units) is an integer within its range
     * (e.g. XDF int16 in microvolts), checked in a first pass; otherwise, and for double64
     * sources, values are written as double64 so nothing is lost; float32 sources stay float32.
     * {@code options} are not used (XDF has no data records).
     */
    @Override
    public void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        RecordingInfo info = source.info();
        long total = 0;
        for (RecordedStream s : info.streams()) total += s.sampleCount();
        boolean ok = false;
        try (XdfWriter w = new XdfWriter(target)) {
            long[] done = {0};
            List<Annotation> fromStrings = new ArrayList<>();
            for (RecordedStream s : info.streams()) {
                StreamInfo si = s.info();
                SampleFormat format = si.format().isNumeric() ? chooseFormat(source, s) : SampleFormat.STRING;
                StreamInfo out = new StreamInfo(si.name(), si.type(), si.sourceId(), si.channels(), si.nominalRateHz(),
                        format, si.properties());
                int id = w.addStream(out, descExtra(si, target));
                copyStream(source, s, w, id, done, total, listener, fromStrings);
            }
            List<Annotation> rest = annotationsNotFrom(info.annotations(), fromStrings);
            if (!rest.isEmpty()) {
                StreamInfo markers = new StreamInfo(MARKER_STREAM, MARKER_STREAM, "",
                        List.of(new ChannelInfo(MARKER_STREAM, dev.liminal.core.ChannelType.MISC, "")),
                        StreamInfo.IRREGULAR_RATE, SampleFormat.STRING, Map.of());
                int id = w.addStream(markers, annotationsDesc(rest));
                String[][] text = new String[rest.size()][];
                double[] onsets = new double[rest.size()];
                for (int i = 0; i < rest.size(); i++) {
                    text[i] = new String[] {rest.get(i).text()};
                    onsets[i] = rest.get(i).onsetSeconds();
                }
                w.writeStrings(id, text, 0, text.length, onsets);
            }
            ok = true;
        } catch (CancellationException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET,
                    "cannot write XDF: " + e.getMessage(), e);
        } finally {
            if (!ok) Files.deleteIfExists(target);
        }
    }

    private static void copyStream(RecordingReader source, RecordedStream s, XdfWriter w, int id, long[] done, long total,
                                   ProgressListener listener, List<Annotation> fromStrings) throws IOException {
        int channels = s.info().channelCount();
        double[] times = new double[WRITE_BLOCK];
        double[][] values = s.info().format().isNumeric() ? new double[channels][WRITE_BLOCK] : null;
        for (long first = 0; first < s.sampleCount(); first += WRITE_BLOCK) {
            if (listener.isCancelled()) throw new CancellationException("XDF write cancelled");
            int n = (int) Math.min(WRITE_BLOCK, s.sampleCount() - first);
            source.readTimestamps(s.index(), first, n, times, 0);
            if (values != null) {
                source.readSamples(s.index(), first, n, values, 0);
                w.writeSamples(id, values, 0, n, times);
            } else {
                String[][] strs = source.readStrings(s.index(), first, n);
                w.writeStrings(id, strs, 0, n, times);
                for (int k = 0; k < n; k++) {
                    for (String v : strs[k]) fromStrings.add(new Annotation(times[k], v == null ? "" : v));
                }
            }
            done[0] += n;
            listener.progress(done[0], total);
        }
    }

    /** The format a numeric stream is written in (see {@link #write}). */
    static SampleFormat chooseFormat(RecordingReader source, RecordedStream s) throws IOException {
        SampleFormat f = s.info().format();
        if (f == SampleFormat.FLOAT32 || f == SampleFormat.DOUBLE64) return f;
        double min;
        double max;
        switch (f) {
            case INT8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
            case INT16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case INT32: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            default: min = -(1L << 53); max = 1L << 53; break;
        }
        int channels = s.info().channelCount();
        double[][] values = new double[channels][WRITE_BLOCK];
        for (long first = 0; first < s.sampleCount(); first += WRITE_BLOCK) {
            int n = (int) Math.min(WRITE_BLOCK, s.sampleCount() - first);
            source.readSamples(s.index(), first, n, values, 0);
            for (int c = 0; c < channels; c++) {
                double[] row = values[c];
                for (int k = 0; k < n; k++) {
                    double v = row[k];
                    if (v != Math.rint(v) || v < min || v > max) return SampleFormat.DOUBLE64;
                }
            }
        }
        return f;
    }

    /** The source's desc content other than channels (written from the StreamInfo), or null. */
    private static String descExtra(StreamInfo si, Path target) {
        String desc = si.property(DESC_XML);
        if (desc.isEmpty()) return null;
        try {
            Element root = SafeXml.parse(desc, target, RecordingFormatException.NO_OFFSET).getDocumentElement();
            StringBuilder sb = new StringBuilder();
            for (Element e : SafeXml.children(root)) {
                if (!e.getNodeName().equals("channels")) sb.append(SafeXml.serialize(e));
            }
            return sb.toString();
        } catch (RecordingFormatException e) {
            return null;
        }
    }

    /** The {@value #ANNOTATIONS_DESC} element for these markers, or null when none has a duration or channel. */
    static String annotationsDesc(List<Annotation> markers) {
        boolean durations = markers.stream().anyMatch(Annotation::hasDuration);
        boolean channels = markers.stream().anyMatch(a -> !a.channel().isEmpty());
        if (!durations && !channels) return null;
        StringBuilder sb = new StringBuilder(32 + 12 * markers.size());
        sb.append('<').append(ANNOTATIONS_DESC).append("><durations>");
        for (int i = 0; i < markers.size(); i++) {
            Annotation a = markers.get(i);
            if (i > 0) sb.append(' ');
            sb.append(a.hasDuration() ? Double.toString(a.durationSeconds()) : "nan");
        }
        sb.append("</durations>");
        if (channels) {
            sb.append("<channels>");
            for (Annotation a : markers) sb.append("<c>").append(SafeXml.escape(a.channel())).append("</c>");
            sb.append("</channels>");
        }
        return sb.append("</").append(ANNOTATIONS_DESC).append('>').toString();
    }

    private static List<Annotation> annotationsNotFrom(List<Annotation> all, List<Annotation> fromStrings) {
        Map<String, List<Double>> seen = new LinkedHashMap<>();
        for (Annotation a : fromStrings) seen.computeIfAbsent(a.text(), k -> new ArrayList<>()).add(a.onsetSeconds());
        List<Annotation> rest = new ArrayList<>();
        for (Annotation a : all) {
            List<Double> onsets = seen.get(a.text());
            boolean matched = false;
            if (onsets != null) {
                for (int i = 0; i < onsets.size(); i++) {
                    if (Math.abs(onsets.get(i) - a.onsetSeconds()) < SAME_ONSET_SECONDS) {
                        onsets.remove(i);
                        matched = true;
                        break;
                    }
                }
            }
            if (!matched) rest.add(a);
        }
        return rest;
    }
}
