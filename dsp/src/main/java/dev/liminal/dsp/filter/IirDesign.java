package dev.liminal.dsp.filter;

import uk.me.berndporr.iirj.Butterworth;
import uk.me.berndporr.iirj.Cascade;

/**
 * Builds iirj cascades for a {@link FilterSpec} at one sample rate. Each call returns fresh
 * cascades with zeroed state, one filter chain (stages applied in order) per call.
 */
final class IirDesign {
    private IirDesign() {}

    static void requireSampleRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz must be positive and finite");
        }
    }

    /** A fresh chain of cascades realising {@code spec} at {@code sampleRateHz}. */
    static Cascade[] chain(FilterSpec spec, double sampleRateHz) {
        spec.requireRealisable(sampleRateHz);
        if (spec instanceof BandPassSpec bp) {
            Butterworth b = new Butterworth();
            b.bandPass(bp.order(), sampleRateHz, bp.centerHz(), bp.widthHz());
            return new Cascade[] {b};
        }
        NotchSpec notch = (NotchSpec) spec;
        int harmonics = notch.harmonicCount(sampleRateHz);
        Cascade[] stages = new Cascade[harmonics];
        for (int k = 1; k <= harmonics; k++) {
            Butterworth b = new Butterworth();
            double widthHz = notch.widthHz(k);
            b.bandStop(notch.order(), sampleRateHz, bandStopCenterHz(k * notch.mains().frequencyHz(), widthHz, sampleRateHz),
                    widthHz);
            stages[k - 1] = b;
        }
        return stages;
    }

    /**
     * The centre to hand iirj's {@code bandStop} so that its zeros fall exactly on
     * {@code notchHz}. iirj places the stop-band edges at {@code centre -/+ width/2} and, by the
     * digital band transform, its zeros at {@code w0} with
     * {@code cos(w0) = cos(wc) / cos(ww / 2)} ({@code wc}, {@code ww}: centre and width in
     * radians per sample), which is below the arithmetic centre, noticeably so near Nyquist
     * (a 240 Hz notch 9.6 Hz wide at 500 Hz sampling would miss by about 0.5 Hz and give only
     * 25 dB). Solving for {@code wc} puts the zero where the mains harmonic is.
     */
    static double bandStopCenterHz(double notchHz, double widthHz, double sampleRateHz) {
        double w0 = 2 * Math.PI * notchHz / sampleRateHz;
        double ww = 2 * Math.PI * widthHz / sampleRateHz;
        return Math.acos(Math.cos(w0) * Math.cos(ww / 2)) * sampleRateHz / (2 * Math.PI);
    }

    /**
     * Magnitude of the chain's frequency response at {@code frequencyHz}, evaluated from the
     * biquad coefficients iirj designed ({@code H(z) = prod (b0 + b1 z^-1 + b2 z^-2) /
     * (1 + a1 z^-1 + a2 z^-2)} at {@code z = exp(i 2 pi f / fs)}). iirj stores every
     * coefficient but {@code a0} already divided by {@code a0}, and its direct-form
     * {@code filter} uses them that way, so the leading denominator term is 1 here.
     */
    static double magnitude(Cascade[] chain, double frequencyHz, double sampleRateHz) {
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        double c1 = Math.cos(w), s1 = -Math.sin(w), c2 = Math.cos(2 * w), s2 = -Math.sin(2 * w);
        double gain = 1;
        for (Cascade cascade : chain) {
            for (int i = 0; i < cascade.getNumBiquads(); i++) {
                var q = cascade.getBiquad(i);
                double nr = q.getB0() + q.getB1() * c1 + q.getB2() * c2;
                double ni = q.getB1() * s1 + q.getB2() * s2;
                double dr = 1 + q.getA1() * c1 + q.getA2() * c2;
                double di = q.getA1() * s1 + q.getA2() * s2;
                gain *= Math.hypot(nr, ni) / Math.hypot(dr, di);
            }
        }
        return gain;
    }
}
