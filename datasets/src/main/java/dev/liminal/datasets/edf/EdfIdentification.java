package dev.liminal.datasets.edf;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The EDF+ local patient and recording identification subfields (EDF+ spec 2.1.3.3 and
 * 2.1.3.4), as {@link dev.liminal.datasets.RecordingInfo#properties()} keys, and the header
 * text rules EDF imposes (ASCII 32-126, fixed widths). Immutable utility; thread-safe.
 *
 * <p>In the file, subfields are separated by spaces, spaces inside a subfield are written as
 * {@code '_'} and an unknown subfield is {@code "X"}. The properties hold the subfields with
 * {@code '_'} turned back into spaces; an unknown ("X") subfield has no property.
 */
public final class EdfIdentification {
    /** The whole local patient identification field, trimmed. */
    public static final String PATIENT = "patient";
    /** The whole local recording identification field, trimmed. */
    public static final String RECORDING = "recording";
    /** The header's reserved field ("EDF+C", "24BIT"...). */
    public static final String RESERVED = "reserved";
    /** EDF+ patient code (hospital administration code). */
    public static final String PATIENT_CODE = "patient_code";
    /** EDF+ patient sex: "M" or "F" as written. */
    public static final String PATIENT_SEX = "patient_sex";
    /** EDF+ birth date as written, e.g. "30-JUN-1969". */
    public static final String PATIENT_BIRTHDATE = "patient_birthdate";
    /** EDF+ patient name, e.g. "Hans Muller". */
    public static final String PATIENT_NAME = "patient_name";
    /** EDF+ further patient subfields, space-separated. */
    public static final String PATIENT_ADDITIONAL = "patient_additional";
    /** EDF+ recording start date as written, e.g. "04-APR-2011". */
    public static final String STARTDATE = "startdate";
    /** EDF+ hospital administration code of the investigation. */
    public static final String ADMIN_CODE = "admin_code";
    /** EDF+ technician. */
    public static final String TECHNICIAN = "technician";
    /** EDF+ equipment. */
    public static final String EQUIPMENT = "equipment";
    /** EDF+ further recording subfields, space-separated. */
    public static final String RECORDING_ADDITIONAL = "recording_additional";

    /** Width of the patient and recording fields (EDF spec). */
    static final int FIELD_WIDTH = 80;
    /** An unknown subfield (EDF+ 2.1.3.3). */
    static final String UNKNOWN = "X";
    private static final Pattern EDF_PLUS_DATE = Pattern.compile("\\d{2}-[A-Za-z]{3}-\\d{4}");

    private EdfIdentification() {}

    /** Adds the EDF+ patient subfields of {@code field} to {@code out} (Modified). */
    static void parsePatient(String field, Map<String, String> out) {
        String[] t = field.trim().split(" +");
        put(out, PATIENT_CODE, t, 0);
        put(out, PATIENT_SEX, t, 1);
        put(out, PATIENT_BIRTHDATE, t, 2);
        put(out, PATIENT_NAME, t, 3);
        putRest(out, PATIENT_ADDITIONAL, t, 4);
    }

    /** Adds the EDF+ recording subfields of {@code field} to {@code out} (Modified), if it starts with "Startdate". */
    static void parseRecording(String field, Map<String, String> out) {
        String[] t = field.trim().split(" +");
        if (t.length == 0 || !t[0].equals("Startdate")) return;
        put(out, STARTDATE, t, 1);
        put(out, ADMIN_CODE, t, 2);
        put(out, TECHNICIAN, t, 3);
        put(out, EQUIPMENT, t, 4);
        putRest(out, RECORDING_ADDITIONAL, t, 5);
    }

    private static void put(Map<String, String> out, String key, String[] t, int i) {
        if (i < t.length && !t[i].isEmpty() && !t[i].equals(UNKNOWN)) out.put(key, t[i].replace('_', ' '));
    }

    private static void putRest(Map<String, String> out, String key, String[] t, int from) {
        if (from >= t.length) return;
        String rest = String.join(" ", Arrays.copyOfRange(t, from, t.length)).replace('_', ' ').trim();
        if (!rest.isEmpty()) out.put(key, rest);
    }

    /**
     * The EDF+ patient field from properties: code, sex (M/F), birth date (dd-MMM-yyyy), name,
     * then any additional text; missing subfields are "X". ASCII, at most 80 characters.
     */
    static String buildPatient(Map<String, String> p) {
        String sex = p.getOrDefault(PATIENT_SEX, "").trim().toUpperCase(Locale.ROOT);
        sex = sex.startsWith("M") ? "M" : sex.startsWith("F") ? "F" : UNKNOWN;
        String birth = p.getOrDefault(PATIENT_BIRTHDATE, "").trim();
        birth = EDF_PLUS_DATE.matcher(birth).matches() ? birth.toUpperCase(Locale.ROOT) : UNKNOWN;
        String s = subfield(p.get(PATIENT_CODE)) + " " + sex + " " + birth + " " + subfield(p.get(PATIENT_NAME));
        String extra = p.getOrDefault(PATIENT_ADDITIONAL, "").trim();
        if (!extra.isEmpty()) s += " " + ascii(extra);
        return clip(s);
    }

    /**
     * The EDF+ recording field: "Startdate dd-MMM-yyyy admin technician equipment [additional]",
     * the date from {@code start} ("X" if null), the rest from properties or "X".
     */
    static String buildRecording(Map<String, String> p, LocalDate start) {
        String date = start == null ? UNKNOWN : String.format(Locale.ROOT, "%02d-%s-%04d", start.getDayOfMonth(),
                EdfHeaderParser.monthName(start.getMonthValue()), start.getYear());
        String s = "Startdate " + date + " " + subfield(p.get(ADMIN_CODE)) + " " + subfield(p.get(TECHNICIAN)) + " "
                + subfield(p.get(EQUIPMENT));
        String extra = p.getOrDefault(RECORDING_ADDITIONAL, "").trim();
        if (!extra.isEmpty()) s += " " + ascii(extra);
        return clip(s);
    }

    private static String subfield(String value) {
        if (value == null || value.isBlank()) return UNKNOWN;
        return ascii(value.trim()).replace(' ', '_');
    }

    private static String clip(String s) {
        return s.length() <= FIELD_WIDTH ? s : s.substring(0, FIELD_WIDTH);
    }

    /**
     * Header text as EDF requires it: printable ASCII (32-126). Accented letters lose their
     * accents; any other character becomes '?'.
     */
    static String ascii(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
