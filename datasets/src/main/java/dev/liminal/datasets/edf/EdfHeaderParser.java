package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and checks the header of an EDF/BDF file. Every number is checked against the file
 * size before anything is allocated from it, so hostile headers fail fast with a
 * {@link RecordingFormatException} naming the byte offset. Stateless; thread-safe.
 */
final class EdfHeaderParser {
    /** Size of the fixed part of the header and of each signal's header (EDF spec). */
    static final int FIXED_HEADER_BYTES = 256;
    /** Largest data record Liminal reads (bytes); one record must fit in one array. */
    static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 64;

    // Offsets of the fixed header fields (EDF spec, "header record").
    static final int OFF_PATIENT = 8;
    static final int OFF_RECORDING = 88;
    static final int OFF_START_DATE = 168;
    static final int OFF_START_TIME = 176;
    static final int OFF_HEADER_BYTES = 184;
    static final int OFF_RESERVED = 192;
    static final int OFF_RECORD_COUNT = 236;
    static final int OFF_RECORD_SECONDS = 244;
    static final int OFF_SIGNAL_COUNT = 252;

    /** Widths of the per-signal fields in header order (EDF spec). */
    static final int[] SIGNAL_FIELD_WIDTHS = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
    static final int F_LABEL = 0, F_TRANSDUCER = 1, F_DIMENSION = 2, F_PMIN = 3, F_PMAX = 4, F_DMIN = 5,
            F_DMAX = 6, F_PREFILTER = 7, F_SAMPLES = 8, F_RESERVED = 9;

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    /** EDF two-digit years: 85-99 are 1985-1999, 00-84 are 2000-2084 (EDF+ spec 2.1.3.2). */
    private static final int EDF_YEAR_PIVOT = 85;

    private EdfHeaderParser() {}

    /**
     * Parses the header of {@code file}, open as {@code channel}.
     *
     * @param expected the dialect the caller opened the file as, or null to accept either
     * @throws RecordingFormatException naming the byte offset of the first bad field
     */
    static EdfHeader parse(Path file, FileChannel channel, EdfDialect expected) throws IOException {
        long fileSize = channel.size();
        if (fileSize < FIXED_HEADER_BYTES) {
            throw new RecordingFormatException(file, 0, "file has " + fileSize + " bytes, an EDF/BDF header needs at least "
                    + FIXED_HEADER_BYTES);
        }
        byte[] fixed = readFully(file, channel, 0, FIXED_HEADER_BYTES);
        EdfDialect dialect = EdfDialect.ofHead(fixed);
        if (dialect == null) {
            throw new RecordingFormatException(file, 0, "version field '" + printable(text(fixed, 0, 8))
                    + "' is neither EDF's '0' nor BDF's 0xFF 'BIOSEMI'");
        }
        if (expected != null && dialect != expected) {
            throw new RecordingFormatException(file, 0, "file is " + dialect.variantPrefix() + ", not "
                    + expected.variantPrefix());
        }
        List<String> warnings = new ArrayList<>();
        long signalCount = parseLong(file, fixed, OFF_SIGNAL_COUNT, 4, "number of signals");
        long maxSignals = (fileSize - FIXED_HEADER_BYTES) / FIXED_HEADER_BYTES;
        if (signalCount < 1 || signalCount > maxSignals) {
            throw new RecordingFormatException(file, OFF_SIGNAL_COUNT, "number of signals " + signalCount
                    + " is not between 1 and " + maxSignals + " (what a " + fileSize + "-byte file can describe)");
        }
        int ns = (int) signalCount;
        long headerBytes = parseLong(file, fixed, OFF_HEADER_BYTES, 8, "number of header bytes");
        long expectedHeaderBytes = (long) FIXED_HEADER_BYTES * (ns + 1);
        if (headerBytes != expectedHeaderBytes) {
            throw new RecordingFormatException(file, OFF_HEADER_BYTES, "number of header bytes " + headerBytes
                    + " is not 256 * (" + ns + " signals + 1) = " + expectedHeaderBytes);
        }
        byte[] signalBytes = readFully(file, channel, FIXED_HEADER_BYTES, (int) (headerBytes - FIXED_HEADER_BYTES));

        double recordSeconds = parseDouble(file, fixed, OFF_RECORD_SECONDS, 8, "data record duration");
        if (!(recordSeconds >= 0) || Double.isInfinite(recordSeconds)) {
            throw new RecordingFormatException(file, OFF_RECORD_SECONDS, "data record duration " + recordSeconds
                    + " s is not a finite value >= 0");
        }

        List<EdfSignalHeader> signals = new ArrayList<>(ns);
        long recordBytes = 0;
        boolean anyData = false;
        for (int i = 0; i < ns; i++) {
            EdfSignalHeader s = parseSignal(file, signalBytes, ns, i, dialect, recordBytes, fileSize, warnings);
            signals.add(s);
            recordBytes += (long) s.samplesPerRecord() * dialect.bytesPerSample();
            if (recordBytes > MAX_RECORD_BYTES) {
                throw new RecordingFormatException(file, fieldOffset(ns, F_SAMPLES, i), "data record size "
                        + recordBytes + " bytes exceeds " + MAX_RECORD_BYTES + " bytes");
            }
            anyData |= !s.annotation();
        }
        for (EdfSignalHeader s : signals) {
            if (!s.annotation() && recordSeconds > 0 && !Double.isFinite(s.samplesPerRecord() / recordSeconds)) {
                throw new RecordingFormatException(file, OFF_RECORD_SECONDS, "data record duration " + recordSeconds
                        + " s gives signal " + (s.index() + 1) + " an infinite sampling rate");
            }
        }
        if (anyData && recordSeconds == 0) {
            throw new RecordingFormatException(file, OFF_RECORD_SECONDS,
                    "data record duration is 0 s but the file has ordinary signals (only annotation-only files may use 0)");
        }

        long available = fileSize - headerBytes;
        long completeRecords = available / recordBytes;
        long recordCountField = parseLong(file, fixed, OFF_RECORD_COUNT, 8, "number of data records");
        long recordCount;
        if (recordCountField == -1) {
            recordCount = completeRecords;
            warnings.add("number of data records is -1 (unknown, recording not closed): " + recordCount
                    + " records computed from the file size");
            if (available % recordBytes != 0) {
                warnings.add("truncated: " + available % recordBytes + " bytes of a partial data record at the end ignored");
            }
        } else if (recordCountField < 0) {
            throw new RecordingFormatException(file, OFF_RECORD_COUNT, "number of data records " + recordCountField
                    + " is negative (only -1, unknown, is allowed)");
        } else if (recordCountField > completeRecords) {
            recordCount = completeRecords;
            warnings.add("truncated: header says " + recordCountField + " data records of " + recordBytes
                    + " bytes, the file holds " + completeRecords + " complete records; reading those");
        } else {
            recordCount = recordCountField;
            long extra = available - recordCount * recordBytes;
            if (extra > 0) {
                warnings.add(extra + " bytes after the last of " + recordCount + " data records ignored");
            }
        }

        String patient = text(fixed, OFF_PATIENT, 80);
        String recording = text(fixed, OFF_RECORDING, 80);
        String reserved = text(fixed, OFF_RESERVED, 44);
        LocalDateTime start = startDate(text(fixed, OFF_START_DATE, 8), text(fixed, OFF_START_TIME, 8), recording,
                warnings);
        return new EdfHeader(dialect, patient, recording, start, headerBytes, reserved, recordCount, recordSeconds,
                recordBytes, signals, warnings);
    }

