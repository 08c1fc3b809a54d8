package dev.liminal.acquisition.simulation;

import java.util.Locale;

/**
 * Where a 10-20 electrode sits, as coarse as the signal model needs: its region (by the label's
 * letter prefix) and side (odd numbers left, even right, {@code z} midline). Immutable;
 * thread-safe.
 *
 * @param label  the electrode label, e.g. {@code "PO3"}
 * @param region the scalp region
 * @param side   the hemisphere
 */
record ScalpSite(String label, Region region, Side side) {
    /** Scalp regions, front to back. */
    enum Region {
        /** Fp, AF: above the eyes. */
        FRONTOPOLAR,
        /** F. */
        FRONTAL,
        /** FC, FT: between frontal and central/temporal. */
        FRONTOCENTRAL,
        /** T, TP and the mastoids: over the temporalis muscle. */
        TEMPORAL,
        /** C, CP. */
        CENTRAL,
        /** P. */
        PARIETAL,
        /** PO, O, I: over the visual cortex. */
        OCCIPITAL
    }

    /** Hemisphere of an electrode. */
    enum Side {
        LEFT,
        MIDLINE,
        RIGHT
    }

    /**
     * The site of a 10-20 family label.
     *
     * @throws IllegalArgumentException for a label without a known region prefix
     */
    static ScalpSite of(String label) {
        String upper = label.trim().toUpperCase(Locale.ROOT);
        int digits = 0;
        while (digits < upper.length() && Character.isLetter(upper.charAt(digits))) digits++;
        String prefix = upper.substring(0, digits);
        String position = upper.substring(digits);
        if (prefix.endsWith("Z") && position.isEmpty()) {
            prefix = prefix.substring(0, prefix.length() - 1);
            position = "Z";
        }
        Region region = switch (prefix) {
            case "FP", "AF", "NFP", "AFP" -> Region.FRONTOPOLAR;
            case "F", "AFF" -> Region.FRONTAL;
            case "FC", "FT", "FFC", "FFT", "FCC", "FTT" -> Region.FRONTOCENTRAL;
            case "T", "TP", "TTP", "TPP", "A", "M" -> Region.TEMPORAL;
            case "C", "CP", "CCP", "CPP" -> Region.CENTRAL;
            case "P", "PPO" -> Region.PARIETAL;
            case "PO", "POO", "O", "OI", "I" -> Region.OCCIPITAL;
            default -> throw new IllegalArgumentException("electrode '" + label + "' has no 10-20 region prefix");
        };
        Side side;
        if (position.equals("Z")) {
            side = Side.MIDLINE;
        } else if (!position.isEmpty() && Character.isDigit(position.charAt(0))) {
            int number = Integer.parseInt(position.replaceAll("[^0-9]", ""));
            side = number % 2 == 1 ? Side.LEFT : Side.RIGHT;
        } else {
            throw new IllegalArgumentException("electrode '" + label + "' has neither z nor a position number");
        }
        return new ScalpSite(label, region, side);
    }

    /** Whether this is a lateral frontal site next to the temporalis (F7, F8, F9, F10). */
    boolean isLateralFrontal() {
        return region == Region.FRONTAL && label.replaceAll("[^0-9]", "").matches("7|8|9|10");
    }
}
