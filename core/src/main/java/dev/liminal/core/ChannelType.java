package dev.liminal.core;

import java.util.Locale;

/**
 * What a channel measures. A closed set; anything not listed is {@link #MISC}.
 *
 * <p>The names follow the BIDS {@code channels.tsv} "type" vocabulary where one exists.
 */
public enum ChannelType {
    EEG, EOG, EMG, ECG, RESP, TEMP, SPO2, HEART_RATE, GSR, ACCEL,
    /** Trigger / status channel (BioSemi Status, TTL lines). */
    TRIGGER,
    /** Hardware counters, packet numbers and similar non-physiological values. */
    COUNTER,
    MISC;

    /**
     * Guesses the type from a channel label and unit as EDF and BrainVision files carry them,
     * e.g. {@code "EEG Fpz-Cz"}, {@code "EOG horizontal"}, {@code "Status"}, {@code "SaO2"}.
     * Plain 10-20 labels ({@code "Cz"}, {@code "FP1"}) are EEG.
     */
    public static ChannelType guess(String label, String unit) {
        String l = label.trim().toUpperCase(Locale.ROOT);
        if (l.startsWith("EEG")) return EEG;
        if (l.startsWith("EOG") || l.startsWith("HEOG") || l.startsWith("VEOG")) return EOG;
        if (l.startsWith("EMG")) return EMG;
        if (l.startsWith("ECG") || l.startsWith("EKG")) return ECG;
        if (l.startsWith("RESP")) return RESP;
        if (l.startsWith("TEMP")) return TEMP;
        if (l.startsWith("SAO2") || l.startsWith("SPO2")) return SPO2;
        if (l.equals("HR") || l.startsWith("PULSE")) return HEART_RATE;
        if (l.startsWith("GSR") || l.startsWith("EDA")) return GSR;
        if (l.startsWith("ACC")) return ACCEL;
        if (l.equals("STATUS") || l.startsWith("TRIG") || l.startsWith("STI")) return TRIGGER;
        if (TenTwenty.isElectrode(label) && Units.microvoltFactor(unit).isPresent()) return EEG;
        if (TenTwenty.isElectrode(label) && unit.isBlank()) return EEG;
        return MISC;
    }
}
