package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * Baseline statistics of a band-power timeline: per channel and band, the mean and population
 * standard deviation of the absolute band power over the baseline frames, and the shifts of
 * any power against them ({@link ShiftMeasure}). The baseline frames are those whose whole
 * window lies inside the baseline interval {@code [startSeconds, endSeconds]}, so no data from
 * before the baseline leaks into it. Immutable; thread-safe; arrays copied in and out.
 *
 * @param startSeconds baseline start, same clock as the timeline's frame times
 * @param endSeconds   baseline end, after {@code startSeconds}
 * @param frameCount   number of frames averaged, at least 1
 * @param mean         mean absolute power in uV^2, {@code [channel][band]}; copied in
 * @param sd           population standard deviation in uV^2, {@code [channel][band]}; copied in
 */
public record Baseline(double startSeconds, double endSeconds, int frameCount, double[][] mean, double[][] sd) {
    /**
     * Slack when comparing a window's edges with the interval: frame times are sums of sample
     * counts divided by the rate, exact to a few ulp; one nanosecond is far below a sample.
     */
    static final double EDGE_TOLERANCE_SECONDS = 1e-9;

    /** Validates shapes and copies the arrays. */
    public Baseline {
        if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds) || !(startSeconds < endSeconds)) {
            throw new IllegalArgumentException("baseline " + startSeconds + "-" + endSeconds
                    + " s must be finite with start before end");
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("baseline needs at least 1 frame, got " + frameCount);
        }
        if (mean == null || sd == null || mean.length == 0 || mean[0] == null) {
            throw new IllegalArgumentException("baseline needs mean and sd for at least one channel");
        }
        Validation.requireShape(mean, mean.length, mean[0].length, "baseline mean");
        Validation.requireShape(sd, mean.length, mean[0].length, "baseline sd");
        mean = PowerSpectrum.deepCopy(mean);
        sd = PowerSpectrum.deepCopy(sd);
    }

    /**
     * Statistics of the frames of {@code timeline} whose whole window lies in
     * {@code [startSeconds, endSeconds]}.
     *
     * @throws IllegalArgumentException if no frame's window fits, quoting the interval and
     *                                  the frames' span
     */
    public static Baseline of(BandPowerTimeline timeline, double startSeconds, double endSeconds) {
        if (!(startSeconds < endSeconds)) {
            throw new IllegalArgumentException("baseline " + startSeconds + "-" + endSeconds + " s must start before it ends");
        }
        TimelineParameters p = timeline.parameters();
        double windowSeconds = p.windowSamples() / p.sampleRateHz();
        int first = -1;
        int end = -1;
        for (int f = 0; f < timeline.frameCount(); f++) {
            double frameEnd = timeline.frameEndTimeSeconds(f);
            boolean inside = frameEnd - windowSeconds >= startSeconds - EDGE_TOLERANCE_SECONDS
                    && frameEnd <= endSeconds + EDGE_TOLERANCE_SECONDS;
            if (inside) {
                if (first < 0) first = f;
                end = f + 1;
            }
        }
        if (first < 0) {
            String frames = timeline.frameCount() == 0 ? "there are no frames"
                    : "frames end at " + timeline.frameEndTimeSeconds(0) + ".."
                    + timeline.frameEndTimeSeconds(timeline.frameCount() - 1) + " s";
            throw new IllegalArgumentException("baseline " + startSeconds + "-" + endSeconds + " s holds no whole "
                    + windowSeconds + " s window; " + frames);
        }
        int channels = timeline.channelCount();
        int bands = timeline.bands().size();
        int count = end - first;
        double[][] mean = new double[channels][bands];
        double[][] sd = new double[channels][bands];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                for (int f = first; f < end; f++) sum += timeline.absolute(c, f, b);
                double m = sum / count;
                double squares = 0;
                for (int f = first; f < end; f++) {
                    double d = timeline.absolute(c, f, b) - m;
                    squares += d * d;
                }
                mean[c][b] = m;
                sd[c][b] = Math.sqrt(squares / count);
            }
        }
        return new Baseline(startSeconds, endSeconds, count, mean, sd);
    }

    /** Mean baseline power of {@code band} in {@code channel}, uV^2. */
    public double mean(int channel, int band) {
        return mean[channel][band];
    }

    /** Population standard deviation of the baseline power of {@code band} in {@code channel}, uV^2. */
    public double sd(int channel, int band) {
        return sd[channel][band];
    }

    /** A copy of the means, {@code [channel][band]}, uV^2. */
    @Override
    public double[][] mean() {
        return PowerSpectrum.deepCopy(mean);
    }

    /** A copy of the standard deviations, {@code [channel][band]}, uV^2. */
    @Override
    public double[][] sd() {
        return PowerSpectrum.deepCopy(sd);
    }

    /**
     * The shift of one power against this baseline.
     *
     * @throws IllegalArgumentException for {@link ShiftMeasure#Z_SCORE} with a single baseline frame
     */
    public double shift(int channel, int band, double powerMicrovoltsSquared, ShiftMeasure measure) {
        requireUsable(measure);
        return measure.apply(powerMicrovoltsSquared, mean[channel][band], sd[channel][band]);
    }

    /**
     * Shifts of every frame of {@code timeline} against this baseline.
     *
     * @param timeline same channels and bands as the baseline; Not modified
     * @param output   {@code [channel][frame * bands + band]} in the measure's unit; Modified
     */
    public void shift(BandPowerTimeline timeline, ShiftMeasure measure, double[][] output) {
        requireUsable(measure);
        int bands = timeline.bands().size();
        if (timeline.channelCount() != mean.length || bands != mean[0].length) {
            throw new IllegalArgumentException("timeline has " + timeline.channelCount() + " channels x " + bands
                    + " bands, baseline " + mean.length + " x " + mean[0].length);
        }
        Validation.requireShape(output, mean.length, timeline.frameCount() * bands, "shift output");
        for (int c = 0; c < mean.length; c++) {
            for (int f = 0; f < timeline.frameCount(); f++) {
                for (int b = 0; b < bands; b++) {
                    output[c][f * bands + b] = measure.apply(timeline.absolute(c, f, b), mean[c][b], sd[c][b]);
                }
            }
        }
    }

    private void requireUsable(ShiftMeasure measure) {
        if (measure == ShiftMeasure.Z_SCORE && frameCount < 2) {
            throw new IllegalArgumentException("z-score needs at least 2 baseline frames; baseline " + startSeconds
                    + "-" + endSeconds + " s has " + frameCount);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b && Double.compare(b.startSeconds, startSeconds) == 0
                && Double.compare(b.endSeconds, endSeconds) == 0 && b.frameCount == frameCount
                && Arrays.deepEquals(b.mean, mean) && Arrays.deepEquals(b.sd, sd);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(mean) * 31 + Arrays.deepHashCode(sd) + Double.hashCode(startSeconds) + frameCount;
    }

    @Override
    public String toString() {
        return "Baseline[" + startSeconds + "-" + endSeconds + " s, frames=" + frameCount + ", channels=" + mean.length + "]";
    }
}
