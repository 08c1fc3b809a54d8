package dev.liminal.acquisition.pipeline;

import dev.liminal.core.stream.SourceClock;
import dev.liminal.dsp.filter.FilterSpec;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link LivePipeline} runs. Immutable; thread-safe.
 *
 * @param windowSeconds  periodogram window, s (live default {@value TimelineParameters#DEFAULT_WINDOW_SECONDS})
 * @param hopSeconds     one frame every hop, s (live default {@value TimelineParameters#DEFAULT_LIVE_HOP_SECONDS})
 * @param bands          bands integrated (default delta..gamma, DOMAIN.md)
 * @param filters        causal filters applied in order before the periodogram (state reset at every gap); copied in
 * @param baselinePhase  name of the phase whose frames make the baseline
 * @param ringSeconds    how much of each stream the rings hold, s: how far a reader may fall behind before an overrun
 * @param timelineCsv    where the timeline CSV is streamed, or null for none
 * @param recordXdf      where the XDF recording goes, or null for none
 * @param clock          the local clock (latency, recorder offsets)
 * @param markerAllowanceSeconds how long (wall clock) a computed frame waits for the marker
 *                       stream before its phase is fixed (see {@link LivePipeline}), s
 */
public record LivePipelineOptions(double windowSeconds, double hopSeconds, BandSet bands, List<FilterSpec> filters,
                                  String baselinePhase, double ringSeconds, Path timelineCsv, Path recordXdf,
                                  SourceClock clock, double markerAllowanceSeconds) {
    /** The protocol's baseline phase (DOMAIN.md: the only valid baseline). */
    public static final String DEFAULT_BASELINE_PHASE = "BASELINE";
    /**
     * Default ring span: 30 s lets the recorder or the dsp thread stall for many seconds (a GC
     * pause, a slow disk) without losing data; 64 channels at 1 kHz is 15 MB.
     */
    public static final double DEFAULT_RING_SECONDS = 30.0;

    /** Validates; messages quote the values. */
    public LivePipelineOptions {
        positive("window", windowSeconds);
        positive("hop", hopSeconds);
        positive("ring span", ringSeconds);
        positive("marker allowance", markerAllowanceSeconds);
        Objects.requireNonNull(bands, "bands");
        filters = List.copyOf(filters);
        Objects.requireNonNull(baselinePhase, "baselinePhase");
        if (baselinePhase.isBlank()) throw new IllegalArgumentException("live pipeline: baseline phase name is blank");
        Objects.requireNonNull(clock, "clock");
        if (ringSeconds < windowSeconds) {
            throw new IllegalArgumentException("live pipeline: ring span " + ringSeconds + " s is shorter than the "
                    + windowSeconds + " s window");
        }
    }

    /**
     * Default marker allowance: a marker may reach the pipeline a little after the EEG it
     * precedes (another socket, another pump thread); 0.5 s covers scheduling and network
     * delays on one machine many times over.
     */
    public static final double DEFAULT_MARKER_ALLOWANCE_SECONDS = 0.5;

    /** Live defaults: 2 s window, 0.1 s hop, default bands, no filter, BASELINE, 30 s rings, no files. */
    public static LivePipelineOptions defaults() {
        return new LivePipelineOptions(TimelineParameters.DEFAULT_WINDOW_SECONDS,
                TimelineParameters.DEFAULT_LIVE_HOP_SECONDS, BandSet.DEFAULT, List.of(), DEFAULT_BASELINE_PHASE,
                DEFAULT_RING_SECONDS, null, null, SourceClock.SYSTEM, DEFAULT_MARKER_ALLOWANCE_SECONDS);
    }

    /** With another window and hop, s. */
    public LivePipelineOptions withWindow(double newWindowSeconds, double newHopSeconds) {
        return new LivePipelineOptions(newWindowSeconds, newHopSeconds, bands, filters, baselinePhase, ringSeconds,
                timelineCsv, recordXdf, clock, markerAllowanceSeconds);
    }

    /** With other bands. */
    public LivePipelineOptions withBands(BandSet newBands) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, newBands, filters, baselinePhase, ringSeconds,
                timelineCsv, recordXdf, clock, markerAllowanceSeconds);
    }

    /** With causal filters, applied in order. */
    public LivePipelineOptions withFilters(List<FilterSpec> newFilters) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, newFilters, baselinePhase, ringSeconds,
                timelineCsv, recordXdf, clock, markerAllowanceSeconds);
    }

    /** With another ring span, s. */
    public LivePipelineOptions withRingSeconds(double newRingSeconds) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, filters, baselinePhase, newRingSeconds,
                timelineCsv, recordXdf, clock, markerAllowanceSeconds);
    }

    /** Streaming the timeline CSV to {@code file} (null for none). */
    public LivePipelineOptions withTimelineCsv(Path file) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, filters, baselinePhase, ringSeconds, file,
                recordXdf, clock, markerAllowanceSeconds);
    }

    /** Recording every stream into the XDF {@code file} (null for none). */
    public LivePipelineOptions withRecording(Path file) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, filters, baselinePhase, ringSeconds,
                timelineCsv, file, clock, markerAllowanceSeconds);
    }

    /** With another marker allowance, s. */
    public LivePipelineOptions withMarkerAllowance(double seconds) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, filters, baselinePhase, ringSeconds,
                timelineCsv, recordXdf, clock, seconds);
    }

    /** With another baseline phase name. */
    public LivePipelineOptions withBaselinePhase(String name) {
        return new LivePipelineOptions(windowSeconds, hopSeconds, bands, filters, name, ringSeconds, timelineCsv,
                recordXdf, clock, markerAllowanceSeconds);
    }

    private static void positive(String what, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("live pipeline: " + what + " " + seconds + " s is not finite and > 0");
        }
    }
}
