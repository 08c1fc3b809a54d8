package dev.liminal.benchmarks.data;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link SyntheticEeg} recording as EDF+C (16-bit samples, with an "EDF Annotations"
 * signal holding the time-keeping TAL of every record and the {@link BenchMarker}s) or as
 * BioSemi-style BDF (24-bit samples, no annotations). One-second data records.
 *
 * <p>Layout from the EDF specification (Kemp et al. 1992, "A simple format for exchange of
 * digitized polygraphic recordings") and the EDF+ specification (Kemp and Olivan 2003): a
 * 256-byte fixed header, then 256 bytes per signal stored field by field (all labels, then all
 * transducers, ...), then the data records, each holding every signal's samples of that record
 * in turn, little-endian two's complement. Stateless; thread-safe.
 */
public final class EdfBenchWriter {
    /** The two encodings this writer produces. */
    public enum Variant {
        /** EDF+ continuous, 16-bit samples, 0.1 uV resolution. */
        EDF_PLUS_C("edf", 2, -32768, 32767, "-3276.8", "3276.7", "EDF+C"),
        /** BioSemi BDF, 24-bit samples, physical range +-262143 uV (about 1/32 uV resolution). */
        BDF("bdf", 3, -8388608, 8388607, "-262144", "262143", "24BIT");

        private final String extension;
        private final int bytesPerSample;
        private final int digitalMin;
        private final int digitalMax;
        private final String physicalMin;
        private final String physicalMax;
        private final String reserved;

        Variant(String extension, int bytesPerSample, int digitalMin, int digitalMax, String physicalMin,
                String physicalMax, String reserved) {
            this.extension = extension;
            this.bytesPerSample = bytesPerSample;
            this.digitalMin = digitalMin;
            this.digitalMax = digitalMax;
            this.physicalMin = physicalMin;
            this.physicalMax = physicalMax;
            this.reserved = reserved;
        }

        /** File name extension without the dot. */
        public String extension() {
            return extension;
        }

        /** Microvolts per digital step. */
        public double microvoltsPerStep() {
            return (Double.parseDouble(physicalMax) - Double.parseDouble(physicalMin)) / ((double) digitalMax - digitalMin);
        }

        /** The physical value of digital value 0, in microvolts. */
        public double offsetMicrovolts() {
            return Double.parseDouble(physicalMin) - digitalMin * microvoltsPerStep();
        }
    }

    /** Recording start written in the header; fixed so generated files are reproducible. */
    public static final LocalDateTime START = LocalDateTime.of(2026, 1, 5, 9, 30, 0);

    /** Size of the fixed header and of each signal's header part, in bytes (EDF spec). */
    private static final int FIXED_HEADER_BYTES = 256;
    private static final int SIGNAL_HEADER_BYTES = 256;
    /** Samples (2 bytes each) of the annotation signal per one-second record: room for the
     *  time-keeping TAL and one marker (EDF+ spec 2.2.4). */
    private static final int ANNOTATION_SAMPLES_PER_RECORD = 32;
    private static final String ANNOTATION_LABEL = "EDF Annotations";
    /** TAL separators (EDF+ spec 2.2.2): 0x14 after onset/annotation, 0x15 before a duration, 0x00 ends a TAL. */
    private static final byte TAL_TEXT_END = 0x14;
    private static final byte TAL_END = 0x00;
    private static final int RECORD_SECONDS = 1;

    private EdfBenchWriter() {}

    /**
     * Writes the whole recording to {@code file} (replacing it).
     *
     * @throws IOException if writing fails
     */
    public static void write(Path file, BenchDataSpec spec, Variant variant) throws IOException {
        boolean annotations = variant == Variant.EDF_PLUS_C;
        int dataSignals = spec.channelCount();
        int signals = dataSignals + (annotations ? 1 : 0);
        int samplesPerRecord = spec.samplesPerSecond() * RECORD_SECONDS;
        int annotationBytes = annotations ? 2 * ANNOTATION_SAMPLES_PER_RECORD : 0;
        int recordBytes = dataSignals * samplesPerRecord * variant.bytesPerSample + annotationBytes;
        List<BenchMarker> markers = BenchMarker.schedule(spec.durationSeconds());

        SyntheticEeg eeg = new SyntheticEeg(spec);
        double[][] block = new double[dataSignals][samplesPerRecord];
        ByteBuffer record = ByteBuffer.allocateDirect(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        double step = variant.microvoltsPerStep();
        double offset = variant.offsetMicrovolts();
        int nextMarker = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(header(spec, variant, signals, samplesPerRecord)));
            for (int r = 0; r < spec.durationSeconds(); r++) {
                eeg.next(block, samplesPerRecord);
                record.clear();
                for (int c = 0; c < dataSignals; c++) {
                    double[] row = block[c];
                    for (int k = 0; k < samplesPerRecord; k++) {
                        long digital = Math.round((row[k] - offset) / step);
                        int d = (int) Math.max(variant.digitalMin, Math.min(variant.digitalMax, digital));
                        if (variant.bytesPerSample == 2) {
                            record.putShort((short) d);
                        } else {
                            record.put((byte) d).put((byte) (d >> 8)).put((byte) (d >> 16));
                        }
                    }
                }
                if (annotations) {
                    int start = record.position();
                    putTal(record, r, null);
                    double recordEnd = (r + 1) * (double) RECORD_SECONDS;
                    while (nextMarker < markers.size() && markers.get(nextMarker).onsetSeconds() < recordEnd) {
                        BenchMarker m = markers.get(nextMarker++);
                        putTal(record, m.onsetSeconds(), m.text());
                    }
                    if (record.position() - start > annotationBytes) {
                        throw new IllegalStateException("annotations of record " + r + " need "
                                + (record.position() - start) + " bytes, the signal holds " + annotationBytes);
                    }
                    while (record.position() < start + annotationBytes) record.put(TAL_END);
                }
                record.flip();
                writeFully(out, record);
            }
        }
    }

    /** The header: 256 fixed bytes plus 256 per signal. */
    static byte[] header(BenchDataSpec spec, Variant variant, int signals, int samplesPerRecord) {
        int headerBytes = FIXED_HEADER_BYTES + SIGNAL_HEADER_BYTES * signals;
        boolean edfPlus = variant == Variant.EDF_PLUS_C;
        StringBuilder h = new StringBuilder(headerBytes);
        if (edfPlus) {
            field(h, "0", 8);
            // EDF+ 2.1.3.1: code, sex, birthdate, name; X for unknown
            field(h, "BENCH-0001 X X Synthetic_EEG", 80);
            // EDF+ 2.1.3.2: Startdate dd-MMM-yyyy, admin code, technician, equipment
            field(h, "Startdate " + START.format(DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ROOT))
                    .toUpperCase(Locale.ROOT) + " X X Liminal_benchmark_generator", 80);
        } else {
            field(h, "?BIOSEMI", 8); // byte 0 becomes 0xFF below (BioSemi BDF identification)
            field(h, "Synthetic EEG for the Liminal reader benchmark", 80);
            field(h, "Liminal benchmark generator", 80);
        }
        field(h, START.format(DateTimeFormatter.ofPattern("dd.MM.yy", Locale.ROOT)), 8);
        field(h, START.format(DateTimeFormatter.ofPattern("HH.mm.ss", Locale.ROOT)), 8);
        field(h, Integer.toString(headerBytes), 8);
        field(h, variant.reserved, 44);
        field(h, Integer.toString(spec.durationSeconds() / RECORD_SECONDS), 8);
        field(h, Integer.toString(RECORD_SECONDS), 8);
        field(h, Integer.toString(signals), 4);

        List<String> labels = SyntheticEeg.labels(spec.channelCount());
        int data = spec.channelCount();
        for (int s = 0; s < signals; s++) field(h, s < data ? (edfPlus ? "EEG " : "") + labels.get(s) : ANNOTATION_LABEL, 16);
        for (int s = 0; s < signals; s++) field(h, s < data ? "AgAgCl electrode" : "", 80);
        for (int s = 0; s < signals; s++) field(h, s < data ? "uV" : "", 8);
        for (int s = 0; s < signals; s++) field(h, s < data ? variant.physicalMin : "-1", 8);
        for (int s = 0; s < signals; s++) field(h, s < data ? variant.physicalMax : "1", 8);
        for (int s = 0; s < signals; s++) field(h, Integer.toString(s < data ? variant.digitalMin : -32768), 8);
        for (int s = 0; s < signals; s++) field(h, Integer.toString(s < data ? variant.digitalMax : 32767), 8);
        for (int s = 0; s < signals; s++) field(h, s < data ? "HP:0.1Hz LP:" + spec.samplesPerSecond() / 4 + "Hz" : "", 80);
        for (int s = 0; s < signals; s++) {
            field(h, Integer.toString(s < data ? samplesPerRecord : ANNOTATION_SAMPLES_PER_RECORD), 8);
        }
        for (int s = 0; s < signals; s++) field(h, "", 32);

        byte[] bytes = h.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != headerBytes) {
            throw new IllegalStateException("header came out " + bytes.length + " bytes, expected " + headerBytes);
        }
        if (!edfPlus) bytes[0] = (byte) 0xFF;
        return bytes;
    }

    /** Appends {@code value} left-aligned and space-padded to {@code width} ASCII characters. */
    private static void field(StringBuilder h, String value, int width) {
        if (value.length() > width) {
            throw new IllegalArgumentException("header value '" + value + "' is longer than its " + width + "-byte field");
        }
        h.append(value);
        for (int i = value.length(); i < width; i++) h.append(' ');
    }

    /** Puts one TAL: {@code +onset 0x14 text 0x14 0x00}, or the time-keeping TAL when text is null. */
    private static void putTal(ByteBuffer out, double onsetSeconds, String text) {
        out.put(("+" + BigDecimal.valueOf(onsetSeconds).stripTrailingZeros().toPlainString())
                .getBytes(StandardCharsets.US_ASCII));
        out.put(TAL_TEXT_END);
        if (text != null) out.put(text.getBytes(StandardCharsets.US_ASCII));
        out.put(TAL_TEXT_END);
        out.put(TAL_END);
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }
}
