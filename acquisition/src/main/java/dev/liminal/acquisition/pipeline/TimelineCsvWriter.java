package dev.liminal.acquisition.pipeline;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the live band-power timeline to a CSV file, one row per frame, region and band:
 * {@value #CSV_HEADER}. {@code time_s} is the end of the frame's window in seconds since the
 * stream's first sample; {@code phase} is empty before the first phase marker; {@code shift_db}
 * is empty until the baseline is complete. Numbers as {@link Double#toString} (every digit
 * needed to read back the same double), like the {@code bandpower} command.
 *
 * <p>Memory is bounded (one buffered writer, one reusable row builder); rows reach the disk
 * when the buffer fills and at {@link #flush()}/{@link #close()}. Appending a frame allocates
 * nothing but what the JDK's writer does when its buffer fills.
 *
 * <p><b>Thread ownership:</b> confined to one thread (the dsp thread).
 */
final class TimelineCsvWriter implements Closeable {
    /** Column header. */
    static final String CSV_HEADER = "time_s,phase,region,band,power_uv2,shift_db";
    private static final int BUFFER_CHARS = 1 << 16;

    private final Path file;
    private final BufferedWriter out;
    private final String[] regions;
    private final String[] bands;
    private final StringBuilder row = new StringBuilder(256);
    private char[] chars = new char[256];
    private String lastPhase;
    private String lastPhaseField = "";
    private long rows;

    TimelineCsvWriter(Path file, List<String> regions, List<String> bands) throws IOException {
        this.file = file;
        this.regions = regions.stream().map(TimelineCsvWriter::field).toArray(String[]::new);
        this.bands = bands.stream().map(TimelineCsvWriter::field).toArray(String[]::new);
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), BUFFER_CHARS);
        out.write(CSV_HEADER);
        out.write('\n');
    }

    /** The file written. */
    Path file() {
        return file;
    }

    /** Rows written so far. */
    long rows() {
        return rows;
    }

    /**
     * Appends the rows of one frame.
     *
     * @param timeSeconds frame end, seconds since the first sample
     * @param phase       phase name or null
     * @param power       Not modified: {@code [region * bands + band]}, uV^2
     * @param shiftDb     Not modified: same layout, dB, or null before the baseline is complete
     */
    void append(double timeSeconds, String phase, double[] power, double[] shiftDb) throws IOException {
        if (phase != lastPhase) {
            lastPhase = phase;
            lastPhaseField = phase == null ? "" : field(phase);
        }
        for (int r = 0; r < regions.length; r++) {
            for (int b = 0; b < bands.length; b++) {
                int i = r * bands.length + b;
                row.setLength(0);
                row.append(timeSeconds).append(',').append(lastPhaseField).append(',').append(regions[r]).append(',')
                        .append(bands[b]).append(',').append(power[i]).append(',');
                if (shiftDb != null) row.append(shiftDb[i]);
                row.append('\n');
                int n = row.length();
                if (chars.length < n) chars = new char[Math.max(n, chars.length * 2)];
                row.getChars(0, n, chars, 0);
                out.write(chars, 0, n);
                rows++;
            }
        }
    }

    /** Pushes buffered rows to the file. */
    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
