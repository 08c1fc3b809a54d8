package dev.liminal.datasets.edf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small EDF/BDF files byte by byte for tests, with every header field settable to any
 * text (including nonsense). Numbers are given as the text the header should hold.
 */
final class SyntheticEdf {
    private final boolean bdf;
    private String patient = "X X X X";
    private String recording = "Startdate 01-FEB-2003 X X X";
    private String date = "01.02.03";
    private String time = "04.05.06";
    private String reserved = "";
    private String recordCount;
    private String recordSeconds = "1";
    private final List<String[]> signals = new ArrayList<>();
    private final List<Integer> samplesPerRecord = new ArrayList<>();
    private final List<Boolean> annotation = new ArrayList<>();
    private final List<Object[]> records = new ArrayList<>();
    private final Map<Integer, byte[]> overrides = new LinkedHashMap<>();

    private SyntheticEdf(boolean bdf) {
        this.bdf = bdf;
    }

    static SyntheticEdf edf() {
        return new SyntheticEdf(false);
    }

    static SyntheticEdf bdf() {
        return new SyntheticEdf(true);
    }

    SyntheticEdf patient(String v) {
        patient = v;
        return this;
    }

    SyntheticEdf recording(String v) {
        recording = v;
        return this;
    }

    SyntheticEdf start(String ddmmyy, String hhmmss) {
        date = ddmmyy;
        time = hhmmss;
        return this;
    }

    SyntheticEdf reserved(String v) {
        reserved = v;
        return this;
    }

    /** Overrides the record count written (default: the number of records added). */
    SyntheticEdf recordCount(String v) {
        recordCount = v;
        return this;
    }

    SyntheticEdf recordSeconds(String v) {
        recordSeconds = v;
        return this;
    }

    SyntheticEdf signal(String label, String unit, String pmin, String pmax, String dmin, String dmax, int spr) {
        signals.add(new String[] {label, "AgAgCl", unit, pmin, pmax, dmin, dmax, "HP:0.1Hz", Integer.toString(spr)});
        samplesPerRecord.add(spr);
        annotation.add(false);
        return this;
    }

    /** An annotation signal of {@code spr} samples (2 or 3 bytes each). */
    SyntheticEdf annotations(int spr) {
        String label = bdf ? "BDF Annotations" : "EDF Annotations";
        String d = bdf ? "8388607" : "32767";
        signals.add(new String[] {label, "", "", "-1", "1", "-" + (Integer.parseInt(d) + 1), d, "",
            Integer.toString(spr)});
        samplesPerRecord.add(spr);
        annotation.add(true);
        return this;
    }

    /**
     * Adds a data record: per signal, an {@code int[]} of digital values or, for annotation
     * signals, a {@code String} of TALs (use \u0014, \u0015 and \u0000 as in the file).
     */
    SyntheticEdf record(Object... perSignal) {
        records.add(perSignal);
        return this;
    }

    /** Replaces bytes at {@code offset} with {@code text} (Latin-1) after building. */
    SyntheticEdf override(int offset, String text) {
        overrides.put(offset, text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Replaces bytes at {@code offset} with {@code raw} after building. */
    SyntheticEdf overrideBytes(int offset, byte[] raw) {
        overrides.put(offset, raw.clone());
        return this;
    }

    byte[] bytes() {
        int ns = signals.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bdf) {
            out.write(0xFF);
            ascii(out, "BIOSEMI", 7);
        } else {
            ascii(out, "0", 8);
        }
        ascii(out, patient, 80);
        ascii(out, recording, 80);
        ascii(out, date, 8);
        ascii(out, time, 8);
        ascii(out, Integer.toString(256 * (ns + 1)), 8);
        ascii(out, reserved, 44);
        ascii(out, recordCount != null ? recordCount : Integer.toString(records.size()), 8);
        ascii(out, recordSeconds, 8);
        ascii(out, Integer.toString(ns), 4);
        int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
        for (int f = 0; f < widths.length; f++) {
            for (String[] s : signals) ascii(out, f < s.length ? s[f] : "", widths[f]);
        }
        int bps = bdf ? 3 : 2;
        for (Object[] rec : records) {
            for (int s = 0; s < ns; s++) {
                int bytes = samplesPerRecord.get(s) * bps;
                if (annotation.get(s)) {
                    byte[] t = ((String) rec[s]).getBytes(StandardCharsets.UTF_8);
                    if (t.length > bytes) throw new IllegalArgumentException("TALs longer than the signal: " + t.length);
                    out.write(t, 0, t.length);
                    for (int k = t.length; k < bytes; k++) out.write(0);
                } else {
                    int[] v = (int[]) rec[s];
                    if (v.length != samplesPerRecord.get(s)) throw new IllegalArgumentException("signal " + s);
                    for (int x : v) {
                        out.write(x & 0xFF);
                        out.write((x >> 8) & 0xFF);
                        if (bdf) out.write((x >> 16) & 0xFF);
                    }
                }
            }
        }
        byte[] b = out.toByteArray();
        for (Map.Entry<Integer, byte[]> e : overrides.entrySet()) {
            System.arraycopy(e.getValue(), 0, b, e.getKey(), e.getValue().length);
        }
        return b;
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    private static void ascii(ByteArrayOutputStream out, String s, int width) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < width; i++) out.write(i < b.length ? b[i] : ' ');
    }
}
