package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.LaneRealFft;

/**
 * Band powers of one window in each of a group of channels: the single piece of code behind
 * both {@link BandPowerTimelineEstimator} and {@link StreamingBandPowerProcessor}, which is why
 * they agree bit for bit. Per window: raw transform, frequency-domain detrend and window over
 * the band bins only ({@link CosineWindowCombiner}), band sums ({@link BandBins}).
 *
 * <p>Transform: {@link LaneRealFft} (up to {@link #lanes()} channels per call, allocation-free)
 * when it supports the window length, which covers 2 s windows at every integer rate;
 * otherwise JTransforms per channel ({@link FrequencyDomainPeriodogram}, which allocates
 * inside JTransforms for non-power-of-two lengths), and the time-domain {@link Periodogram}
 * for windows shorter than {@link CosineWindowCombiner#MIN_SEGMENT_SAMPLES}. A channel's
 * result depends only on its own samples, never on the other channels of the group.
 *
 * <p>Thread-safety: confined to one thread.
 */
final class BandPowerKernel {
    private final int n;
    private final BandBins bins;
    private final int fromBin;
    private final int toBin;
    private final double[] density;
    private final LaneRealFft laneFft;
    private final CosineWindowCombiner combiner;
    private final double[] real;
    private final double[] imaginary;
    private final FrequencyDomainPeriodogram single;
    private final Periodogram plain;
    private final int lanes;

    BandPowerKernel(TimelineParameters parameters, BandBins bins, int maxLanes) {
        this.n = parameters.windowSamples();
        this.bins = bins;
        this.fromBin = bins.lowestBin();
        this.toBin = bins.endBin();
        this.density = new double[parameters.binCount()];
        boolean frequencyDomain = n >= CosineWindowCombiner.MIN_SEGMENT_SAMPLES;
        boolean laned = frequencyDomain && LaneRealFft.supports(n);
        this.lanes = laned ? Math.max(1, maxLanes) : 1;
        this.laneFft = laned ? new LaneRealFft(n, lanes) : null;
        this.combiner = laned ? new CosineWindowCombiner(n, parameters.window(), parameters.sampleRateHz()) : null;
        this.real = laned ? new double[parameters.binCount()] : null;
        this.imaginary = laned ? new double[parameters.binCount()] : null;
        this.single = frequencyDomain && !laned
                ? new FrequencyDomainPeriodogram(n, parameters.window(), parameters.sampleRateHz()) : null;
        this.plain = frequencyDomain ? null : new Periodogram(n, parameters.window(), parameters.sampleRateHz());
    }

    /** Channels one {@link #compute} call takes at most. */
    int lanes() {
        return lanes;
    }

    /**
     * For {@code i < count}: band powers (uV^2) of {@code x[channels[i]][offset .. offset+n)}
     * into {@code out[channels[i]][outOffset .. outOffset+bands)}.
     *
     * @param count at most {@link #lanes()}
     */
    void compute(double[][] x, int[] channels, int count, int offset, double[][] out, int outOffset) {
        if (laneFft == null) {
            for (int i = 0; i < count; i++) {
                int c = channels[i];
                if (single != null) {
                    single.density(x[c], offset, density, fromBin, toBin);
                } else {
                    plain.density(x[c], offset, density, fromBin, toBin);
                }
                bins.integrate(density, out[c], outOffset);
            }
            return;
        }
        laneFft.loadAll(x, channels, count, offset);
        laneFft.forward();
        int lo = combiner.firstRawBin(fromBin);
        int hi = combiner.endRawBin(toBin);
        for (int lane = 0; lane < count; lane++) {
            laneFft.spectrum(lane, real, imaginary, lo, hi);
            combiner.density(real, imaginary, density, fromBin, toBin);
            bins.integrate(density, out[channels[lane]], outOffset);
        }
    }
}
