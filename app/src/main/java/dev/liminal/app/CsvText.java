package dev.liminal.app;

/** How the analysis subcommands write CSV fields (RFC 4180). Stateless; thread-safe. */
final class CsvText {
    private CsvText() {}

    /** A text field, quoted when it holds a comma, quote or line break (quotes doubled). */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A number with every digit needed to read back the same double ({@link Double#toString});
     * {@code NaN} when undefined (e.g. relative power of a channel with no power at all).
     */
    static String number(double value) {
        return Double.toString(value);
    }
}
