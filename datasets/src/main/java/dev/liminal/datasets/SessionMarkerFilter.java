package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A view of a recording whose marker (irregular string) streams no longer hold the session
 * markers of an earlier session: {@link Recordings#write} encodes the current session anew, and
 * a writer that also copied the old markers (XDF) or turned them into annotations (EDF+) would
 * otherwise store a stale session beside the current one. Only markers that
 * {@link SessionAnnotations#decode} takes as session metadata of a stream that carries a
 * session header are hidden; other markers, and streams without a header (another lab's "EYES
 * CLOSED" markers), are untouched. Not thread-safe, like the reader it wraps.
 */
final class SessionMarkerFilter implements RecordingReader {
    /** Marker streams larger than this are passed through unfiltered (their markers are read whole). */
    static final long MAX_FILTERED_SAMPLES = 1_000_000;

    private final RecordingReader source;
    private final RecordingInfo info;
    /** Per stream: the source sample index of each visible sample, or null when all are visible. */
    private final long[][] keep;

    private SessionMarkerFilter(RecordingReader source, RecordingInfo info, long[][] keep) {
        this.source = source;
        this.info = info;
        this.keep = keep;
    }

    /**
     * The view of {@code source} described by {@code info} (whose streams are those of the
     * source) with the session markers of its marker streams hidden.
     *
     * @param source read for the markers now, and for everything later; closed with the view
     */
    static RecordingReader of(RecordingReader source, RecordingInfo info) throws IOException {
        Objects.requireNonNull(info, "info");
        List<RecordedStream> streams = new ArrayList<>(info.streams());
        long[][] keep = new long[streams.size()][];
        boolean any = false;
        for (RecordedStream s : info.streams()) {
            if (s.info().format().isNumeric() || !s.info().isIrregular() || s.sampleCount() == 0
                    || s.sampleCount() > MAX_FILTERED_SAMPLES) {
                continue;
            }
            long[] kept = visibleSamples(source, s);
            if (kept.length == s.sampleCount()) continue;
            keep[s.index()] = kept;
            any = true;
            streams.set(s.index(), new RecordedStream(s.index(), s.info(), kept.length, s.segments(), s.fileStreamId(),
                    s.footer()));
        }
        if (!any) return new SessionAttachedReader(source, info);
        RecordingInfo filtered = new RecordingInfo(info.source(), info.formatId(), info.formatVariant(),
                info.startTime(), info.durationSeconds(), streams, info.annotations(), info.session(),
                info.properties(), info.warnings());
        return new SessionMarkerFilter(source, filtered, keep);
    }

    /** Indices of the samples of one marker stream that are not session metadata. */
    private static long[] visibleSamples(RecordingReader source, RecordedStream s) throws IOException {
        int n = (int) s.sampleCount();
        String[][] values = source.readStrings(s.index(), 0, n);
        double[] times = new double[n];
        source.readTimestamps(s.index(), 0, n, times, 0);
        List<Annotation> markers = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            markers.add(values[k].length == 1 && values[k][0] != null ? new Annotation(times[k], values[k][0])
                    // multi-channel samples are never session markers: keep them distinct
                    : new Annotation(times[k], Double.NaN, String.join("\u0000", nonNull(values[k])), "multi"));
        }
        DecodedSession decoded = SessionAnnotations.decode(markers);
        if (!decoded.present()) return allOf(n);
        Map<Annotation, Integer> remaining = new HashMap<>();
        for (Annotation a : decoded.annotations()) remaining.merge(a, 1, Integer::sum);
        long[] kept = new long[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            Integer left = remaining.get(markers.get(k));
            if (left != null && left > 0) {
                remaining.put(markers.get(k), left - 1);
                kept[count++] = k;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static String[] nonNull(String[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] == null ? "" : values[i];
        return out;
    }

    private static long[] allOf(int n) {
        long[] all = new long[n];
        for (int k = 0; k < n; k++) all[k] = k;
        return all;
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        source.readSamples(stream, firstSample, count, dst, dstOffset);
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) throws IOException {
        long[] k = keep[stream];
        if (k == null) return source.readStrings(stream, firstSample, count);
        Spans.check(info.streams().get(stream), firstSample, count);
        String[][] out = new String[count][];
        if (count == 0) return out;
        long from = k[(int) firstSample];
        String[][] span = source.readStrings(stream, from, (int) (k[(int) firstSample + count - 1] - from + 1));
        for (int i = 0; i < count; i++) out[i] = span[(int) (k[(int) firstSample + i] - from)];
        return out;
    }

    @Override
    public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset) throws IOException {
        long[] k = keep[stream];
        if (k == null) {
            source.readTimestamps(stream, firstSample, count, dst, dstOffset);
            return;
        }
        Spans.check(info.streams().get(stream), firstSample, count);
        if (count == 0) return;
        long from = k[(int) firstSample];
        double[] span = new double[(int) (k[(int) firstSample + count - 1] - from + 1)];
        source.readTimestamps(stream, from, span.length, span, 0);
        for (int i = 0; i < count; i++) dst[dstOffset + i] = span[(int) (k[(int) firstSample + i] - from)];
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
