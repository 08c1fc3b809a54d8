package dev.liminal.dsp.spectral;

import dev.liminal.dsp.fft.LaneRealFft;

/**
 * Band powers of one window in each of a group of channels: the single piece of code behind
 * both {@link BandPowerTimelineEstimator} and {@link StreamingBandPowerProcessor}, which is why
 * they agree bit for bit. Per window: raw transform, frequency-domain detrend and window over
 * the band bins only ({@link CosineWindowCombiner}), band sums ({@link BandBins}).
 *
 * <p>Transform: when the hop divides the window and few bins are needed (live settings),
 * {@link BlockDft}, which keeps each channel's block spectra and transforms only the new hop per
 * frame ({@link #slides()}; the caller then calls {@link #slide} for consecutive frames);
 * otherwise {@link LaneRealFft} (up to {@link #lanes()} channels per call, allocation-free)
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
    private final BlockDft blockDft;
    private final CosineWindowCombiner blockCombiner;

    /**
     * @param maxLanes channels per {@link #compute} call at most (FFT path)
     * @param slots    channels whose block spectra are kept when {@link #slides()}: slot
     *                 {@code slotBase + i} belongs to lane {@code i} of a call
     */
    BandPowerKernel(TimelineParameters parameters, BandBins bins, int maxLanes, int slots) {
        this.n = parameters.windowSamples();
        this.bins = bins;
        this.fromBin = bins.lowestBin();
        this.toBin = bins.endBin();
        this.density = new double[parameters.binCount()];
        boolean frequencyDomain = n >= CosineWindowCombiner.MIN_SEGMENT_SAMPLES;
        CosineWindowCombiner shared = frequencyDomain
                ? new CosineWindowCombiner(n, parameters.window(), parameters.sampleRateHz()) : null;
        boolean block = frequencyDomain && fromBin < toBin
                && BlockDft.cheaperThanFft(n, parameters.hopSamples(), parameters.sampleRateHz());
        this.blockDft = block
                ? new BlockDft(n, parameters.hopSamples(), shared.firstRawBin(fromBin), shared.endRawBin(toBin), slots) : null;
        this.blockCombiner = block ? shared : null;
        boolean laned = !block && frequencyDomain && LaneRealFft.supports(n);
        this.lanes = laned || block ? Math.max(1, maxLanes) : 1;
        this.laneFft = laned ? new LaneRealFft(n, lanes) : null;
        this.combiner = laned ? new CosineWindowCombiner(n, parameters.window(), parameters.sampleRateHz()) : null;
        this.real = laned || block ? new double[parameters.binCount()] : null;
        this.imaginary = laned || block ? new double[parameters.binCount()] : null;
        this.single = frequencyDomain && !laned && !block
                ? new FrequencyDomainPeriodogram(n, parameters.window(), parameters.sampleRateHz()) : null;
        this.plain = frequencyDomain ? null : new Periodogram(n, parameters.window(), parameters.sampleRateHz());
    }

    /**
     * Whether frames come from kept block spectra: then the first frame of a run (and the first
     * after a gap) is {@link #compute}d and each following one, exactly one hop later, is
     * {@link #slide}d, which transforms only the new hop. Otherwise every frame is
     * {@link #compute}d. Depends on the parameters and bands only.
     */
    boolean slides() {
        return blockDft != null;
    }

    /** Channels one {@link #compute} call takes at most. */
    int lanes() {
        return lanes;
    }

    /**
     * For {@code i < count}: band powers (uV^2) of {@code x[channels[i]][offset .. offset+n)}
     * into {@code out[channels[i]][outOffset .. outOffset+bands)}, a fresh window; when
     * {@link #slides()} it is kept in slot {@code slotBase + i} for {@link #slide}.
     *
     * @param count at most {@link #lanes()}
     */
    void compute(double[][] x, int[] channels, int count, int slotBase, int offset, double[][] out, int outOffset) {
        if (blockDft != null) {
            for (int i = 0; i < count; i++) {
                int c = channels[i];
                blockDft.fill(slotBase + i, x[c], offset);
                blockDensity(slotBase + i, out[c], outOffset);
            }
            return;
        }
        compute(x, channels, count, offset, out, outOffset);
    }

    /**
     * Only when {@link #slides()}: slides the windows in slots {@code slotBase + i} by one hop,
     * appending {@code x[channels[i]][offset .. offset+hop)}, the samples right after each
     * window's previous end, and writes the band powers of the new windows into
     * {@code out[channels[i]][outOffset .. outOffset+bands)}. Equal, bit for bit, to the same
     * sequence of calls on another kernel: the offline timeline and the streaming processor
     * make the same calls on the same samples.
     */
    void slide(double[][] x, int[] channels, int count, int slotBase, int offset, double[][] out, int outOffset) {
        if (blockDft == null) {
            throw new IllegalStateException("this kernel transforms whole windows; compute every frame");
        }
        blockDft.advanceGroup(x, channels, 0, count, slotBase, offset);
        for (int i = 0; i < count; i++) blockDensity(slotBase + i, out[channels[i]], outOffset);
    }

    private void blockDensity(int slot, double[] out, int outOffset) {
        blockDft.spectrum(slot, real, imaginary);
        blockCombiner.density(real, imaginary, density, fromBin, toBin);
        bins.integrate(density, out, outOffset);
    }

    /**
     * For {@code i < count}: band powers (uV^2) of {@code x[channels[i]][offset .. offset+n)}
     * into {@code out[channels[i]][outOffset .. outOffset+bands)}, by a whole-window transform.
     *
     * @param count at most {@link #lanes()}
     */
    private void compute(double[][] x, int[] channels, int count, int offset, double[][] out, int outOffset) {
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