    private static EdfSignalHeader parseSignal(Path file, byte[] h, int ns, int i, EdfDialect dialect, long byteOffset,
                                               long fileSize, List<String> warnings) throws RecordingFormatException {
        String label = field(h, ns, F_LABEL, i);
        boolean annotation = label.equals(EdfDialect.EDF.annotationLabel()) || label.equals(EdfDialect.BDF.annotationLabel());
        long spr = parseLong(file, h, relOffset(ns, F_SAMPLES, i), 8, "samples per record of signal " + (i + 1), ns);
        if (spr < 1 || spr * dialect.bytesPerSample() > fileSize) {
            throw new RecordingFormatException(file, fieldOffset(ns, F_SAMPLES, i), "samples per record " + spr
                    + " of signal " + (i + 1) + " '" + printable(label) + "' is not between 1 and what the " + fileSize
                    + "-byte file can hold");
        }
        double pmin = 0;
        double pmax = 1;
        long dmin = dialect.digitalMin();
        long dmax = dialect.digitalMax();
        if (!annotation) {
            pmin = parseDouble(file, h, relOffset(ns, F_PMIN, i), 8, "physical minimum of signal " + (i + 1), ns);
            pmax = parseDouble(file, h, relOffset(ns, F_PMAX, i), 8, "physical maximum of signal " + (i + 1), ns);
            dmin = parseLong(file, h, relOffset(ns, F_DMIN, i), 8, "digital minimum of signal " + (i + 1), ns);
            dmax = parseLong(file, h, relOffset(ns, F_DMAX, i), 8, "digital maximum of signal " + (i + 1), ns);
            if (!Double.isFinite(pmin) || !Double.isFinite(pmax)) {
                throw new RecordingFormatException(file, fieldOffset(ns, F_PMIN, i), "physical range " + pmin + " .. "
                        + pmax + " of signal " + (i + 1) + " '" + printable(label) + "' is not finite");
            }
            for (long d : new long[] {dmin, dmax}) {
                if (d < dialect.digitalMin() || d > dialect.digitalMax()) {
                    throw new RecordingFormatException(file, fieldOffset(ns, d == dmin ? F_DMIN : F_DMAX, i),
                            "digital value " + d + " of signal " + (i + 1) + " '" + printable(label) + "' is outside "
                                    + dialect.digitalMin() + " .. " + dialect.digitalMax() + " for "
                                    + dialect.variantPrefix());
                }
            }
            if (dmin == dmax) {
                throw new RecordingFormatException(file, fieldOffset(ns, F_DMIN, i), "digital minimum and maximum of signal "
                        + (i + 1) + " '" + printable(label) + "' are both " + dmin + ", so values cannot be scaled");
            }
            if (pmin == pmax) {
                warnings.add("signal " + (i + 1) + " '" + printable(label) + "' has physical minimum = maximum = " + pmin
                        + ": all its values read as " + pmin);
            }
        }
        return new EdfSignalHeader(i, label, field(h, ns, F_TRANSDUCER, i), field(h, ns, F_DIMENSION, i), pmin, pmax,
                dmin, dmax, field(h, ns, F_PREFILTER, i), (int) spr, field(h, ns, F_RESERVED, i), annotation,
                byteOffset);
    }

