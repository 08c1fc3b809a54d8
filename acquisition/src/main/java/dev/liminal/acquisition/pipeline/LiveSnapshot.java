package dev.liminal.acquisition.pipeline;

import java.util.List;

/**
 * What the live pipeline knows after one band-power frame: the region band powers of the
 * frame, their shifts against the baseline (once the baseline phase is over), the phase and
 * dose tier in effect, and the counters a display shows. Published by the dsp thread into a
 * latest-value holder ({@link LivePipeline#latest()}); the one object it allocates per frame.
 * Immutable; thread-safe; the arrays are owned by the snapshot and never handed out.
 */
public final class LiveSnapshot {
    private final String streamName;
    private final double sessionSeconds;
    private final double frameEndSeconds;
    private final long frames;
    private final long discontinuities;
    private final long framesLost;
    private final String phase;
    private final String doseTier;
    private final double doseMgPerKg;
    private final long baselineFrames;
    private final boolean baselineComplete;
    private final List<String> regions;
    private final List<String> bands;
    private final double[] power;
    private final double[] shiftDb;
    private final int flaggedChannels;
    private final double latencySeconds;
    private final boolean discontinuity;
    private final double gapSeconds;

    /** Takes ownership of {@code power} and {@code shiftDb} (the dsp thread's fresh arrays). */
    LiveSnapshot(String streamName, double sessionSeconds, double frameEndSeconds, long frames, long discontinuities,
                 long framesLost, String phase, String doseTier, double doseMgPerKg, long baselineFrames,
                 boolean baselineComplete, List<String> regions, List<String> bands, double[] power,
                 double[] shiftDb, int flaggedChannels, double latencySeconds, boolean discontinuity,
                 double gapSeconds) {
        this.streamName = streamName;
        this.sessionSeconds = sessionSeconds;
        this.frameEndSeconds = frameEndSeconds;
        this.frames = frames;
        this.discontinuities = discontinuities;
        this.framesLost = framesLost;
        this.phase = phase;
        this.doseTier = doseTier;
        this.doseMgPerKg = doseMgPerKg;
        this.baselineFrames = baselineFrames;
        this.baselineComplete = baselineComplete;
        this.regions = regions;
        this.bands = bands;
        this.power = power;
        this.shiftDb = shiftDb;
        this.flaggedChannels = flaggedChannels;
        this.latencySeconds = latencySeconds;
        this.discontinuity = discontinuity;
        this.gapSeconds = gapSeconds;
    }

    /** Whether this frame is the first after a discontinuity (its window restarted after the gap). */
    public boolean discontinuity() {
        return discontinuity;
    }

    /** Length of the gap before this frame, s; NaN when there was none or it is unknown. */
    public double gapSeconds() {
        return gapSeconds;
    }

    /** The EEG stream's name. */
    public String streamName() {
        return streamName;
    }

    /** End of the frame's window, seconds since the stream's first sample. */
    public double sessionSeconds() {
        return sessionSeconds;
    }

    /** End of the frame's window on the local clock, seconds. */
    public double frameEndSeconds() {
        return frameEndSeconds;
    }

    /** Frames computed so far, this one included. */
    public long frames() {
        return frames;
    }

    /** Discontinuities (reader overruns, timestamp gaps) so far; each restarted the window. */
    public long discontinuities() {
        return discontinuities;
    }

    /** Samples the dsp reader lost in overruns so far. */
    public long framesLost() {
        return framesLost;
    }

    /** The phase in effect at the frame's end, {@code ""} before the first phase marker. */
    public String phase() {
        return phase;
    }

    /** Tier of the last dose given, {@code ""} when none (or the tier table has none for it). */
    public String doseTier() {
        return doseTier;
    }

    /** Amount of the last dose given, mg/kg; NaN when none. */
    public double doseMgPerKg() {
        return doseMgPerKg;
    }

    /** Frames in the baseline so far. */
    public long baselineFrames() {
        return baselineFrames;
    }

    /** Whether the baseline phase is over, so {@link #shiftDb} holds numbers. */
    public boolean baselineComplete() {
        return baselineComplete;
    }

    /** Region names, in row order. */
    public List<String> regions() {
        return regions;
    }

    /** Band names, in column order. */
    public List<String> bands() {
        return bands;
    }

    /** Mean absolute power of the region's channels in the band, uV^2; NaN when no channel had power. */
    public double power(int region, int band) {
        return power[region * bands.size() + band];
    }

    /** {@code 10*log10(P / Pbase)} of the region and band, dB; NaN before the baseline is complete. */
    public double shiftDb(int region, int band) {
        return shiftDb[region * bands.size() + band];
    }

    /** Channels whose window carried a quality flag (amplitude, flat, non-finite, EMG). */
    public int flaggedChannels() {
        return flaggedChannels;
    }

    /** Local clock at publication minus the frame's end time, seconds (how late the frame came out). */
    public double latencySeconds() {
        return latencySeconds;
    }

    @Override
    public String toString() {
        return "LiveSnapshot[" + streamName + " " + sessionSeconds + " s, frame " + frames + ", phase '" + phase
                + "', tier '" + doseTier + "', baseline " + (baselineComplete ? "complete" : baselineFrames + " frames")
                + ", gaps " + discontinuities + "]";
    }
}
