package dev.liminal.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the command line prints numbers: plain decimals without exponent or trailing zeros, so
 * that scripts can parse them and people can read them. Stateless; thread-safe.
 */
final class NumberText {
    /** Decimal places kept when printing seconds and rates: microsecond / microhertz resolution. */
    static final int DECIMALS = 6;

    private NumberText() {}

    /**
     * A finite value rounded to {@link #DECIMALS} places without trailing zeros
     * ({@code 100.0 -> "100"}, {@code 0.25 -> "0.25"}); {@code "-"} for NaN or infinity.
     */
    static String plain(double value) {
        if (!Double.isFinite(value)) return "-";
        BigDecimal d = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** A sampling rate in Hz, or {@code "irregular"} for 0 Hz (marker streams). */
    static String rate(double rateHz) {
        return rateHz == 0 ? "irregular" : plain(rateHz);
    }

    /** A span of seconds as {@code H:MM:SS} (with fractional seconds when present), e.g. {@code 0:05:00}. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds)) return "-";
        BigDecimal abs = BigDecimal.valueOf(Math.abs(seconds)).setScale(DECIMALS, RoundingMode.HALF_EVEN);
        long whole = abs.longValue();
        BigDecimal fraction = abs.subtract(BigDecimal.valueOf(whole)).stripTrailingZeros();
        String frac = fraction.signum() == 0 ? "" : fraction.toPlainString().substring(1);
        return String.format(Locale.ROOT, "%s%d:%02d:%02d%s", seconds < 0 ? "-" : "", whole / 3600, whole / 60 % 60,
                whole % 60, frac);
    }
}
