package dev.liminal.acquisition.pipeline;

import java.util.Objects;

/**
 * One row of the per-phase summary: the mean dB shift of one band in one region over the
 * frames of one phase, against the baseline. Immutable.
 *
 * @param phase       phase name, e.g. {@code INFUSION}
 * @param region      region name, e.g. {@code occipital}
 * @param band        band name, e.g. {@code alpha}
 * @param meanShiftDb mean over the phase's frames of {@code 10*log10(P / Pbase)}, dB; NaN when
 *                    there is no baseline or no frame
 * @param frames      frames averaged (frames of the phase in which the region had power)
 */
public record SummaryRow(String phase, String region, String band, double meanShiftDb, long frames) {
    /** Checks the names and the count. */
    public SummaryRow {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(band, "band");
        if (frames < 0) throw new IllegalArgumentException("summary row " + phase + "/" + region + "/" + band
                + ": frame count " + frames + " < 0");
    }
}