    /** Offset, within the per-signal part of the header, of field {@code f} of signal {@code i}. */
    static int relOffset(int ns, int f, int i) {
        int off = 0;
        for (int k = 0; k < f; k++) off += SIGNAL_FIELD_WIDTHS[k] * ns;
        return off + SIGNAL_FIELD_WIDTHS[f] * i;
    }

    /** File offset of field {@code f} of signal {@code i}. */
    static long fieldOffset(int ns, int f, int i) {
        return FIXED_HEADER_BYTES + (long) relOffset(ns, f, i);
    }

    private static String field(byte[] h, int ns, int f, int i) {
        return text(h, relOffset(ns, f, i), SIGNAL_FIELD_WIDTHS[f]);
    }

    /** Header text: Latin-1 (every byte decodes; EDF asks for ASCII), trimmed. */
    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1).trim();
    }

    private static long parseLong(Path file, byte[] b, int off, int len, String what) throws RecordingFormatException {
        return parseLong(file, b, off, len, what, -1);
    }

    /** {@code ns >= 0} means {@code b} is the per-signal header part, so file offsets add 256. */
    private static long parseLong(Path file, byte[] b, int off, int len, String what, int ns)
            throws RecordingFormatException {
        String s = text(b, off, len);
        long fileOffset = ns >= 0 ? FIXED_HEADER_BYTES + off : off;
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            // Some writers store integers as "2047.0"; accept an integral decimal.
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
            } catch (NumberFormatException ignored) {
                // Reported below with the field's text.
            }
            throw new RecordingFormatException(file, fileOffset, what + " '" + printable(s) + "' is not an integer", e);
        }
    }

    private static double parseDouble(Path file, byte[] b, int off, int len, String what) throws RecordingFormatException {
        return parseDouble(file, b, off, len, what, -1);
    }

    private static double parseDouble(Path file, byte[] b, int off, int len, String what, int ns)
            throws RecordingFormatException {
        String s = text(b, off, len);
        long fileOffset = ns >= 0 ? FIXED_HEADER_BYTES + off : off;
        // Some European writers use a decimal comma; nothing else in the field can contain one.
        String t = s.replace(',', '.');
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new RecordingFormatException(file, fileOffset, what + " '" + printable(s) + "' is not a number");
        }
        return Double.parseDouble(t);
    }

    /** Text safe to quote on one line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }

    private static LocalDateTime startDate(String date, String time, String recording, List<String> warnings) {
        int[] d = threeNumbers(date);
        int[] t = threeNumbers(time);
        if (d == null || t == null) {
            warnings.add("start date '" + printable(date) + "' / time '" + printable(time)
                    + "' is not dd.mm.yy / hh.mm.ss: start time unknown");
            return null;
        }
        int year = d[2] >= EDF_YEAR_PIVOT ? 1900 + d[2] : 2000 + d[2];
        // EDF+ recording field "Startdate dd-MMM-yyyy" carries the four-digit year (EDF+ 2.1.3.3).
        int plusYear = recordingYear(recording);
        if (plusYear > 0 && plusYear % 100 == d[2]) year = plusYear;
        try {
            return LocalDateTime.of(year, d[1], d[0], t[0], t[1], t[2]);
        } catch (DateTimeException e) {
            warnings.add("start date '" + printable(date) + " " + printable(time) + "' is not a valid date: start time unknown");
            return null;
        }
    }

    /** Three numbers separated by any single non-digit, or null. */
    private static int[] threeNumbers(String s) {
        String[] parts = s.split("[^0-9]");
        if (parts.length != 3) return null;
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) return null;
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    /** The year in an EDF+ recording field "Startdate dd-MMM-yyyy ...", or -1. */
    static int recordingYear(String recording) {
        String[] parts = recording.split(" +");
        if (parts.length < 2 || !parts[0].equals("Startdate")) return -1;
        String[] dmy = parts[1].split("-");
        if (dmy.length != 3 || dmy[2].length() != 4) return -1;
        try {
            return Integer.parseInt(dmy[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The EDF+ month abbreviation of month {@code m} (1-12). */
    static String monthName(int m) {
        return MONTHS[m - 1];
    }

    /** Month 1-12 of an EDF+ month abbreviation (case-insensitive), or -1. */
    static int monthNumber(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(n)) return i + 1;
        }
        return -1;
    }

    static byte[] readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new RecordingFormatException(file, position + buf.position(), "file ends inside the header ("
                        + length + " bytes expected from byte " + position + ")");
            }
        }
        return buf.array();
    }
}
