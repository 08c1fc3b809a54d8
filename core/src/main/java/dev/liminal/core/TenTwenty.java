package dev.liminal.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises electrode names of the 10-20, 10-10 and 10-5 systems (Oostenveld and Praamstra
 * 2001): a region prefix (Fp, AF, F, FT, FC, T, TP, C, CP, P, PO, O, I, plus the 10-5
 * intermediates such as AFF or FFC), then {@code z} or a position number, e.g. {@code Fz},
 * {@code FP1}, {@code CPz}, {@code PO10}. Also accepts the old T3/T4/T5/T6 and mastoids A1/A2,
 * M1/M2. Matching is case-insensitive. Immutable utility; thread-safe.
 */
public final class TenTwenty {
    private static final Pattern ELECTRODE = Pattern.compile(
            "(?i)(N|NFP|FP|AFP|AF|AFF|F|FFC|FFT|FT|FTT|FC|FCC|T|TTP|TP|TPP|C|CCP|CP|CPP|P|PPO|PO|POO|O|OI|I|A|M)(Z|[0-9]{1,2}H?)");

    private TenTwenty() {}

    /** Whether {@code label} (trimmed) names a 10-20 family electrode. */
    public static boolean isElectrode(String label) {
        return ELECTRODE.matcher(label.trim().toUpperCase(Locale.ROOT)).matches();
    }
}
