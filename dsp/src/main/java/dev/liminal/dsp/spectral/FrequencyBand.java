package dev.liminal.dsp.spectral;

/**
 * A named frequency band {@code [lowHz, highHz)}: a PSD bin at frequency f belongs to it when
 * {@code lowHz <= f < highHz}. Immutable; thread-safe.
 *
 * @param name   label such as "alpha": non-blank, no ':' ',' or whitespace (so a
 *               {@link BandSet} can be written and parsed back)
 * @param lowHz  lower edge (inclusive), finite, at least 0
 * @param highHz upper edge (exclusive), finite, above {@code lowHz}
 */
public record FrequencyBand(String name, double lowHz, double highHz) {
    /** Validates the band; messages quote the values. */
    public FrequencyBand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("band name must not be blank: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == ',' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("band name '" + name + "' must not contain ':', ',' or whitespace");
            }
        }
        if (!Double.isFinite(lowHz) || !Double.isFinite(highHz) || lowHz < 0) {
            throw new IllegalArgumentException("band " + name + " " + lowHz + "-" + highHz
                    + " Hz: edges must be finite and at least 0 Hz");
        }
        if (!(lowHz < highHz)) {
            throw new IllegalArgumentException("band " + name + " " + lowHz + "-" + highHz
                    + " Hz: low edge must be below high edge");
        }
    }

    /** Whether {@code frequencyHz} lies in {@code [lowHz, highHz)}. */
    public boolean contains(double frequencyHz) {
        return lowHz <= frequencyHz && frequencyHz < highHz;
    }

    /** The band as {@link BandSet#parse} reads it, e.g. {@code alpha:8.0-13.0}. */
    public String format() {
        return name + ":" + lowHz + "-" + highHz;
    }
}
