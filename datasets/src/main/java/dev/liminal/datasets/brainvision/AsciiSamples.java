package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.text.Excerpt;
import dev.liminal.datasets.text.LineCursor;
import dev.liminal.datasets.text.RowIndex;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A text sample file ({@code DataFormat=ASCII}, MULTIPLEXED): after {@code SkipLines} lines,
 * one line per sample holding {@code SkipColumns} ignored values and then one value per
 * channel. Values are separated by blanks, or by commas when the decimal symbol is the point
 * (Vision Analyzer exports both). Opening checks every line's value count and indexes the rows;
 * a read parses only the rows asked for. Not thread-safe: confine to one thread.
 */
final class AsciiSamples implements RawSamples {
    private final VhdrHeader header;
    private final FileChannel data;
    private final LineCursor cursor;
    private final RowIndex rows;

    private AsciiSamples(VhdrHeader header, FileChannel data, RowIndex rows) {
        this.header = header;
        this.data = data;
        this.cursor = new LineCursor(header.dataFile(), data);
        this.rows = rows;
    }

    /**
     * Opens and scans a text sample file.
     *
     * @param warnings Modified: receives a line if the header's DataPoints disagrees with the rows
     * @throws RecordingFormatException for VECTORIZED text files, or a line with the wrong
     *                                  number of values (naming its line number and offset)
     */
    static AsciiSamples open(VhdrHeader h, List<String> warnings) throws IOException {
        if (h.vectorized()) {
            throw new RecordingFormatException(h.file(), RecordingFormatException.NO_OFFSET,
                    "ASCII data in VECTORIZED orientation is not supported (only MULTIPLEXED)");
        }
        FileChannel data = FileChannel.open(h.dataFile(), StandardOpenOption.READ);
        try {
            LineCursor cursor = new LineCursor(h.dataFile(), data);
            RowIndex rows = new RowIndex();
            int expected = h.asciiSkipColumns() + h.channelCount();
            cursor.seek(0);
            long line = 0;
            while (cursor.next()) {
                line++;
                if (line <= h.asciiSkipLines() || cursor.isBlank()) continue;
                int values = countValues(cursor.bytes(), cursor.length(), h.asciiDecimalSymbol());
                if (values != expected) {
                    throw new RecordingFormatException(h.dataFile(), cursor.offset(), "line " + line + " has " + values
                            + " values, expected " + expected + " (" + h.asciiSkipColumns() + " skipped columns and "
                            + h.channelCount() + " channels)");
                }
                rows.add(cursor.offset());
            }
            if (h.declaredDataPoints() >= 0 && h.declaredDataPoints() != rows.rows()) {
                warnings.add("header declares DataPoints " + h.declaredDataPoints() + " but the data file holds "
                        + rows.rows() + " sample lines; the data file is followed");
            }
            return new AsciiSamples(h, data, rows);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    @Override
    public long sampleCount() {
        return rows.rows();
    }

    @Override
    public void read(long first, int count, double[] scale, double[][] dst, int dstOffset) throws IOException {
        if (count == 0) return;
        long row = rows.entryRow(first);
        cursor.seek(rows.entryOffset(first));
        int done = 0;
        while (done < count) {
            if (!cursor.next()) {
                throw new RecordingFormatException(header.dataFile(), cursor.offset(), "file ends at sample " + row
                        + ", before the samples it held when opened (was it changed?)");
            }
            if (cursor.isBlank()) continue;
            if (row >= first) {
                parseRow(row, scale, dst, dstOffset + done);
                done++;
            }
            row++;
        }
    }

    private void parseRow(long row, double[] scale, double[][] dst, int at) throws RecordingFormatException {
        byte[] b = cursor.bytes();
        int n = cursor.length();
        char decimal = header.asciiDecimalSymbol();
        int value = 0;
        int channelCount = header.channelCount();
        int skip = header.asciiSkipColumns();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(b[i], decimal)) i++;
            if (i == n) break;
            int from = i;
            while (i < n && !isSeparator(b[i], decimal)) i++;
            int c = value - skip;
            if (c >= 0 && c < channelCount) {
                dst[c][at] = number(b, from, i, row, decimal) * scale[c];
            }
            value++;
        }
        if (value != skip + channelCount) {
            throw new RecordingFormatException(header.dataFile(), cursor.offset(), "sample " + row + " now has " + value
                    + " values, not " + (skip + channelCount) + " (was the file changed?)");
        }
    }

    private double number(byte[] b, int from, int to, long row, char decimal) throws RecordingFormatException {
        String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (decimal == ',') text = text.replace(',', '.');
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(header.dataFile(), cursor.offset() + from, "sample " + row + ": '"
                    + Excerpt.of(text) + "' is not a number", e);
        }
    }

    private static int countValues(byte[] b, int n, char decimal) {
        int values = 0;
        boolean inValue = false;
        for (int i = 0; i < n; i++) {
            boolean sep = isSeparator(b[i], decimal);
            if (!sep && !inValue) values++;
            inValue = !sep;
        }
        return values;
    }

    /** Blanks always separate values; commas too unless they are the decimal symbol. */
    private static boolean isSeparator(byte b, char decimal) {
        return b == ' ' || b == '\t' || (b == ',' && decimal != ',') || b == ';';
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
