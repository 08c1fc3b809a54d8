package dev.liminal.datasets.edf;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers in EDF header fields: plain decimal ASCII, at most the field's width (8 characters
 * for ranges and durations). Immutable utility; thread-safe.
 */
final class EdfNumbers {
    /** Width of the numeric header fields (EDF spec). */
    static final int WIDTH = 8;
    /** Most decimal places tried when fitting a number into a field. */
    private static final int MAX_DECIMALS = 7;

    private EdfNumbers() {}

    /**
     * {@code value} as the longest-precision plain decimal that fits in {@link #WIDTH}
     * characters, rounded with {@code mode} (use {@link RoundingMode#FLOOR} for a lower bound,
     * {@link RoundingMode#CEILING} for an upper bound), or null when even the integer part is
     * too wide.
     */
    static String fit(double value, RoundingMode mode) {
        BigDecimal v = new BigDecimal(value);
        for (int scale = MAX_DECIMALS; scale >= 0; scale--) {
            BigDecimal r = v.setScale(scale, mode).stripTrailingZeros();
            String s = r.signum() == 0 ? "0" : r.toPlainString();
            if (s.length() <= WIDTH) return s;
        }
        return null;
    }

    /** Whether {@code value} is written exactly by {@link #fit}. */
    static boolean fitsExactly(double value) {
        String s = fit(value, RoundingMode.HALF_EVEN);
        return s != null && Double.parseDouble(s) == value;
    }
}
