package dev.liminal.dsp.spectral;

/**
 * Receives each frame of a {@link StreamingBandPowerProcessor} without allocation: the
 * processor calls {@link #accept(StreamingFrame)} on its own thread with its one reusable
 * frame, which is valid only until the call returns. Read the numbers you need, copy them into
 * your own arrays ({@link StreamingFrame#copyAbsoluteTo(double[][])}) or take an immutable
 * {@link StreamingFrame#snapshot()} to hand to another thread; never keep the frame itself.
 */
@FunctionalInterface
public interface StreamingFrameSink {
    /**
     * One completed frame.
     *
     * @param frame the processor's reusable frame; Not modified; valid only during this call
     */
    void accept(StreamingFrame frame);
}
