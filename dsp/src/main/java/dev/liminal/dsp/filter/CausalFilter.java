package dev.liminal.dsp.filter;

import uk.me.berndporr.iirj.Cascade;

/**
 * Causal (live) IIR filtering of channel-major chunks with one filter state per channel,
 * carried from chunk to chunk, so feeding a signal in chunks of any sizes gives exactly the
 * same output, bit for bit, as feeding it at once. Coefficients come from iirj's Butterworth
 * design ({@link FilterSpec}); the filtering itself is iirj's direct-form II {@code filter}.
 * A causal IIR filter delays and distorts phase near its edges; use {@link ZeroPhaseFilter}
 * offline when phase matters.
 *
 * <p>A non-finite input sample (NaN, infinity) is copied to the output unchanged and that
 * channel's state is reset, so the channel restarts from rest on the next sample (with the
 * filter's start-up transient) instead of staying NaN for ever; other channels are unaffected.
 *
 * <p>Thread-safety: mutable, confined to the one thread that feeds it (typically the
 * acquisition or DSP thread). {@link #process} allocates nothing.
 */
public final class CausalFilter {
    private final FilterSpec spec;
    private final double sampleRateHz;
    /** {@code [channel][stage]}, each with its own state. */
    private final Cascade[][] chains;

    /**
     * Designs the filter for {@code channelCount} channels at {@code sampleRateHz}.
     *
     * @throws IllegalArgumentException if the spec cannot be realised at this rate (edge at or
     *                                  above Nyquist) or {@code channelCount < 1}
     */
    public CausalFilter(FilterSpec spec, double sampleRateHz, int channelCount) {
        if (spec == null) {
            throw new IllegalArgumentException("causal filter needs a filter spec");
        }
        if (channelCount < 1) {
            throw new IllegalArgumentException("causal filter needs at least 1 channel, got " + channelCount);
        }
        this.spec = spec;
        this.sampleRateHz = sampleRateHz;
        chains = new Cascade[channelCount][];
        for (int c = 0; c < channelCount; c++) chains[c] = IirDesign.chain(spec, sampleRateHz);
    }

    /** The specification. */
    public FilterSpec spec() {
        return spec;
    }

    /** Sample rate in Hz. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Number of channels. */
    public int channelCount() {
        return chains.length;
    }

    /**
     * Magnitude (linear, 1 = unity gain) of the designed response at {@code frequencyHz},
     * from the biquad coefficients iirj produced.
     */
    public double magnitude(double frequencyHz) {
        return IirDesign.magnitude(chains[0], frequencyHz, sampleRateHz);
    }

    /**
     * Filters samples {@code [offset, offset + count)} of every channel, continuing from the
     * state the previous call left. Output goes to the same positions of {@code output};
     * {@code output} may be {@code input} (in place).
     *
     * @param input  {@code [channel][sample]} in any unit (the filter is linear), at least
     *               {@link #channelCount()} rows each at least {@code offset + count} long;
     *               Not modified unless it is also {@code output}
     * @param offset first sample index, at least 0
     * @param count  number of samples, at least 0
     * @param output receives the filtered samples at the same indices; Modified
     * @throws IllegalArgumentException on short or missing rows (before any state changes)
     */
    public void process(double[][] input, int offset, int count, double[][] output) {
        requireSpan(input, offset, count, "input");
        requireSpan(output, offset, count, "output");
        for (int c = 0; c < chains.length; c++) {
            Cascade[] chain = chains[c];
            double[] in = input[c];
            double[] out = output[c];
            for (int i = offset, end = offset + count; i < end; i++) {
                double x = in[i];
                if (!Double.isFinite(x)) {
                    // A NaN or infinity would stay in the recursive state forever; pass it
                    // through and restart this channel from rest instead.
                    for (Cascade stage : chain) stage.reset();
                    out[i] = x;
                    continue;
                }
                for (Cascade stage : chain) x = stage.filter(x);
                out[i] = x;
            }
        }
    }

    /**
     * Clears every channel's state, as after construction: call it at a discontinuity (a gap
     * or reader overrun), since filtering across missing samples would smear the step.
     */
    public void reset() {
        for (Cascade[] chain : chains) for (Cascade stage : chain) stage.reset();
    }

    private void requireSpan(double[][] a, int offset, int count, String what) {
        if (a == null || a.length < chains.length) {
            throw new IllegalArgumentException(what + " has " + (a == null ? 0 : a.length) + " channels, filter has "
                    + chains.length);
        }
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException(what + " span offset " + offset + ", count " + count
                    + " samples must not be negative");
        }
        for (int c = 0; c < chains.length; c++) {
            if (a[c] == null || a[c].length - count < offset) {
                throw new IllegalArgumentException(what + " channel " + c + " has "
                        + (a[c] == null ? 0 : a[c].length) + " samples, need " + ((long) offset + count));
            }
        }
    }
}
