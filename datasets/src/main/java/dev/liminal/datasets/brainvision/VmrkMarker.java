package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.text.Excerpt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Mk<n>=Type,Description,Position,Size,Channel[,Date]} entry of a {@code .vmrk}
 * marker file. Immutable.
 *
 * @param number      the {@code n} of {@code Mk<n>}
 * @param type        marker type, e.g. {@code "Stimulus"}, {@code "New Segment"}
 * @param description description, e.g. {@code "S253"}, possibly empty
 * @param position    1-based sample position
 * @param size        length in samples, >= 0
 * @param channel     1-based channel the marker belongs to, 0 for all channels
 * @param date        the date of a "New Segment" marker, or null
 */
record VmrkMarker(int number, String type, String description, long position, long size, int channel, Instant date) {

    /** Type of the markers that start a new contiguous run of samples. */
    static final String NEW_SEGMENT = "New Segment";
    /** Identification line start, versions 1.0 ("Brain Vision ...") and 2.0 ("BrainVision ..."). */
    private static final String[] IDENTIFICATIONS = {"Brain Vision Data Exchange Marker File", "BrainVision Data Exchange Marker File"};
    private static final String ESCAPED_COMMA = "\\1";
    /** yyyyMMddHHmmss then microseconds (specification, "Marker Infos": the date of New Segment markers). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int DATE_DIGITS = 20;
    private static final int SECONDS_DIGITS = 14;
    private static final long NANOS_PER_MICRO = 1000;

    /** Whether this marker starts a new segment. */
    boolean isNewSegment() {
        return type.equalsIgnoreCase(NEW_SEGMENT);
    }

    /** Annotation text: {@code "Type/Description"}, or the type alone when there is no description. */
    String text() {
        return description.isEmpty() ? type : type + "/" + description;
    }

    /**
     * Reads every marker of a marker file, ordered by position (then number).
     *
     * @param warnings Modified: receives one line per oddity that does not stop reading
     * @throws RecordingFormatException naming the file and the byte offset of a malformed entry
     */
    static List<VmrkMarker> read(Path file, List<String> warnings) throws IOException {
        IniText ini = IniText.read(file);
        boolean known = false;
        for (String id : IDENTIFICATIONS) known |= ini.firstLine().startsWith(id);
        if (!known) {
            throw new RecordingFormatException(file, 0, "first line '" + Excerpt.of(ini.firstLine())
                    + "' is not '" + IDENTIFICATIONS[0] + "'");
        }
        warnings.addAll(ini.warnings());
        List<VmrkMarker> markers = new ArrayList<>();
        for (Map.Entry<String, IniText.Entry> e : ini.section("Marker Infos").entrySet()) {
            Optional<Integer> number = markerNumber(e.getKey());
            if (number.isEmpty()) continue;
            markers.add(parse(file, number.get(), e.getValue(), warnings));
        }
        markers.sort(Comparator.comparingLong(VmrkMarker::position).thenComparingInt(VmrkMarker::number));
        return markers;
    }

    private static Optional<Integer> markerNumber(String key) {
        if (key.length() < 3 || !key.regionMatches(true, 0, "Mk", 0, 2)) return Optional.empty();
        try {
            return Optional.of(Integer.parseInt(key.substring(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static VmrkMarker parse(Path file, int number, IniText.Entry e, List<String> warnings)
            throws RecordingFormatException {
        String[] f = e.value().split(",", -1);
        if (f.length < 3) {
            throw new RecordingFormatException(file, e.byteOffset(), e.key() + " '" + Excerpt.of(e.value())
                    + "' has " + f.length + " fields, expected Type,Description,Position[,Size,Channel[,Date]]");
        }
        String type = f[0].replace(ESCAPED_COMMA, ",").strip();
        String description = f[1].replace(ESCAPED_COMMA, ",").strip();
        long position = number(file, e, "position", f[2], -1);
        long size = f.length > 3 ? number(file, e, "size", f[3], 1) : 1;
        long channel = f.length > 4 ? number(file, e, "channel", f[4], 0) : 0;
        if (size < 0 || channel < 0 || channel > Integer.MAX_VALUE) {
            throw new RecordingFormatException(file, e.byteOffset(), e.key() + ": size " + size + " or channel " + channel
                    + " is negative or too large");
        }
        Instant date = null;
        if (f.length > 5 && !f[5].isBlank()) {
            date = date(f[5].strip());
            if (date == null) {
                warnings.add(file.getFileName() + ": " + e.key() + " date '" + Excerpt.of(f[5].strip())
                        + "' is not yyyyMMddHHmmss plus 6 digits of microseconds; ignored");
            }
        }
        return new VmrkMarker(number, type, description, position, size, (int) channel, date);
    }

    private static long number(Path file, IniText.Entry e, String what, String text, long fallback)
            throws RecordingFormatException {
        String t = text.strip();
        if (t.isEmpty() && fallback >= 0) return fallback;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException ex) {
            throw new RecordingFormatException(file, e.byteOffset(), e.key() + ": " + what + " '" + Excerpt.of(t)
                    + "' is not an integer", ex);
        }
    }

    /** A 20-digit date, read as UTC (the file does not say its time zone); null if malformed or all zero. */
    private static Instant date(String text) {
        if (text.length() != DATE_DIGITS || !text.chars().allMatch(Character::isDigit) || text.chars().allMatch(c -> c == '0')) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(text.substring(0, SECONDS_DIGITS), DATE);
            long micros = Long.parseLong(text.substring(SECONDS_DIGITS));
            return t.toInstant(ZoneOffset.UTC).plusNanos(micros * NANOS_PER_MICRO);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
