package dev.liminal.datasets.openbci;

import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
import dev.liminal.datasets.Segment;
import dev.liminal.datasets.Spans;
import dev.liminal.datasets.text.Excerpt;
import dev.liminal.datasets.text.LineCursor;
import dev.liminal.datasets.text.RowIndex;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an OpenBCI GUI text recording (v5/v6 CSV with a column-title line, and the older v4
 * text without one). Opening scans the file once: it checks every row's column count, follows
 * the sample index to find lost packets, and keeps the byte offset of every
 * {@value RowIndex#ROWS_PER_ENTRY}th row. A read then seeks to the nearest indexed row and parses
 * only the rows asked for, so memory is bounded by the span read, not the file.
 *
 * <p>Stream 0 holds the EXG channels (microvolts, as the GUI writes them, DC offset included);
 * stream 1, if the file has accelerometer columns, holds them in g.
 *
 * <p>Not thread-safe: confine to one thread (the line cursor is reused between reads).
 */
final class OpenBciReader implements RecordingReader {
    private static final System.Logger LOG = System.getLogger(OpenBciReader.class.getName());

    /** The Cyton's packet counter is one byte (OpenBCI Cyton data format: "Sample Number", 0-255). */
    static final int SAMPLE_INDEX_MODULUS = 256;
    /** Rows looked at to learn the sample-index step (1; 2 for Cyton+Daisy's paired packets). */
    private static final int STEP_LEARNING_ROWS = 16;
    /** At most this many lost-packet gaps are listed one by one in the warnings. */
    private static final int MAX_LISTED_GAPS = 10;
    private static final double MILLIS_PER_SECOND = 1000.0;
    /** Time stamps below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
    private static final double SECONDS_STAMP_LIMIT = 1e11;
    /** Larger time stamps are not Unix times (1e15 ms is the year 33658) and would overflow. */
    private static final double MAX_TIMESTAMP_MILLIS = 1e15;
    private static final String ACCEL_UNIT = "g";
    /**
     * The GUI stamps rows in batches as they arrive from the board (v6 repeats a stamp for 2-3
     * rows), so stamps and sample counts disagree by a few tens of milliseconds plus clock drift;
     * more than this is reported.
     */
    private static final double CLOCK_DISAGREEMENT_SECONDS = 1.0;
    private static final double CLOCK_DISAGREEMENT_FRACTION = 0.01;

    private final Path file;
    private final FileChannel channel;
    private final LineCursor cursor;
    private final RecordingInfo info;
    private final RowIndex rows;
    private final int columnCount;
    /** Per stream: for each column, the channel of the stream it holds, or -1. */
    private final int[][] channelOfColumn;

    private OpenBciReader(Path file, FileChannel channel, RecordingInfo info, RowIndex rows, int columnCount,
                          int[][] streamColumns) {
        this.file = file;
        this.channel = channel;
        this.cursor = new LineCursor(file, channel);
        this.info = info;
        this.rows = rows;
        this.columnCount = columnCount;
        this.channelOfColumn = new int[streamColumns.length][columnCount];
        for (int s = 0; s < streamColumns.length; s++) {
            Arrays.fill(channelOfColumn[s], -1);
            for (int c = 0; c < streamColumns[s].length; c++) channelOfColumn[s][streamColumns[s][c]] = c;
        }
    }

    /**
     * Opens and scans a recording.
     *
     * @throws RecordingFormatException naming the file, line and byte offset of a malformed line
     */
    static OpenBciReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Scan scan = new Scan(file, new LineCursor(file, ch));
            scan.run();
            return new OpenBciReader(file, ch, scan.info(), scan.index, scan.columns.size(), scan.streamColumns());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public RecordingInfo info() {
        return info;
    }

    @Override
    public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset) throws IOException {
        if (stream < 0 || stream >= info.streams().size()) {
            throw new IllegalArgumentException("stream " + stream + " does not exist; this recording has "
                    + info.streams().size() + " streams");
        }
        RecordedStream s = info.streams().get(stream);
        Spans.check(s, firstSample, count);
        Spans.checkDestination(s, dst, dstOffset, count);
        if (count == 0) return;
        int[] target = channelOfColumn[stream];
        long row = rows.entryRow(firstSample);
        cursor.seek(rows.entryOffset(firstSample));
        int done = 0;
        while (done < count) {
            if (!cursor.next()) {
                throw new RecordingFormatException(file, cursor.offset(), "file ends at row " + row
                        + " before the rows it held when opened (was it changed?)");
            }
            if (cursor.isBlank() || (cursor.length() > 0 && cursor.bytes()[0] == '%')) continue;
            if (row >= firstSample) {
                parseRow(row, target, dst, dstOffset + done);
                done++;
            }
            row++;
        }
    }

    /** Parses the columns of the current line that {@code target} selects into {@code dst}. */
    private void parseRow(long row, int[] target, double[][] dst, int at) throws RecordingFormatException {
        byte[] b = cursor.bytes();
        int n = cursor.length();
        int column = 0;
        int from = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || b[i] == ',') {
                if (column < columnCount && target[column] >= 0) {
                    dst[target[column]][at] = number(b, from, i, row, column);
                }
                column++;
                from = i + 1;
            }
        }
        if (column != columnCount) {
            throw new RecordingFormatException(file, cursor.offset(), "row " + row + " now has " + column
                    + " columns, not " + columnCount + " (was the file changed?)");
        }
    }

    private double number(byte[] b, int from, int to, long row, int column) throws RecordingFormatException {
        String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, cursor.offset() + from, "row " + row + ", column " + (column + 1)
                    + ": '" + Excerpt.of(text) + "' is not a number", e);
        }
    }

    @Override
    public String[][] readStrings(int stream, long firstSample, int count) {
        throw new IllegalArgumentException("stream " + stream + " of an OpenBCI recording holds numbers, not strings");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The one pass over the file made when opening it. Confined to the opening thread. */
    private static final class Scan {
        private final Path file;
        private final LineCursor cursor;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private int declaredChannels = -1;
        private double rateHz = Double.NaN;
        private String board = "";
        private boolean titled;
        private List<String> columns = List.of();
        private int indexColumn = -1;
        private int timestampColumn = -1;
        private int markerColumn = -1;
        private final List<Integer> exgColumns = new ArrayList<>();
        private final List<Integer> accelColumns = new ArrayList<>();

        private final RowIndex index = new RowIndex();
        private long lineNumber;
        private long firstTimestampMillis = Long.MIN_VALUE;
        private long lastTimestampMillis = Long.MIN_VALUE;

        // sample-index continuity
        private int step;
        private final long[] learnIndex = new long[STEP_LEARNING_ROWS + 1];
        private final long[] learnTimestamp = new long[STEP_LEARNING_ROWS + 1];
        private final long[] learnLine = new long[STEP_LEARNING_ROWS + 1];
        private int learned;
        private long previousIndex = -1;
        /** Set once the sample index cannot be followed; no loss is inferred from it after that. */
        private boolean indexUnusable;
        private long lostSamples;
        private long gaps;
        private final List<Segment> segments = new ArrayList<>();
        private long segmentFirst;
        private double segmentStart;

        // markers: row and value
        private final List<Long> markerRows = new ArrayList<>();
        private final List<String> markerValues = new ArrayList<>();
        private String previousMarker = "";

        Scan(Path file, LineCursor cursor) {
            this.file = file;
            this.cursor = cursor;
        }

        void run() throws IOException {
            cursor.seek(0);
            if (!cursor.next()) throw new RecordingFormatException(file, 0, "file is empty");
            lineNumber = 1;
            String firstLine = cursor.text().strip();
            if (firstLine.startsWith("\u00EF\u00BB\u00BF")) firstLine = firstLine.substring(3).strip();
            if (!OpenBciFormat.isIdentification(firstLine)) {
                throw new RecordingFormatException(file, 0, "first line '" + Excerpt.of(firstLine) + "' is not '"
                        + OpenBciFormat.IDENTIFICATIONS[0] + "'");
            }
            properties.put("identification", firstLine.substring(1));
            boolean more;
            while ((more = cursor.next()) && (cursor.isBlank() || cursor.bytes()[0] == '%')) {
                lineNumber++;
                if (!cursor.isBlank()) headerLine(cursor.text().substring(1).strip(), cursor.offset());
            }
            lineNumber++;
            if (Double.isNaN(rateHz)) {
                throw new RecordingFormatException(file, 0, "no '%Sample Rate = ... Hz' header line");
            }
            if (!more) {
                throw new RecordingFormatException(file, cursor.offset(), "no column titles or data rows after the header");
            }
            String text = cursor.text().strip();
            titled = !text.isEmpty() && !Character.isDigit(text.charAt(0)) && text.charAt(0) != '-';
            if (titled) {
                columns = titles(text);
                more = cursor.next();
                lineNumber++;
            } else {
                columns = positionalTitles(text);
            }
            assignColumns();
            for (; more; more = cursor.next(), lineNumber++) {
                if (cursor.isBlank() || cursor.bytes()[0] == '%') continue;
                row();
            }
            finishLearning();
            closeSegment();
            if (gaps > 0) {
                warnings.add(lostSamples + " samples lost in " + gaps + " gaps of the sample index (modulo "
                        + SAMPLE_INDEX_MODULUS + "); the recording is split into " + segments.size() + " segments");
            }
            for (String w : warnings) LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", file.getFileName(), w);
        }

        private void headerLine(String text, long offset) throws RecordingFormatException {
            int eq = text.indexOf('=');
            if (eq < 0) return;
            String key = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(eq + 1).strip();
            properties.put(key.replace(' ', '_'), value);
            switch (key) {
                case "number of channels":
                    try {
                        declaredChannels = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new RecordingFormatException(file, offset, "number of channels '" + Excerpt.of(value)
                                + "' is not an integer", e);
                    }
                    break;
                case "sample rate":
                    String v = value.toLowerCase(Locale.ROOT).endsWith("hz") ? value.substring(0, value.length() - 2).strip() : value;
                    try {
                        rateHz = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new RecordingFormatException(file, offset, "sample rate '" + Excerpt.of(value)
                                + "' is not a number of Hz", e);
                    }
                    if (!(rateHz >= OpenBciFormat.MIN_RATE_HZ) || Double.isInfinite(rateHz)) {
                        throw new RecordingFormatException(file, offset, "sample rate " + rateHz + " Hz is not between "
                                + OpenBciFormat.MIN_RATE_HZ + " Hz and infinity");
                    }
                    break;
                case "board":
                    board = value;
                    break;
                default:
                    break;
            }
        }

        private static List<String> titles(String line) {
            List<String> t = new ArrayList<>();
            for (String s : line.split(",", -1)) t.add(s.strip());
            return t;
        }

        /** Column titles for a v4 file, which has none: index, channels, accelerometer, time stamps. */
        private List<String> positionalTitles(String firstRow) throws RecordingFormatException {
            String[] f = firstRow.split(",", -1);
            int exg = declaredChannels > 0 ? declaredChannels : Math.max(0, f.length - 1);
            if (1 + exg > f.length) {
                throw new RecordingFormatException(file, cursor.offset(), "line " + lineNumber + " has " + f.length
                        + " columns, fewer than the sample index and " + exg + " channels");
            }
            List<String> t = new ArrayList<>();
            t.add("Sample Index");
            for (int c = 0; c < exg; c++) t.add("EXG Channel " + c);
            int rest = f.length - 1 - exg;
            int accel = rest >= 3 ? 3 : 0;
            for (int c = 0; c < accel; c++) t.add("Accel Channel " + c);
            for (int i = 1 + exg + accel; i < f.length; i++) {
                String v = f[i].strip();
                if (v.length() >= 12 && v.chars().allMatch(Character::isDigit)) t.add("Timestamp");
                else if (v.indexOf(':') > 0) t.add("Timestamp (Formatted)");
                else t.add("Other");
            }
            return t;
        }

        private void assignColumns() throws RecordingFormatException {
            for (int i = 0; i < columns.size(); i++) {
                String t = columns.get(i).toLowerCase(Locale.ROOT);
                if (t.equals("sample index") && indexColumn < 0) indexColumn = i;
                else if (t.startsWith("exg channel") || t.startsWith("eeg channel")) exgColumns.add(i);
                else if (t.startsWith("accel channel")) accelColumns.add(i);
                else if (t.equals("timestamp") && timestampColumn < 0) timestampColumn = i;
                else if (t.equals("marker channel") && markerColumn < 0) markerColumn = i;
            }
            if (exgColumns.isEmpty()) {
                throw new RecordingFormatException(file, cursor.offset(), "column titles name no 'EXG Channel' column");
            }
            if (declaredChannels >= 0 && declaredChannels != exgColumns.size()) {
                warnings.add("header says " + declaredChannels + " channels but the column titles name "
                        + exgColumns.size() + " EXG channels; the columns are followed");
            }
            if (indexColumn < 0) warnings.add("no 'Sample Index' column: lost packets cannot be detected");
            if (board.toLowerCase(Locale.ROOT).contains("ganglion")) {
                // the Ganglion numbers its compressed packets 0-200 in its own scheme (OpenBCI Ganglion data format)
                giveUpIndex("the Ganglion's sample index is not a one-byte counter");
            }
        }

        private void row() throws IOException {
            byte[] b = cursor.bytes();
            int n = cursor.length();
            int fields = 1;
            long sampleIndex = -1;
            long timestamp = Long.MIN_VALUE;
            String marker = null;
            int from = 0;
            int column = 0;
            for (int i = 0; i <= n; i++) {
                if (i < n && b[i] != ',') continue;
                if (column == indexColumn) sampleIndex = integer(b, from, i, "sample index");
                else if (column == timestampColumn) timestamp = timestampMillis(b, from, i);
                else if (column == markerColumn) marker = new String(b, from, i - from, StandardCharsets.ISO_8859_1).strip();
                if (i < n) fields++;
                column++;
                from = i + 1;
            }
            if (fields != columns.size()) {
                throw new RecordingFormatException(file, cursor.offset(), "line " + lineNumber + " has " + fields
                        + " columns, but the " + (titled ? "column titles give " : "first row has ") + columns.size());
            }
            long row = index.rows();
            index.add(cursor.offset());
            if (timestamp != Long.MIN_VALUE) {
                if (firstTimestampMillis == Long.MIN_VALUE) firstTimestampMillis = timestamp;
                lastTimestampMillis = timestamp;
            }
            if (marker != null && !marker.equals(previousMarker) && isNonZero(marker)) {
                markerRows.add(row);
                markerValues.add(marker);
            }
            if (marker != null) previousMarker = marker;
            if (indexColumn >= 0) {
                if (!indexUnusable && (sampleIndex >= SAMPLE_INDEX_MODULUS || sampleIndex < 0)) {
                    giveUpIndex("line " + lineNumber + ": sample index " + sampleIndex + " is outside 0-"
                            + (SAMPLE_INDEX_MODULUS - 1));
                }
                if (learned <= STEP_LEARNING_ROWS) {
                    learnIndex[learned] = sampleIndex;
                    learnTimestamp[learned] = timestamp;
                    learnLine[learned] = lineNumber;
                    learned++;
                    if (learned > STEP_LEARNING_ROWS) finishLearning();
                } else {
                    follow(row, sampleIndex, timestamp, lineNumber);
                }
            }
        }

        private void giveUpIndex(String why) {
            indexUnusable = true;
            warnings.add(why + ": lost packets are not detected in this file");
        }

        /** Picks the usual index step from the first rows, then checks those rows. */
        private void finishLearning() throws RecordingFormatException {
            if (step != 0 || indexColumn < 0) return;
            int[] counts = new int[SAMPLE_INDEX_MODULUS];
            for (int i = 1; i < learned; i++) {
                counts[(int) Math.floorMod(learnIndex[i] - learnIndex[i - 1], (long) SAMPLE_INDEX_MODULUS)]++;
            }
            int mode = 1;
            for (int d = 2; d < SAMPLE_INDEX_MODULUS; d++) {
                if (counts[d] > counts[mode]) mode = d;
            }
            // the usual step must be the step of most rows; otherwise assume the Cyton's 1
            step = 2 * counts[mode] > learned - 1 ? mode : 1;
            for (int i = 0; i < learned; i++) follow(i, learnIndex[i], learnTimestamp[i], learnLine[i]);
        }

        /** Follows the sample index of row {@code row}; a jump other than the step starts a new segment. */
        private void follow(long row, long sampleIndex, long timestamp, long line) throws RecordingFormatException {
            if (indexUnusable) return;
            if (previousIndex >= 0) {
                long d = Math.floorMod(sampleIndex - previousIndex, (long) SAMPLE_INDEX_MODULUS);
                if (d != step) {
                    long lost = d == 0 ? 0 : (d - step + (step - 1)) / step;
                    if (d == 0) {
                        if (gaps < MAX_LISTED_GAPS) {
                            warnings.add("line " + line + ": sample index " + sampleIndex + " repeats the previous one");
                        }
                    } else {
                        gaps++;
                        lostSamples += lost;
                        if (gaps <= MAX_LISTED_GAPS) {
                            warnings.add("line " + line + ": sample index jumps from " + previousIndex + " to " + sampleIndex
                                    + ": " + lost + " samples lost");
                        }
                        newSegment(row, lost, timestamp);
                    }
                }
            }
            previousIndex = sampleIndex;
        }

        private void newSegment(long row, long lost, long timestamp) {
            double contiguousEnd = segmentStart + (row - segmentFirst) / rateHz;
            double start = contiguousEnd + lost / rateHz;
            if (timestamp != Long.MIN_VALUE && firstTimestampMillis != Long.MIN_VALUE) {
                start = Math.max(contiguousEnd, (timestamp - firstTimestampMillis) / MILLIS_PER_SECOND);
            }
            segments.add(new Segment(segmentFirst, row - segmentFirst, segmentStart));
            segmentFirst = row;
            segmentStart = start;
        }

        private void closeSegment() {
            segments.add(new Segment(segmentFirst, index.rows() - segmentFirst, segmentStart));
        }

        private long integer(byte[] b, int from, int to, String what) throws RecordingFormatException {
            String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(text);
                    if (d == Math.rint(d) && Math.abs(d) < 1e18) return (long) d;
                } catch (NumberFormatException ignored) {
                    // reported below with the text
                }
                throw new RecordingFormatException(file, cursor.offset() + from, "line " + lineNumber + ": " + what
                        + " '" + Excerpt.of(text) + "' is not an integer", e);
            }
        }

        /**
         * A Unix time stamp in milliseconds. The GUI writes integer milliseconds (v4 to v6);
         * values below 1e11 are taken as seconds, as BrainFlow writes them.
         */
        private long timestampMillis(byte[] b, int from, int to) throws RecordingFormatException {
            String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip();
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new RecordingFormatException(file, cursor.offset() + from, "line " + lineNumber + ": timestamp '"
                        + Excerpt.of(text) + "' is not a number", e);
            }
            if (!Double.isFinite(v) || Math.abs(v) > MAX_TIMESTAMP_MILLIS) {
                throw new RecordingFormatException(file, cursor.offset() + from, "line " + lineNumber + ": timestamp "
                        + Excerpt.of(text) + " is not a Unix time");
            }
            return Math.round(Math.abs(v) < SECONDS_STAMP_LIMIT ? v * MILLIS_PER_SECOND : v);
        }

        private static boolean isNonZero(String value) {
            if (value.isEmpty()) return false;
            try {
                return Double.parseDouble(value) != 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }

        int[][] streamColumns() {
            int[] exg = exgColumns.stream().mapToInt(Integer::intValue).toArray();
            int[] accel = accelColumns.stream().mapToInt(Integer::intValue).toArray();
            return accel.length == 0 ? new int[][] {exg} : new int[][] {exg, accel};
        }

        RecordingInfo info() {
            String boardName = board.substring(board.lastIndexOf('$') + 1);
            if (boardName.startsWith("Board") && boardName.length() > "Board".length()) boardName = boardName.substring(5);
            String name = boardName.isEmpty() ? "OpenBCI" : boardName;
            Map<String, String> streamProps = board.isEmpty() ? Map.of() : Map.of("board", board);
            List<ChannelInfo> exg = new ArrayList<>();
            for (int c : exgColumns) exg.add(new ChannelInfo(columns.get(c), ChannelType.EEG, Units.MICROVOLT));
            List<RecordedStream> streams = new ArrayList<>();
            streams.add(new RecordedStream(0, new StreamInfo(name, "EEG", "", exg, rateHz, SampleFormat.FLOAT32,
                    streamProps), index.rows(), segments, 0, Map.of()));
            if (!accelColumns.isEmpty()) {
                List<ChannelInfo> accel = new ArrayList<>();
                for (int c : accelColumns) accel.add(new ChannelInfo(columns.get(c), ChannelType.ACCEL, ACCEL_UNIT));
                streams.add(new RecordedStream(1, new StreamInfo(name + " Accel", "ACCEL", "", accel, rateHz,
                        SampleFormat.FLOAT32, streamProps), index.rows(), segments, 1, Map.of()));
            }
            List<Annotation> annotations = new ArrayList<>();
            for (int i = 0; i < markerRows.size(); i++) {
                annotations.add(new Annotation(secondsAt(markerRows.get(i)), Double.NaN, markerValues.get(i), ""));
            }
            Segment last = segments.get(segments.size() - 1);
            double duration = last.startSeconds() + last.sampleCount() / rateHz;
            Instant start = firstTimestampMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(firstTimestampMillis);
            String variant = titled ? "OpenBCI GUI v5/v6 text" : "OpenBCI GUI v4 text";
            if (!board.isEmpty()) properties.put("board", board);
            if (start != null) {
                properties.put("first_timestamp_ms", Long.toString(firstTimestampMillis));
                properties.put("last_timestamp_ms", Long.toString(lastTimestampMillis));
                double stamped = (lastTimestampMillis - firstTimestampMillis) / MILLIS_PER_SECOND;
                double counted = duration - 1 / rateHz;
                if (Math.abs(stamped - counted) > CLOCK_DISAGREEMENT_SECONDS + CLOCK_DISAGREEMENT_FRACTION * counted) {
                    warnings.add("the Unix timestamps span " + stamped + " s but the samples at " + rateHz
                            + " Hz span " + counted + " s: samples lost without an index jump, or a wrong sample rate");
                }
            }
            return new RecordingInfo(file, OpenBciFormat.ID, variant, start, duration, streams, annotations,
                    SessionTimeline.EMPTY, properties, warnings);
        }

        private double secondsAt(long row) {
            Segment s = segments.get(0);
            for (Segment g : segments) {
                if (g.firstSample() <= row) s = g;
            }
            return s.startSeconds() + (row - s.firstSample()) / rateHz;
        }
    }
}
