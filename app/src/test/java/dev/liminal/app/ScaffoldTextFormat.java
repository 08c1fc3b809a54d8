package dev.liminal.app;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTierTable;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;
import dev.liminal.datasets.WriteOptions;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only scaffolding: a line-based text recording format ({@code .lscaf}) registered through
 * app's test {@code META-INF/services}, so the subcommands can be driven end to end (including
 * session metadata, which no real format here carries) independently of the binary codecs.
 * Lines, after the magic line {@value #MAGIC}:
 * <pre>
 * start ISO-INSTANT | variant TEXT | property KEY=VALUE | warning TEXT
 * stream NAME|TYPE|RATE_HZ|FORMAT|SOURCE_ID|LABEL:UNIT,LABEL:UNIT
 * annotation ONSET|DURATION_OR_NaN|TEXT
 * phase NAME|START|END          dose MG_PER_KG|KG|ROUTE|FORMULATION|INFUSION_S|START_S
 * probe PROMPT|T|RATING|LATENCY
 * data STREAM|T|V,V,...         (one line per sample)
 * </pre>
 * The writer refuses streams of type {@value #UNWRITABLE_TYPE} midway, as a real writer refuses
 * what its format cannot hold. A malformed line gives a {@link RecordingFormatException} at the line's byte offset.
 * Stateless; thread-safe.
 */
public final class ScaffoldTextFormat implements RecordingFormat {
    static final String MAGIC = "LIMINAL-SCAFFOLD 1";
    /** A stream of this type makes the writer fail after it has written part of the file. */
    static final String UNWRITABLE_TYPE = "unwritable";

    @Override
    public String id() {
        return "lscaf";
    }

    @Override
    public String displayName() {
        return "Liminal test scaffold text";
    }

    @Override
    public List<String> extensions() {
        return List.of("lscaf");
    }

    @Override
    public boolean probe(Path file, byte[] head) {
        return new String(head, StandardCharsets.US_ASCII).startsWith(MAGIC);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public RecordingReader open(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC + "\n")) throw new RecordingFormatException(file, 0, "no '" + MAGIC + "' line");
        Instant start = null;
        String variant = "LSCAF";
        Map<String, String> props = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<StreamInfo> streams = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        List<SessionPhase> phases = new ArrayList<>();
        List<Dose> doses = new ArrayList<>();
        List<ProbeResponse> probes = new ArrayList<>();
        List<List<Double>> times = new ArrayList<>();
        List<List<String[]>> values = new ArrayList<>();
        long offset = MAGIC.length() + 1;
        for (String line : text.substring(MAGIC.length() + 1).split("\n", -1)) {
            long lineOffset = offset;
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (line.isEmpty()) continue;
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            String[] f = rest.split("\\|", -1);
            try {
                switch (key) {
                    case "start": start = Instant.parse(rest); break;
                    case "variant": variant = rest; break;
                    case "property": props.put(rest.substring(0, rest.indexOf('=')), rest.substring(rest.indexOf('=') + 1)); break;
                    case "warning": warnings.add(rest); break;
                    case "stream":
                        List<ChannelInfo> channels = new ArrayList<>();
                        for (String c : f[5].split(",")) {
                            String[] lu = c.split(":", -1);
                            channels.add(new ChannelInfo(lu[0], ChannelType.guess(lu[0], lu[1]), lu[1]));
                        }
                        streams.add(new StreamInfo(f[0], f[1], f[4], channels, Double.parseDouble(f[2]),
                                SampleFormat.fromLslName(f[3]), Map.of()));
                        times.add(new ArrayList<>());
                        values.add(new ArrayList<>());
                        break;
                    case "annotation": annotations.add(new Annotation(Double.parseDouble(f[0]), Double.parseDouble(f[1]), f[2], "")); break;
                    case "phase": phases.add(new SessionPhase(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]))); break;
                    case "dose": doses.add(Dose.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Route.valueOf(f[2]),
                            Formulation.valueOf(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]))); break;
                    case "probe": probes.add(new ProbeResponse(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]))); break;
                    case "data":
                        int s = Integer.parseInt(f[0]);
                        String[] v = f[2].split(",", -1);
                        if (v.length != streams.get(s).channelCount()) {
                            throw new IllegalArgumentException(v.length + " values for " + streams.get(s).channelCount() + " channels");
                        }
                        times.get(s).add(Double.parseDouble(f[1]));
                        values.get(s).add(v);
                        break;
                    default: throw new IllegalArgumentException("unknown line kind '" + key + "'");
                }
            } catch (RuntimeException e) {
                throw new RecordingFormatException(file, lineOffset, "bad '" + key + "' line: " + e.getMessage(), e);
            }
        }
        List<RecordedStream> recorded = new ArrayList<>();
        double end = 0;
        for (int s = 0; s < streams.size(); s++) {
            StreamInfo si = streams.get(s);
            List<Double> t = times.get(s);
            List<Segment> segments = si.isIrregular() || t.isEmpty() ? List.of() : List.of(new Segment(0, t.size(), t.get(0)));
            if (!t.isEmpty()) end = Math.max(end, t.get(t.size() - 1) + (si.isIrregular() ? 0 : 1 / si.nominalRateHz()));
            recorded.add(new RecordedStream(s, si, t.size(), segments, s, Map.of()));
        }
        SessionTimeline session = new SessionTimeline(ProtocolDefinition.DEFAULT, phases, doses, DoseTierTable.DEFAULT,
                List.of(), probes, List.of(), Map.of());
        RecordingInfo info = new RecordingInfo(file, id(), variant, start, end, recorded, annotations, session, props, warnings);
        return new Reader(info, times, values);
    }

    @Override
    public void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        RecordingInfo info = source.info();
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write(MAGIC + "\n");
            if (info.startTime() != null) w.write("start " + info.startTime() + "\n");
            for (Map.Entry<String, String> p : info.properties().entrySet()) w.write("property " + p.getKey() + "=" + p.getValue() + "\n");
            for (RecordedStream s : info.streams()) {
                StringBuilder ch = new StringBuilder();
                for (ChannelInfo c : s.info().channels()) ch.append(ch.length() == 0 ? "" : ",").append(c.label()).append(':').append(c.unit());
                w.write("stream " + s.info().name() + "|" + s.info().type() + "|" + s.info().nominalRateHz() + "|"
                        + s.info().format().lslName() + "|" + s.info().sourceId() + "|" + ch + "\n");
            }
            for (Annotation a : info.annotations()) w.write("annotation " + a.onsetSeconds() + "|" + a.durationSeconds() + "|" + a.text() + "\n");
            SessionTimeline session = info.session();
            for (SessionPhase p : session.phases()) w.write("phase " + p.name() + "|" + p.startSeconds() + "|" + p.endSeconds() + "\n");
            for (Dose d : session.doses()) w.write("dose " + d.mgPerKg() + "|" + d.bodyWeightKg() + "|" + d.route() + "|"
                    + d.formulation() + "|" + d.infusionDurationSeconds() + "|" + d.startSeconds() + "\n");
            for (ProbeResponse p : session.probes()) w.write("probe " + p.prompt() + "|" + p.promptSeconds() + "|" + p.rating()
                    + "|" + p.responseLatencySeconds() + "\n");
            long total = info.streams().stream().mapToLong(RecordedStream::sampleCount).sum();
            long done = 0;
            for (RecordedStream s : info.streams()) {
                if (s.info().type().equals(UNWRITABLE_TYPE)) {
                    throw new RecordingFormatException(target, RecordingFormatException.NO_OFFSET, "cannot represent stream '"
                            + s.info().name() + "' of type " + UNWRITABLE_TYPE);
                }
                int n = (int) s.sampleCount();
                double[] t = new double[n];
                source.readTimestamps(s.index(), 0, n, t, 0);
                double[][] v = new double[s.info().channelCount()][n];
                String[][] str = null;
                if (s.info().format().isNumeric()) source.readSamples(s.index(), 0, n, v, 0);
                else str = source.readStrings(s.index(), 0, n);
                for (int k = 0; k < n; k++) {
                    StringBuilder line = new StringBuilder("data ").append(s.index()).append('|').append(t[k]).append('|');
                    for (int c = 0; c < s.info().channelCount(); c++) {
                        line.append(c == 0 ? "" : ",").append(str == null ? Double.toString(v[c][k]) : str[k][c]);
                    }
                    w.write(line.append('\n').toString());
                }
                done += n;
                progress.progress(done, total);
            }
        }
    }

    private static final class Reader implements RecordingReader {
        private final RecordingInfo info;
        private final List<List<Double>> times;
        private final List<List<String[]>> values;

        Reader(RecordingInfo info, List<List<Double>> times, List<List<String[]>> values) {
            this.info = info;
            this.times = times;
            this.values = values;
        }

        @Override
        public RecordingInfo info() {
            return info;
        }

        @Override
        public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) {
            RecordedStream s = info.streams().get(stream);
            Spans.check(s, firstSample, count);
            Spans.checkDestination(s, dst, dstOffset, count);
            if (!s.info().format().isNumeric()) throw new IllegalArgumentException("stream " + stream + " holds strings");
            for (int k = 0; k < count; k++) {
                String[] v = values.get(stream).get((int) firstSample + k);
                for (int c = 0; c < v.length; c++) dst[c][dstOffset + k] = Double.parseDouble(v[c]);
            }
        }

        @Override
        public String[][] readStrings(int stream, long firstSample, int count) {
            RecordedStream s = info.streams().get(stream);
            Spans.check(s, firstSample, count);
            if (s.info().format().isNumeric()) throw new IllegalArgumentException("stream " + stream + " is numeric");
            String[][] out = new String[count][];
            for (int k = 0; k < count; k++) out[k] = values.get(stream).get((int) firstSample + k).clone();
            return out;
        }

        @Override
        public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset) {
            Spans.check(info.streams().get(stream), firstSample, count);
            for (int k = 0; k < count; k++) dst[dstOffset + k] = times.get(stream).get((int) firstSample + k);
        }

        @Override
        public void close() {
            // Everything was read into memory on open; there is no file handle to release.
        }
    }
}
