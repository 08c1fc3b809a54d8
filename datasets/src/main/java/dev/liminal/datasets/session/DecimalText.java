package dev.liminal.datasets.session;

import java.math.BigDecimal;

/**
 * Writes a {@code double} as the shortest plain decimal that parses back to the same value
 * ({@code 2400}, {@code 0.5}, {@code 0.0001}, {@code -0}): exact round trips without the
 * exponent notation of {@link Double#toString}, which BIDS tools and people read less easily.
 * Stateless; thread-safe.
 */
final class DecimalText {
    /** Upper bound on the ulp steps of {@link #exactSpan}. */
    private static final int MAX_ULP_STEPS = 64;

    private DecimalText() {}

    /**
     * The decimal text of a finite value.
     *
     * @throws IllegalArgumentException for NaN or an infinity (callers write those their own way)
     */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot write " + value + " as a decimal");
        }
        if (value == 0) return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        // BigDecimal.valueOf uses Double.toString: the shortest digits that identify the double.
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses decimal text written by {@link #format} (or any finite decimal).
     *
     * @throws NumberFormatException if the text is not a finite decimal number
     */
    static double parse(String text) {
        double v = Double.parseDouble(checked(text));
        if (!Double.isFinite(v)) throw new NumberFormatException("'" + text + "' is out of range");
        return v;
    }

    /**
     * {@code onset + duration} of two decimal texts, computed exactly and rounded once, so that
     * the durations written by {@link #spanText} give the end back bit for bit.
     *
     * @throws NumberFormatException if either is not a decimal number or the sum is out of range
     */
    static double end(String onsetText, String durationText) {
        double v = new BigDecimal(checked(onsetText)).add(new BigDecimal(checked(durationText))).doubleValue();
        if (!Double.isFinite(v)) {
            throw new NumberFormatException("'" + onsetText + "' + '" + durationText + "' is out of range");
        }
        return v;
    }

    /**
     * The shortest duration text {@code d} found with {@code end(format(start), d) == end}:
     * usually {@code format(end - start)}; otherwise the exact decimal difference.
     *
     * @param start finite
     * @param end   finite, {@code >= start}
     */
    static String spanText(double start, double end) {
        String onset = format(start);
        double d = end - start;
        for (int i = 0; i < SPAN_TEXT_TRIES; i++) {
            String candidate = format(Math.max(d, 0));
            double got = end(onset, candidate);
            if (got == end) return candidate;
            d = got < end ? Math.nextUp(d) : Math.nextDown(d);
        }
        return new BigDecimal(end).subtract(new BigDecimal(onset)).stripTrailingZeros().toPlainString();
    }

    /** Short candidates tried by {@link #spanText} before the exact difference. */
    private static final int SPAN_TEXT_TRIES = 4;
    /** Largest decimal text accepted: far beyond the 17 significant digits a double needs. */
    private static final int MAX_TEXT_LENGTH = 400;
    /** Largest exponent magnitude accepted, bounding the cost of exact decimal arithmetic. */
    private static final int MAX_EXPONENT = 400;

    private static String checked(String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH || !isDecimalSyntax(text)) {
            throw new NumberFormatException("'" + abbreviated(text) + "' is not a decimal number");
        }
        return text;
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Whether the text is [-+]digits[.digits][(e|E)[-+]digits], rejecting "NaN", "0x1p3", "1d". */
    private static boolean isDecimalSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '-' || s.charAt(i) == '+') i++;
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            int expDigits = 0;
            long exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                exponent = Math.min(exponent * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE);
                i++;
                expDigits++;
            }
            if (expDigits == 0 || exponent > MAX_EXPONENT) return false;
        }
        return i == n;
    }

    /**
     * A duration {@code d} with {@code start + d == end} exactly in double arithmetic, so an
     * interval stored as onset and duration gives its end back bit for bit. Starts from
     * {@code end - start} and steps by one ulp at a time; for the rare pair with no such
     * {@code d} (a large negative start) the nearest one found is returned.
     *
     * @param start finite
     * @param end   finite, {@code >= start}
     */
    static double exactSpan(double start, double end) {
        double d = end - start;
        // For 0 <= start <= end: if start >= end / 2 the subtraction is exact (Sterbenz); otherwise
        // d > end / 2, so one step of d moves start + d by at most one ulp of end and rounding
        // lands on end within a few steps. The bound only guards the negative-start case.
        for (int i = 0; i < MAX_ULP_STEPS && start + d != end; i++) {
            double next = start + d < end ? Math.nextUp(d) : Math.nextDown(d);
            if (next < 0) break;
            d = next;
        }
        return Math.max(d, 0);
    }

}
