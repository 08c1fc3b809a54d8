package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.SessionJson;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test scaffolding, registered only in the test class path: a minimal file format that, like
 * EDF+, stores numeric streams and annotations but knows nothing of sessions, so the session
 * can only travel as annotations. {@link WithSession} also stores the session natively as
 * session JSON, as the XDF writer does in its marker stream header. The reader loads the whole
 * file into memory. Stateless; thread-safe.
 */
public class TestRecordingFormat implements RecordingFormat {
    /** First bytes of every file. */
    static final byte[] MAGIC = "LIMINAL-TEST-RECORDING\n".getBytes(StandardCharsets.US_ASCII);
    /** First bytes of a file with a native session. */
    static final byte[] MAGIC_WITH_SESSION = "LIMINAL-TEST-RECORDING+SESSION\n".getBytes(StandardCharsets.US_ASCII);

    /** The variant that stores the session natively, extension {@code ltrs}. */
    public static final class WithSession extends TestRecordingFormat {
        @Override
        public String id() {
            return "liminal-test-session";
        }

        @Override
        public List<String> extensions() {
            return List.of("ltrs");
        }

        @Override
        byte[] magic() {
            return MAGIC_WITH_SESSION;
        }

        @Override
        boolean storesSession() {
            return true;
        }
    }

    /** Whether the file holds the session as session JSON besides the annotations. */
    boolean storesSession() {
        return false;
    }

    byte[] magic() {
        return MAGIC;
    }
    /** Streams and channels above this are rejected as corrupt, before allocating. */
    private static final int MAX_COUNT = 1 << 16;

    @Override
    public String id() {
        return "liminal-test";
    }

    @Override
    public String displayName() {
        return "Liminal test recording";
    }

    @Override
    public List<String> extensions() {
        return List.of("ltr");
    }

    @Override
    public boolean probe(Path file, byte[] head) {
        return head.length >= magic().length && Arrays.equals(Arrays.copyOf(head, magic().length), magic());
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public RecordingReader open(Path file) throws IOException {
        long size = Files.size(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(magic().length);
            if (!Arrays.equals(magic, magic())) throw new RecordingFormatException(file, 0, "not a test recording");
            long startMillis = in.readLong();
            double duration = in.readDouble();
            int streamCount = count(in.readInt(), file, "streams");
            List<RecordedStream> streams = new ArrayList<>();
            List<double[][]> samples = new ArrayList<>();
            for (int s = 0; s < streamCount; s++) {
                String name = in.readUTF();
                SampleFormat format = SampleFormat.valueOf(in.readUTF());
                double rate = in.readDouble();
                int channelCount = count(in.readInt(), file, "channels");
                List<ChannelInfo> channels = new ArrayList<>();
                for (int c = 0; c < channelCount; c++) {
                    channels.add(new ChannelInfo(in.readUTF(), ChannelType.valueOf(in.readUTF()), in.readUTF()));
                }
                long sampleCount = in.readLong();
                if (sampleCount < 0 || sampleCount * channelCount * Double.BYTES > size) {
                    throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, "sample count "
                            + sampleCount + " exceeds the file size " + size);
                }
                int segmentCount = count(in.readInt(), file, "segments");
                List<Segment> segments = new ArrayList<>();
                for (int g = 0; g < segmentCount; g++) {
                    segments.add(new Segment(in.readLong(), in.readLong(), in.readDouble()));
                }
                double[][] rows = new double[channelCount][(int) sampleCount];
                for (double[] row : rows) {
                    for (int k = 0; k < row.length; k++) row[k] = in.readDouble();
                }
                streams.add(new RecordedStream(s, new StreamInfo(name, "EEG", "", channels, rate, format,
                        Map.of()), sampleCount, segments, s, Map.of()));
                samples.add(rows);
            }
            int annotationCount = count(in.readInt(), file, "annotations");
            List<Annotation> annotations = new ArrayList<>();
            for (int a = 0; a < annotationCount; a++) {
                annotations.add(new Annotation(in.readDouble(), in.readDouble(), in.readUTF(), in.readUTF()));
            }
            SessionTimeline session = null;
            if (storesSession()) {
                byte[] json = new byte[count(in.readInt(), file, "session bytes")];
                in.readFully(json);
                session = SessionJson.parse(json, file);
            }
            RecordingInfo info = new RecordingInfo(file, id(), "test 1", startMillis < 0 ? null
                    : Instant.ofEpochMilli(startMillis), duration, streams, annotations, session, Map.of(), List.of());
            return new MemoryRecording(info, samples);
        } catch (EOFException e) {
            throw new RecordingFormatException(file, size, "truncated", e);
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, e.getMessage(), e);
        }
    }

    @Override
    public void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        RecordingInfo info = source.info();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
            out.write(magic());
            out.writeLong(info.startTime() == null ? -1 : info.startTime().toEpochMilli());
            out.writeDouble(info.durationSeconds());
            out.writeInt(info.streams().size());
            for (RecordedStream s : info.streams()) {
                out.writeUTF(s.info().name());
                out.writeUTF(s.info().format().name());
                out.writeDouble(s.info().nominalRateHz());
                out.writeInt(s.info().channelCount());
                for (ChannelInfo c : s.info().channels()) {
                    out.writeUTF(c.label());
                    out.writeUTF(c.type().name());
                    out.writeUTF(c.unit());
                }
                out.writeLong(s.sampleCount());
                out.writeInt(s.segments().size());
                for (Segment g : s.segments()) {
                    out.writeLong(g.firstSample());
                    out.writeLong(g.sampleCount());
                    out.writeDouble(g.startSeconds());
                }
                double[][] rows = new double[s.info().channelCount()][(int) s.sampleCount()];
                source.readSamples(s.index(), 0, (int) s.sampleCount(), rows, 0);
                for (double[] row : rows) {
                    for (double v : row) out.writeDouble(v);
                }
                progress.progress(s.index() + 1, info.streams().size());
            }
            out.writeInt(info.annotations().size());
            for (Annotation a : info.annotations()) {
                out.writeDouble(a.onsetSeconds());
                out.writeDouble(a.durationSeconds());
                out.writeUTF(a.text());
                out.writeUTF(a.channel());
            }
            if (storesSession()) {
                byte[] json = SessionJson.toBytes(info.session());
                out.writeInt(json.length);
                out.write(json);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private static int count(int n, Path file, String what) throws RecordingFormatException {
        if (n < 0 || n > MAX_COUNT) {
            throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, what + " count " + n
                    + " is outside 0-" + MAX_COUNT);
        }
        return n;
    }
}
