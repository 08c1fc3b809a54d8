package dev.liminal.app;

import dev.liminal.acquisition.monitor.TimingSnapshot;
import dev.liminal.acquisition.pipeline.LiveSnapshot;
import dev.liminal.acquisition.pipeline.SessionSummary;
import dev.liminal.acquisition.pipeline.SummaryRow;

import java.util.List;
import java.util.Locale;

/**
 * Text views of the live pipeline for the {@code demo} command: the live table (regions x
 * bands, dB shift against the baseline, with phase, dose tier, elapsed time, frames, gaps and
 * the EEG stream's timing integrity),
 * the one-line status for logs and pipes, and the per-phase summary table. Stateless;
 * thread-safe.
 */
final class LiveShiftTable {
    /** ANSI: cursor home and clear the screen below, so the table redraws in place at a terminal. */
    static final String REDRAW = "\u001b[H\u001b[J";
    private static final String NO_VALUE = "-";

    private LiveShiftTable() {}

    /** The live table of one snapshot with the EEG stream's timing, several lines, each ending in a line break. */
    static String table(LiveSnapshot s, TimingSnapshot timing, double totalSeconds, long gapsTotal) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Liminal demo: '%s'  %.1f / %.0f s  phase %s  dose %s%n", s.streamName(),
                s.sessionSeconds(), totalSeconds, s.phase().isEmpty() ? NO_VALUE : s.phase(), dose(s)));
        b.append(String.format(Locale.ROOT, "frames %d  gaps %d  samples lost %d  flagged channels %d  latency %.1f ms%n",
                s.frames(), gapsTotal, s.framesLost(), s.flaggedChannels(), s.latencySeconds() * 1e3));
        b.append(String.format(Locale.ROOT, "stream %s Hz (nominal %s), data age %s ms, drift %s ppm, timestamp jumps %d%n",
                fixed(timing.effectiveRateHz(), 1), NumberText.plain(timing.nominalRateHz()),
                fixed(timing.dataAgeSeconds() * 1e3, 0), fixed(timing.clockDriftPpm(), 0), timing.timestampJumps()));
        b.append(s.baselineComplete() ? "band power shift against baseline, dB\n"
                : "baseline: collecting (" + s.baselineFrames() + " frames); shifts appear when it ends\n");
        List<String> rows = s.regions();
        List<String> cols = s.bands();
        String[][] cells = new String[rows.size()][cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) cells[r][c] = signed(s.shiftDb(r, c));
        }
        b.append(grid(rows, cols, cells));
        return b.toString();
    }

    /** One status line for logs and pipes: time, phase, tier, counters and the region-mean alpha and gamma shifts. */
    static String line(LiveSnapshot s, long gapsTotal) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "demo: %.1f s phase=%s tier=%s frames=%d gaps=%d",
                s.sessionSeconds(), s.phase().isEmpty() ? NO_VALUE : s.phase(),
                s.doseTier().isEmpty() ? NO_VALUE : s.doseTier(), s.frames(), gapsTotal));
        for (int c = 0; c < s.bands().size(); c++) {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < s.regions().size(); r++) {
                double v = s.shiftDb(r, c);
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            b.append(' ').append(s.bands().get(c)).append("_db=").append(n == 0 ? NO_VALUE : signed(sum / n));
        }
        return b.toString();
    }

    /** The mean dB shifts of one phase, regions x bands, or a note when the phase or baseline is missing. */
    static String summary(SessionSummary summary, String phase, List<String> regions, List<String> bands) {
        if (!summary.hasBaseline()) return "no complete baseline: no shifts to summarise\n";
        String[][] cells = new String[regions.size()][bands.size()];
        boolean any = false;
        for (int r = 0; r < regions.size(); r++) {
            for (int c = 0; c < bands.size(); c++) {
                SummaryRow row = summary.row(phase, regions.get(r), bands.get(c)).orElse(null);
                cells[r][c] = row == null ? NO_VALUE : signed(row.meanShiftDb());
                any |= row != null;
            }
        }
        if (!any) return "no frames in phase " + phase + "\n";
        return "mean shift against baseline in " + phase + ", dB\n" + grid(regions, bands, cells);
    }

    private static String dose(LiveSnapshot s) {
        if (Double.isNaN(s.doseMgPerKg())) return NO_VALUE;
        return NumberText.plain(s.doseMgPerKg()) + " mg/kg" + (s.doseTier().isEmpty() ? "" : " (" + s.doseTier() + ")");
    }

    /** A number with {@code decimals} places, {@code -} when undefined. */
    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NO_VALUE;
    }

    /** A number with its sign and two decimals, {@code -} when undefined. */
    static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", v) : NO_VALUE;
    }

    private static String grid(List<String> rows, List<String> cols, String[][] cells) {
        int first = "region".length();
        for (String r : rows) first = Math.max(first, r.length());
        int width = 6;
        for (String c : cols) width = Math.max(width, c.length());
        StringBuilder b = new StringBuilder();
        b.append(pad("region", first));
        for (String c : cols) b.append("  ").append(left(c, width));
        b.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            b.append(pad(rows.get(r), first));
            for (int c = 0; c < cols.size(); c++) b.append("  ").append(left(cells[r][c], width));
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String left(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
