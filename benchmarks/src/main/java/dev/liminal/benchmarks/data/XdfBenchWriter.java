package dev.liminal.benchmarks.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a {@link SyntheticEeg} recording as XDF 1.0 the way LabRecorder lays a session out: a
 * float32 EEG stream and a one-channel string marker stream, samples chunks every
 * {@value #CHUNK_SECONDS} s, a ClockOffset chunk per stream every {@value #CLOCK_OFFSET_SECONDS} s,
 * a Boundary chunk every {@value #BOUNDARY_SECONDS} s, and a StreamFooter per stream at the end.
 *
 * <p>Layout from the XDF 1.0 specification (github.com/sccn/xdf/wiki/Specifications): the magic
 * {@code "XDF:"}, then chunks, each {@code [NumLengthBytes: 1, 4 or 8][Length: that many bytes,
 * little-endian, counting tag and content][Tag: uint16][Content]}. Tags: 1 FileHeader (XML),
 * 2 StreamHeader (uint32 StreamId + XML), 3 Samples (StreamId, then a variable-length sample
 * count, then per sample a TimeStampBytes byte (0 or 8), an optional float64 time stamp and the
 * values; strings as variable-length byte count plus bytes), 4 ClockOffset (StreamId,
 * CollectionTime float64, OffsetValue float64), 5 Boundary (a fixed 16-byte UUID), 6
 * StreamFooter (StreamId + XML). Stateless; thread-safe.
 */
public final class XdfBenchWriter {
    /** Which samples carry a time stamp. */
    public enum TimestampMode {
        /** Every sample carries its own time stamp, as LabRecorder writes. */
        EVERY_SAMPLE,
        /** Only the first sample of each chunk does; readers deduce the rest from the nominal rate. */
        FIRST_OF_CHUNK
    }

    /** Seconds of EEG per Samples chunk (LabRecorder writes what it pulled about twice a second). */
    public static final double CHUNK_SECONDS = 0.5;
    /** Seconds between ClockOffset chunks of each stream (LabRecorder's interval). */
    public static final int CLOCK_OFFSET_SECONDS = 5;
    /** Seconds between Boundary chunks (LabRecorder's interval). */
    public static final int BOUNDARY_SECONDS = 10;
    /** Stream ids as LabRecorder numbers them, from 1. */
    public static final int EEG_STREAM_ID = 1;
    public static final int MARKER_STREAM_ID = 2;
    /** LSL clock time of the first EEG sample on the device's clock, in seconds (an arbitrary uptime). */
    public static final double FIRST_TIMESTAMP_SECONDS = 81234.5;
    /** The device clock runs this far behind the recorder's clock at the start, in seconds. */
    public static final double CLOCK_OFFSET_SECONDS_AT_START = 0.0125;
    /** Clock drift between device and recorder, in seconds per second (10 ppm). */
    public static final double CLOCK_DRIFT = 1e-5;
    /** Standard deviation of the measurement noise of each clock offset, in seconds. */
    public static final double CLOCK_OFFSET_NOISE_SECONDS = 20e-6;

    /** The Boundary chunk's fixed content (XDF specification, chunk tag 5). */
    private static final byte[] BOUNDARY_UUID = {0x43, (byte) 0xA5, 0x46, (byte) 0xDC, (byte) 0xCB, (byte) 0xF5, 0x41,
            0x0F, (byte) 0xB3, 0x0E, (byte) 0xD5, 0x46, 0x73, (byte) 0x83, (byte) 0xCB, (byte) 0xE4};
    private static final int TAG_FILE_HEADER = 1;
    private static final int TAG_STREAM_HEADER = 2;
    private static final int TAG_SAMPLES = 3;
    private static final int TAG_CLOCK_OFFSET = 4;
    private static final int TAG_BOUNDARY = 5;
    private static final int TAG_STREAM_FOOTER = 6;
    private static final int FLOAT32_BYTES = 4;
    private static final int TIMESTAMP_BYTES = 8;
    private static final int OUTPUT_BUFFER_BYTES = 1 << 20;

    private XdfBenchWriter() {}

    /**
     * Writes the whole recording to {@code file} (replacing it).
     *
     * @throws IOException if writing fails
     */
    public static void write(Path file, BenchDataSpec spec, TimestampMode mode) throws IOException {
        int rate = spec.samplesPerSecond();
        int chunkSamples = Math.max(1, (int) Math.round(CHUNK_SECONDS * rate));
        int channels = spec.channelCount();
        int total = spec.sampleCount();
        List<BenchMarker> markers = BenchMarker.schedule(spec.durationSeconds());
        SyntheticEeg eeg = new SyntheticEeg(spec);
        SplittableRandom clockNoise = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        double[][] block = new double[channels][chunkSamples];
        ByteBuffer chunk = ByteBuffer.allocate(4 + 9 + chunkSamples * (1 + TIMESTAMP_BYTES + channels * FLOAT32_BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<double[]> eegOffsets = new ArrayList<>();
        List<double[]> markerOffsets = new ArrayList<>();

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), OUTPUT_BUFFER_BYTES)) {
            out.write("XDF:".getBytes(StandardCharsets.US_ASCII));
            byte[] fileHeader = xmlBytes("<?xml version=\"1.0\"?><info><version>1.0</version>"
                    + "<datetime>2026-01-05T09:30:00+0000</datetime></info>");
            writeChunk(out, TAG_FILE_HEADER, fileHeader, fileHeader.length);
            writeStreamChunk(out, TAG_STREAM_HEADER, EEG_STREAM_ID, xmlBytes(eegHeader(spec)));
            writeStreamChunk(out, TAG_STREAM_HEADER, MARKER_STREAM_ID, xmlBytes(markerHeader()));

            int nextMarker = 0;
            int nextOffsetSecond = 0;
            int nextBoundarySecond = BOUNDARY_SECONDS;
            for (int first = 0; first < total; first += chunkSamples) {
                int n = Math.min(chunkSamples, total - first);
                double chunkStartSeconds = first / (double) rate;
                while (nextOffsetSecond <= chunkStartSeconds) {
                    eegOffsets.add(writeClockOffset(out, EEG_STREAM_ID, nextOffsetSecond, clockNoise));
                    markerOffsets.add(writeClockOffset(out, MARKER_STREAM_ID, nextOffsetSecond, clockNoise));
                    nextOffsetSecond += CLOCK_OFFSET_SECONDS;
                }
                if (chunkStartSeconds >= nextBoundarySecond) {
                    writeChunk(out, TAG_BOUNDARY, BOUNDARY_UUID, BOUNDARY_UUID.length);
                    nextBoundarySecond += BOUNDARY_SECONDS;
                }
                eeg.next(block, n);
                chunk.clear();
                chunk.putInt(EEG_STREAM_ID);
                putVarLength(chunk, n);
                for (int k = 0; k < n; k++) {
                    if (mode == TimestampMode.EVERY_SAMPLE || k == 0) {
                        chunk.put((byte) TIMESTAMP_BYTES).putDouble(eegTimestamp(first + k, rate));
                    } else {
                        chunk.put((byte) 0);
                    }
                    for (int c = 0; c < channels; c++) chunk.putFloat((float) block[c][k]);
                }
                writeChunk(out, TAG_SAMPLES, chunk.array(), chunk.position());

                double chunkEndSeconds = (first + n) / (double) rate;
                while (nextMarker < markers.size() && markers.get(nextMarker).onsetSeconds() < chunkEndSeconds) {
                    writeMarker(out, markers.get(nextMarker++));
                }
            }

            writeStreamChunk(out, TAG_STREAM_FOOTER, EEG_STREAM_ID, xmlBytes(footer(eegTimestamp(0, rate),
                    eegTimestamp(total - 1, rate), total, eegOffsets)));
            double firstMarker = markers.isEmpty() ? 0 : markerTimestamp(markers.get(0));
            double lastMarker = markers.isEmpty() ? 0 : markerTimestamp(markers.get(markers.size() - 1));
            writeStreamChunk(out, TAG_STREAM_FOOTER, MARKER_STREAM_ID, xmlBytes(footer(firstMarker, lastMarker,
                    markers.size(), markerOffsets)));
        }
    }

    /** Device-clock time stamp of EEG sample {@code index}, in seconds. */
    public static double eegTimestamp(long index, int rateHz) {
        return FIRST_TIMESTAMP_SECONDS + index / (double) rateHz;
    }

    private static double markerTimestamp(BenchMarker m) {
        return FIRST_TIMESTAMP_SECONDS + m.onsetSeconds();
    }

    private static void writeMarker(OutputStream out, BenchMarker m) throws IOException {
        byte[] text = m.text().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 1 + TIMESTAMP_BYTES + 9 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MARKER_STREAM_ID);
        putVarLength(b, 1);
        b.put((byte) TIMESTAMP_BYTES).putDouble(markerTimestamp(m));
        putVarLength(b, text.length);
        b.put(text);
        writeChunk(out, TAG_SAMPLES, b.array(), b.position());
    }

    /** Writes one ClockOffset chunk measured {@code elapsedSeconds} into the recording; returns {time, value}. */
    private static double[] writeClockOffset(OutputStream out, int streamId, double elapsedSeconds,
                                             SplittableRandom noise) throws IOException {
        double deviceTime = FIRST_TIMESTAMP_SECONDS + elapsedSeconds;
        double offset = CLOCK_OFFSET_SECONDS_AT_START + CLOCK_DRIFT * elapsedSeconds
                + CLOCK_OFFSET_NOISE_SECONDS * noise.nextGaussian();
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(streamId).putDouble(deviceTime).putDouble(offset);
        writeChunk(out, TAG_CLOCK_OFFSET, b.array(), b.position());
        return new double[] {deviceTime, offset};
    }

    private static String eegHeader(BenchDataSpec spec) {
        StringBuilder x = new StringBuilder(256 + 96 * spec.channelCount());
        x.append("<?xml version=\"1.0\"?><info><name>BenchEEG</name><type>EEG</type>")
                .append("<channel_count>").append(spec.channelCount()).append("</channel_count>")
                .append("<nominal_srate>").append(spec.samplesPerSecond()).append("</nominal_srate>")
                .append("<channel_format>float32</channel_format><source_id>liminal-bench-eeg</source_id>")
                .append("<version>1.1</version><created_at>").append(fixed(FIRST_TIMESTAMP_SECONDS - 2.0))
                .append("</created_at><uid>6f1d2c3e-0001-4b6a-9c1e-bench0000eeg</uid><session_id>default</session_id>")
                .append("<hostname>bench-host</hostname><desc><channels>");
        for (String label : SyntheticEeg.labels(spec.channelCount())) {
            x.append("<channel><label>").append(label).append("</label><unit>microvolts</unit><type>EEG</type></channel>");
        }
        x.append("</channels><manufacturer>Liminal benchmark generator</manufacturer></desc></info>");
        return x.toString();
    }

    private static String markerHeader() {
        return "<?xml version=\"1.0\"?><info><name>BenchMarkers</name><type>Markers</type>"
                + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
                + "<channel_format>string</channel_format><source_id>liminal-bench-markers</source_id>"
                + "<version>1.1</version><created_at>" + fixed(FIRST_TIMESTAMP_SECONDS - 1.0) + "</created_at>"
                + "<uid>6f1d2c3e-0002-4b6a-9c1e-bench00marker</uid><session_id>default</session_id>"
                + "<hostname>bench-host</hostname><desc/></info>";
    }

    private static String footer(double first, double last, long count, List<double[]> offsets) {
        StringBuilder x = new StringBuilder(128 + 80 * offsets.size());
        x.append("<?xml version=\"1.0\"?><info><first_timestamp>").append(fixed(first))
                .append("</first_timestamp><last_timestamp>").append(fixed(last))
                .append("</last_timestamp><sample_count>").append(count).append("</sample_count><clock_offsets>");
        for (double[] o : offsets) {
            x.append("<offset><time>").append(fixed(o[0])).append("</time><value>").append(fixed(o[1]))
                    .append("</value></offset>");
        }
        x.append("</clock_offsets></info>");
        return x.toString();
    }

    private static String fixed(double seconds) {
        return String.format(Locale.ROOT, "%.9f", seconds);
    }

    private static byte[] xmlBytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a chunk whose content starts with a uint32 StreamId: header or footer XML. */
    private static void writeStreamChunk(OutputStream out, int tag, int streamId, byte[] xml) throws IOException {
        byte[] content = new byte[4 + xml.length];
        ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putInt(streamId).put(xml);
        writeChunk(out, tag, content, content.length);
    }

    /** Writes {@code [varlen length][tag][content]}; the length counts the 2 tag bytes and the content. */
    private static void writeChunk(OutputStream out, int tag, byte[] content, int contentLength) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(1 + 8 + 2).order(ByteOrder.LITTLE_ENDIAN);
        putVarLength(head, 2L + contentLength);
        head.putShort((short) tag);
        out.write(head.array(), 0, head.position());
        out.write(content, 0, contentLength);
    }

    /** XDF variable-length integer: one byte saying 1, 4 or 8, then the value in that many bytes. */
    static void putVarLength(ByteBuffer b, long value) {
        if (value < 0) throw new IllegalArgumentException("length " + value + " < 0");
        if (value <= 0xFF) {
            b.put((byte) 1).put((byte) value);
        } else if (value <= 0xFFFF_FFFFL) {
            b.put((byte) 4).putInt((int) value);
        } else {
            b.put((byte) 8).putLong(value);
        }
    }
}
