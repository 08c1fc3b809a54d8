package dev.liminal.acquisition.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The per-phase summary of a live run: for every phase seen (in order), region and band, the
 * mean dB shift against the baseline ({@link SummaryRow}). Immutable; thread-safe.
 *
 * @param baselinePhase  name of the baseline phase
 * @param baselineFrames frames that made the baseline (0 when there was none)
 * @param rows           phase-major, then region, then band; copied in
 */
public record SessionSummary(String baselinePhase, long baselineFrames, List<SummaryRow> rows) {
    /** The CSV header of {@link #writeCsv}. */
    public static final String CSV_HEADER = "phase,region,band,mean_shift_db,frames";

    /** Copies the rows. */
    public SessionSummary {
        rows = List.copyOf(rows);
    }

    /** Whether a baseline was complete, so the shifts are numbers. */
    public boolean hasBaseline() {
        return baselineFrames > 0;
    }

    /** The row of one phase, region and band, if present. */
    public Optional<SummaryRow> row(String phase, String region, String band) {
        for (SummaryRow r : rows) {
            if (r.phase().equals(phase) && r.region().equals(region) && r.band().equals(band)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * Writes {@value #CSV_HEADER} rows (numbers as {@link Double#toString}, {@code NaN} when
     * undefined), replacing {@code file}.
     */
    public void writeCsv(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER);
            w.write('\n');
            for (SummaryRow r : rows) {
                w.write(TimelineCsvWriter.field(r.phase()) + ',' + TimelineCsvWriter.field(r.region()) + ','
                        + TimelineCsvWriter.field(r.band()) + ',' + r.meanShiftDb() + ',' + r.frames());
                w.write('\n');
            }
        }
    }
}
