package dev.liminal.datasets.edf;

import dev.liminal.core.Annotation;
import dev.liminal.datasets.RecordingFormatException;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes EDF+ Time-stamped Annotation Lists (TALs, EDF+ spec section 2.2.2):
 * {@code +onset[0x15 duration]0x14 text 0x14 [text 0x14 ...] 0x00}. The first TAL of the first
 * annotation signal in each data record is the record's timekeeping TAL, whose first text is
 * empty (section 2.2.4). Texts are UTF-8. Stateless; thread-safe.
 */
final class TimeAnnotationLists {
    /** Separates onset from duration (EDF+ 2.2.2). */
    static final byte DURATION_MARK = 0x15;
    /** Ends the onset/duration and each annotation text (EDF+ 2.2.2). */
    static final byte TEXT_END = 0x14;
    /** Ends a TAL; unused bytes of the annotation signal are 0 too (EDF+ 2.2.2). */
    static final byte TAL_END = 0x00;
    /** Decimal places written for onsets and durations: 100 ns, EDFlib's time resolution. */
    static final int WRITE_DECIMALS = 7;

    /** Largest onset or duration accepted (about 31 years): keeps every time finite and nanosecond-countable. */
    static final double MAX_ABS_SECONDS = 1e9;

    private static final Pattern ONSET = Pattern.compile("[+-]\\d+(\\.\\d*)?");
    private static final Pattern DURATION = Pattern.compile("\\d+(\\.\\d*)?");

    private TimeAnnotationLists() {}

    /**
     * Parses the TALs in {@code b[off, off + len)}, one annotation signal of one data record.
     *
     * @param timekeeping whether this is the first annotation signal, whose first TAL keeps time
     * @param shiftSeconds subtracted from every onset (moves the origin to the first record)
     * @param out         Modified: receives the annotations, onsets on Liminal's time axis
     * @return the timekeeping TAL's onset in seconds as written (not shifted), or NaN if there is
     *         none (or {@code timekeeping} is false)
     * @throws RecordingFormatException naming the file offset of a malformed TAL
     */
    static double parse(Path file, long fileOffset, byte[] b, int off, int len, boolean timekeeping,
                        double shiftSeconds, List<Annotation> out) throws RecordingFormatException {
        int end = off + len;
        int p = off;
        double recordOnset = Double.NaN;
        boolean first = true;
        while (p < end && b[p] != TAL_END) {
            int talStart = p;
            int q = p;
            while (q < end && b[q] != TEXT_END && b[q] != DURATION_MARK && b[q] != TAL_END) q++;
            String onsetText = ascii(b, p, q);
            if (q >= end || b[q] == TAL_END || !ONSET.matcher(onsetText).matches()) {
                throw new RecordingFormatException(file, fileOffset + (talStart - off), "annotation onset '"
                        + EdfHeaderParser.printable(onsetText) + "' is not a TAL onset like +12.5 followed by 0x14");
            }
            double onset = Double.parseDouble(onsetText);
            if (!(Math.abs(onset) <= MAX_ABS_SECONDS)) {
                throw new RecordingFormatException(file, fileOffset + (talStart - off), "annotation onset '"
                        + EdfHeaderParser.printable(onsetText.length() > 40 ? onsetText.substring(0, 40) + "..." : onsetText)
                        + "' is beyond " + MAX_ABS_SECONDS + " s");
            }
            double duration = Double.NaN;
            if (b[q] == DURATION_MARK) {
                int d = q + 1;
                q = d;
                while (q < end && b[q] != TEXT_END && b[q] != TAL_END) q++;
                String durationText = ascii(b, d, q);
                if (q >= end || b[q] != TEXT_END || !DURATION.matcher(durationText).matches()) {
                    throw new RecordingFormatException(file, fileOffset + (d - off), "annotation duration '"
                            + EdfHeaderParser.printable(durationText) + "' is not a number like 30 followed by 0x14");
                }
                duration = Double.parseDouble(durationText);
                if (!(duration <= MAX_ABS_SECONDS)) {
                    throw new RecordingFormatException(file, fileOffset + (d - off), "annotation duration is beyond "
                            + MAX_ABS_SECONDS + " s");
                }
            }
            p = q + 1;
            while (p < end && b[p] != TAL_END) {
                int t = p;
                while (t < end && b[t] != TEXT_END && b[t] != TAL_END) t++;
                if (t >= end || b[t] != TEXT_END) {
                    throw new RecordingFormatException(file, fileOffset + (p - off),
                            "annotation text is not ended by 0x14 before the TAL ends");
                }
                if (t > p) {
                    // Empty texts (the timekeeping TAL's first one) carry no annotation.
                    out.add(new Annotation(onset - shiftSeconds, duration, new String(b, p, t - p, StandardCharsets.UTF_8), ""));
                }
                p = t + 1;
            }
            if (p >= end) {
                throw new RecordingFormatException(file, fileOffset + (talStart - off),
                        "TAL is not ended by a 0 byte within the annotation signal");
            }
            if (timekeeping && first) recordOnset = onset;
            first = false;
            p++;
        }
        return recordOnset;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }

    /** The timekeeping TAL of a record starting {@code onsetSeconds} after the file start. */
    static byte[] timekeeping(double onsetSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(24);
        writeAscii(out, seconds(onsetSeconds, true));
        out.write(TEXT_END);
        out.write(TEXT_END);
        out.write(TAL_END);
        return out.toByteArray();
    }

    /**
     * One annotation as a TAL. Bytes EDF+ reserves (0x00, 0x14, 0x15) in the text become spaces.
     *
     * @param onsetSeconds    onset relative to the file start, may be negative
     * @param durationSeconds duration, or NaN for none
     */
    static byte[] annotation(double onsetSeconds, double durationSeconds, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + text.length() * 3);
        writeAscii(out, seconds(onsetSeconds, true));
        if (!Double.isNaN(durationSeconds)) {
            out.write(DURATION_MARK);
            writeAscii(out, seconds(durationSeconds, false));
        }
        out.write(TEXT_END);
        String clean = text.replace('\u0000', ' ').replace('\u0014', ' ').replace('\u0015', ' ');
        byte[] utf8 = clean.getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        out.write(TEXT_END);
        out.write(TAL_END);
        return out.toByteArray();
    }

    /** Seconds as plain decimal text with at most {@link #WRITE_DECIMALS} places, signed if asked. */
    static String seconds(double s, boolean signed) {
        BigDecimal v = new BigDecimal(s).setScale(WRITE_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (v.signum() == 0) return signed ? "+0" : "0";
        String t = v.toPlainString();
        return signed && v.signum() > 0 ? "+" + t : t;
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }
}
