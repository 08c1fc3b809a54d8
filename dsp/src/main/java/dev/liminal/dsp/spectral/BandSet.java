package dev.liminal.dsp.spectral;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered set of named frequency bands, the set over which relative power is normalised.
 * Bands may overlap; names are unique. Immutable; thread-safe.
 *
 * @param bands the bands in order, at least one, unique names; copied in
 */
public record BandSet(List<FrequencyBand> bands) {
    /**
     * The default bands, the only place they are defined: delta 1-4, theta 4-8, alpha 8-13,
     * beta 13-30, gamma 30-45 Hz (the conventional clinical EEG bands, upper gamma limited to
     * 45 Hz to stay below 50 Hz mains).
     */
    public static final BandSet DEFAULT = new BandSet(List.of(
            new FrequencyBand("delta", 1.0, 4.0),
            new FrequencyBand("theta", 4.0, 8.0),
            new FrequencyBand("alpha", 8.0, 13.0),
            new FrequencyBand("beta", 13.0, 30.0),
            new FrequencyBand("gamma", 30.0, 45.0)));

    private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern BAND = Pattern.compile("\\s*([^:,\\s]+)\\s*:\\s*" + NUMBER + "\\s*-\\s*" + NUMBER + "\\s*");

    /** Validates and copies the list. */
    public BandSet {
        if (bands == null || bands.isEmpty()) {
            throw new IllegalArgumentException("a band set needs at least one band");
        }
        bands = List.copyOf(bands);
        Set<String> names = new HashSet<>();
        for (FrequencyBand band : bands) {
            if (!names.add(band.name())) {
                throw new IllegalArgumentException("band name '" + band.name() + "' appears twice in " + format(bands));
            }
        }
    }

    /**
     * Parses {@code name:low-high[,name:low-high...]} (Hz, e.g. {@code "alpha:8-13,beta:13-30"}).
     *
     * @throws IllegalArgumentException naming the element that does not parse or validate
     */
    public static BandSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("band list is empty; expected name:low-high[,name:low-high...]");
        }
        List<FrequencyBand> parsed = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            Matcher m = BAND.matcher(element);
            if (!m.matches()) {
                throw new IllegalArgumentException("band '" + element.trim() + "' in '" + text
                        + "' is not name:low-high (Hz, e.g. alpha:8-13)");
            }
            parsed.add(new FrequencyBand(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        return new BandSet(parsed);
    }

    /** Number of bands. */
    public int size() {
        return bands.size();
    }

    /** Band {@code index} (0-based, in order). */
    public FrequencyBand get(int index) {
        return bands.get(index);
    }

    /**
     * Checks every band lies at or below the Nyquist frequency of {@code sampleRateHz}.
     *
     * @throws IllegalArgumentException e.g. "band gamma 30.0-45.0 Hz exceeds Nyquist 40.0 Hz
     *                                  for 80.0 Hz sampling"
     */
    public void requireBelowNyquist(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz must be positive and finite");
        }
        double nyquistHz = sampleRateHz / 2;
        for (FrequencyBand band : bands) {
            if (band.highHz() > nyquistHz) {
                throw new IllegalArgumentException("band " + band.name() + " " + band.lowHz() + "-" + band.highHz()
                        + " Hz exceeds Nyquist " + nyquistHz + " Hz for " + sampleRateHz + " Hz sampling");
            }
        }
    }

    /** The set as {@link #parse} reads it. */
    public String format() {
        return format(bands);
    }

    private static String format(List<FrequencyBand> bands) {
        StringBuilder sb = new StringBuilder();
        for (FrequencyBand band : bands) {
            if (sb.length() > 0) sb.append(',');
            sb.append(band.format());
        }
        return sb.toString();
    }
}
