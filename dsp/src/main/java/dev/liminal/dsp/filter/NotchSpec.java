package dev.liminal.dsp.filter;

/**
 * A mains notch: one Butterworth band-stop at the mains fundamental and at every harmonic
 * {@code k * f0} whose stop band lies wholly below Nyquist, all with the same quality factor
 * {@code Q}, so the notch at {@code k * f0} is {@code k * f0 / Q} Hz wide (-3 dB edges of one
 * pass). Each band-stop has a zero exactly at its centre, so a steady mains sine is removed
 * completely apart from rounding. Immutable; thread-safe.
 *
 * @param mains         fundamental
 * @param qualityFactor {@code f0 / width}, at least {@link #MIN_QUALITY_FACTOR}, finite
 * @param order         prototype order of each band-stop (2 * order poles), 1 to
 *                      {@link BandPassSpec#MAX_ORDER}
 */
public record NotchSpec(MainsFrequency mains, double qualityFactor, int order) implements FilterSpec {
    /**
     * Default quality factor: 25, i.e. a 2 Hz wide notch at 50 Hz (2.4 Hz at 60 Hz). A project
     * choice: narrow enough to leave 45 and 55 Hz nearly untouched, wide enough to follow mains
     * drift of a few tenths of a hertz.
     */
    public static final double DEFAULT_QUALITY_FACTOR = 25.0;
    /** Default prototype order of each band-stop. */
    public static final int DEFAULT_ORDER = 2;
    /** Smallest quality factor: below 1 the notch would be wider than its own centre frequency. */
    public static final double MIN_QUALITY_FACTOR = 1.0;

    /** Validates the arguments. */
    public NotchSpec {
        if (mains == null) {
            throw new IllegalArgumentException("notch needs a mains frequency");
        }
        if (!(qualityFactor >= MIN_QUALITY_FACTOR) || !Double.isFinite(qualityFactor)) {
            throw new IllegalArgumentException("notch quality factor " + qualityFactor + " must be finite and at least "
                    + MIN_QUALITY_FACTOR);
        }
        if (order < 1 || order > BandPassSpec.MAX_ORDER) {
            throw new IllegalArgumentException("notch order " + order + " is outside 1.." + BandPassSpec.MAX_ORDER);
        }
    }

    /** Default notch at {@code mains}: Q {@value #DEFAULT_QUALITY_FACTOR}, order {@value #DEFAULT_ORDER}. */
    public static NotchSpec of(MainsFrequency mains) {
        return new NotchSpec(mains, DEFAULT_QUALITY_FACTOR, DEFAULT_ORDER);
    }

    /** A notch whose width at the fundamental is {@code widthHz} (positive, at most f0). */
    public static NotchSpec ofWidth(MainsFrequency mains, double widthHz, int order) {
        if (mains == null) {
            throw new IllegalArgumentException("notch needs a mains frequency");
        }
        if (!(widthHz > 0) || !Double.isFinite(widthHz)) {
            throw new IllegalArgumentException("notch width " + widthHz + " Hz must be positive and finite");
        }
        return new NotchSpec(mains, mains.frequencyHz() / widthHz, order);
    }

    /** Width in Hz of the notch at harmonic {@code k} (1 = fundamental). */
    public double widthHz(int harmonic) {
        return harmonic * mains.frequencyHz() / qualityFactor;
    }

    /**
     * Number of harmonics (fundamental included) notched at {@code sampleRateHz}: those
     * {@code k} with {@code k * f0 + widthHz(k) / 2 < fs / 2}.
     *
     * @throws IllegalArgumentException if not even the fundamental fits below Nyquist
     */
    public int harmonicCount(double sampleRateHz) {
        requireRealisable(sampleRateHz);
        double nyquistHz = sampleRateHz / 2;
        int k = 1;
        while ((k + 1) * mains.frequencyHz() + widthHz(k + 1) / 2 < nyquistHz) k++;
        return k;
    }

    @Override
    public void requireRealisable(double sampleRateHz) {
        IirDesign.requireSampleRate(sampleRateHz);
        double nyquistHz = sampleRateHz / 2;
        double upperHz = mains.frequencyHz() + widthHz(1) / 2;
        if (upperHz >= nyquistHz) {
            throw new IllegalArgumentException("notch at " + mains.frequencyHz() + " Hz reaches " + upperHz
                    + " Hz, not below Nyquist " + nyquistHz + " Hz for " + sampleRateHz + " Hz sampling");
        }
    }

    @Override
    public double settlingScaleHz() {
        return widthHz(1);
    }
}
