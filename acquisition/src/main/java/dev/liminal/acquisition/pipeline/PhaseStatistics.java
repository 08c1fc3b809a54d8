package dev.liminal.acquisition.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Running statistics of region band powers per session phase, without keeping the frames: the
 * baseline mean power (the frames of the baseline phase whose whole window lies inside it, as
 * {@code dsp.spectral.Baseline} selects them) and, per phase, the sum of {@code 10*log10(P)} so
 * that the mean dB shift against a baseline known only later is
 * {@code mean(10*log10(P)) - 10*log10(Pbase)} (ARCHITECTURE.md "Shift against baseline").
 * A cell whose power is not a positive finite number (a region with no usable channel) is left
 * out of that cell's sums; each cell keeps its own count.
 *
 * <p>The baseline is complete at the first frame of another phase after at least one baseline
 * frame; later baseline-phase frames do not change it. Memory is bounded by the number of
 * phases times regions times bands.
 *
 * <p><b>Thread ownership:</b> confined to the dsp thread; {@link #add} allocates only the first
 * time a phase is seen.
 */
final class PhaseStatistics {
    /** Frame edges and phase starts are on the same clock but rounded differently; 1 ns is far below a sample. */
    static final double EDGE_TOLERANCE_SECONDS = 1e-9;

    private final int cells;
    private final String baselinePhase;
    private final double[] baselineSum;
    private final long[] baselineCount;
    private final double[] baselineMean;
    private long baselineFrames;
    private boolean baselineComplete;
    private final Map<String, PhaseSums> byPhase = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private PhaseSums current;
    private String currentName;

    /** Sums of one phase. */
    static final class PhaseSums {
        final double[] sumDb;
        final long[] count;
        long frames;

        PhaseSums(int cells) {
            sumDb = new double[cells];
            count = new long[cells];
        }
    }

    /**
     * @param cells         regions x bands, flattened {@code region * bands + band}
     * @param baselinePhase name of the phase that is the baseline (default {@code BASELINE})
     */
    PhaseStatistics(int cells, String baselinePhase) {
        this.cells = cells;
        this.baselinePhase = baselinePhase;
        this.baselineSum = new double[cells];
        this.baselineCount = new long[cells];
        this.baselineMean = new double[cells];
        Arrays.fill(baselineMean, Double.NaN);
    }

    /**
     * Adds one frame.
     *
     * @param phase            the frame's phase name, or null when no phase is known yet (skipped)
     * @param phaseStartSeconds when that phase started (same clock as the window)
     * @param windowStartSeconds start of the frame's window
     * @param power            Not modified: region band powers in uV^2, {@code [region * bands + band]}
     */
    void add(String phase, double phaseStartSeconds, double windowStartSeconds, double[] power) {
        if (phase == null) return;
        boolean isBaseline = phase.equals(baselinePhase);
        if (!isBaseline && baselineFrames > 0 && !baselineComplete) completeBaseline();
        if (isBaseline && !baselineComplete
                && windowStartSeconds >= phaseStartSeconds - EDGE_TOLERANCE_SECONDS) {
            for (int i = 0; i < cells; i++) {
                double p = power[i];
                if (p > 0 && Double.isFinite(p)) {
                    baselineSum[i] += p;
                    baselineCount[i]++;
                }
            }
            baselineFrames++;
        }
        PhaseSums sums = current;
        if (sums == null || !phase.equals(currentName)) {
            sums = byPhase.get(phase);
            if (sums == null) {
                sums = new PhaseSums(cells);
                byPhase.put(phase, sums);
                order.add(phase);
            }
            current = sums;
            currentName = phase;
        }
        for (int i = 0; i < cells; i++) {
            double p = power[i];
            if (p > 0 && Double.isFinite(p)) {
                sums.sumDb[i] += 10.0 * Math.log10(p);
                sums.count[i]++;
            }
        }
        sums.frames++;
    }

    /** Freezes the baseline (also called at the end of the stream when it is still open). */
    void completeBaseline() {
        if (baselineComplete || baselineFrames == 0) return;
        for (int i = 0; i < cells; i++) {
            baselineMean[i] = baselineCount[i] > 0 ? baselineSum[i] / baselineCount[i] : Double.NaN;
        }
        baselineComplete = true;
    }

    boolean baselineComplete() {
        return baselineComplete;
    }

    long baselineFrames() {
        return baselineFrames;
    }

    /** Baseline mean of cell {@code i}, uV^2; NaN before completion or when the cell had no power. */
    double baselineMean(int i) {
        return baselineMean[i];
    }

    /** The phases seen, in order of first appearance. */
    List<String> phases() {
        return List.copyOf(order);
    }

    /** Frames of {@code phase} counted in cell {@code i}. */
    long count(String phase, int i) {
        PhaseSums s = byPhase.get(phase);
        return s == null ? 0 : s.count[i];
    }

    /** Frames of {@code phase}. */
    long frames(String phase) {
        PhaseSums s = byPhase.get(phase);
        return s == null ? 0 : s.frames;
    }

    /** Mean dB shift of cell {@code i} over the frames of {@code phase}; NaN without a baseline or frames. */
    double meanShiftDb(String phase, int i) {
        PhaseSums s = byPhase.get(phase);
        if (s == null || s.count[i] == 0 || !baselineComplete) return Double.NaN;
        return s.sumDb[i] / s.count[i] - 10.0 * Math.log10(baselineMean[i]);
    }
}
