package dev.liminal.core;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises electrode names of the 10-20, 10-10 and 10-5 systems (Oostenveld and Praamstra
 * 2001): a region prefix (Fp, AF, F, FT, FC, T, TP, C, CP, P, PO, O, I, plus the 10-5
 * intermediates such as AFF or FFC), then {@code z} or a position number, e.g. {@code Fz},
 * {@code FP1}, {@code CPz}, {@code PO10}. Also accepts the old T3/T4/T5/T6 and mastoids A1/A2,
 * M1/M2. Matching is case-insensitive. Immutable utility; thread-safe.
 *
 * <p>{@link #region(String)} groups electrodes into scalp regions by the row of their prefix:
 * <ul>
 *   <li>a prefix holding {@code T} (T, FT, TP and the 10-5 FTT, TTP, TPP, FFT) is
 *       {@link Region#TEMPORAL}, as are the old T3/T4/T5/T6 and P7, P8, P9, P10 (P7/P8 are the
 *       10-10 names of T5/T6, P9/P10 lie below them);</li>
 *   <li>Fp, AFp, AF, AFF, F, FFC: {@link Region#FRONTAL};</li>
 *   <li>FC, FCC, C, CCP, CP: {@link Region#CENTRAL} (the fronto-central and centro-parietal
 *       rows flank the central sulcus and go with it);</li>
 *   <li>CPP, P, PPO, PO, POO: {@link Region#PARIETAL};</li>
 *   <li>O, OI, I: {@link Region#OCCIPITAL};</li>
 *   <li>nasion (N, NFp) and the mastoid or ear references (A, M): no region.</li>
 * </ul>
 */
public final class TenTwenty {
    /** A scalp region (lobe) of the 10-20 family of electrode names. */
    public enum Region {
        FRONTAL, CENTRAL, PARIETAL, OCCIPITAL, TEMPORAL;

        /** Lower-case name, e.g. {@code frontal}, as outputs label the region. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern ELECTRODE = Pattern.compile(
            "(?i)(N|NFP|FP|AFP|AF|AFF|F|FFC|FFT|FT|FTT|FC|FCC|T|TTP|TP|TPP|C|CCP|CP|CPP|P|PPO|PO|POO|O|OI|I|A|M)(Z|[0-9]{1,2}H?)");

    private TenTwenty() {}

    /** Whether {@code label} (trimmed) names a 10-20 family electrode. */
    public static boolean isElectrode(String label) {
        return ELECTRODE.matcher(label.trim().toUpperCase(Locale.ROOT)).matches();
    }

    /**
     * The scalp region of electrode {@code label} (trimmed, any case) by the rule in the class
     * comment; empty when the label is not a 10-20 family electrode or names a reference site.
     */
    public static Optional<Region> region(String label) {
        Matcher m = ELECTRODE.matcher(label.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) return Optional.empty();
        String prefix = m.group(1);
        String position = m.group(2);
        if (prefix.equals("P") && (position.equals("7") || position.equals("8") || position.equals("9")
                || position.equals("10"))) {
            return Optional.of(Region.TEMPORAL);
        }
        if (prefix.contains("T")) return Optional.of(Region.TEMPORAL);
        return Optional.ofNullable(switch (prefix) {
            case "FP", "AFP", "AF", "AFF", "F", "FFC" -> Region.FRONTAL;
            case "FC", "FCC", "C", "CCP", "CP" -> Region.CENTRAL;
            case "CPP", "P", "PPO", "PO", "POO" -> Region.PARIETAL;
            case "O", "OI", "I" -> Region.OCCIPITAL;
            default -> null;
        });
    }
}
