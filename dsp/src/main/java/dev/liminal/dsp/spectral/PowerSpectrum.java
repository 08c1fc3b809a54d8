package dev.liminal.dsp.spectral;

import java.util.Arrays;

/**
 * A Welch power spectral density per channel with the parameters that made it (MNE style: the
 * result carries its frequencies). Immutable; thread-safe; arrays are copied in and out.
 *
 * @param parameters        Welch parameters (sample rate, segment, overlap, window)
 * @param segmentsAveraged  number of segments in the mean, at least 1
 * @param density           one-sided density in uV^2/Hz, {@code [channel][bin]}, every row
 *                          {@link WelchParameters#binCount()} long; copied in, {@link #density()}
 *                          returns a copy
 */
public record PowerSpectrum(WelchParameters parameters, int segmentsAveraged, double[][] density) {
    /** Validates shapes and copies the array. */
    public PowerSpectrum {
        if (parameters == null) {
            throw new IllegalArgumentException("power spectrum needs its parameters");
        }
        if (segmentsAveraged < 1) {
            throw new IllegalArgumentException("power spectrum averaged over " + segmentsAveraged + " segments; need at least 1");
        }
        Validation.requireShape(density, density == null ? 0 : density.length, parameters.binCount(), "power spectrum density");
        if (density.length == 0) {
            throw new IllegalArgumentException("power spectrum needs at least one channel");
        }
        density = deepCopy(density);
    }

    /** A copy of the density, {@code [channel][bin]}, uV^2/Hz. */
    @Override
    public double[][] density() {
        return deepCopy(density);
    }

    /** Density of {@code channel} at {@code bin}, uV^2/Hz. */
    public double density(int channel, int bin) {
        return density[channel][bin];
    }

    /** Number of channels. */
    public int channelCount() {
        return density.length;
    }

    /** Number of one-sided bins. */
    public int binCount() {
        return parameters.binCount();
    }

    /** Frequency of bin {@code k} in Hz: {@code k * fs / nfft}. */
    public double frequencyHz(int k) {
        return BandBins.frequencyHz(k, parameters.sampleRateHz(), parameters.segmentSamples());
    }

    /** A new array with the frequency of every bin in Hz. */
    public double[] frequenciesHz() {
        double[] f = new double[binCount()];
        for (int k = 0; k < f.length; k++) f[k] = frequencyHz(k);
        return f;
    }

    /**
     * Absolute band powers (uV^2): per band, the sum of density bins with
     * {@code low <= f < high} times {@code fs / nfft}.
     *
     * @throws IllegalArgumentException if a band exceeds the Nyquist frequency
     */
    public BandPowers bandPowers(BandSet bands) {
        BandBins bins = new BandBins(bands, parameters.sampleRateHz(), parameters.segmentSamples());
        double[][] absolute = new double[density.length][bands.size()];
        for (int c = 0; c < density.length; c++) bins.integrate(density[c], absolute[c], 0);
        return new BandPowers(bands, absolute);
    }

    static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) copy[i] = a[i].clone();
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerSpectrum p && p.parameters.equals(parameters)
                && p.segmentsAveraged == segmentsAveraged && Arrays.deepEquals(p.density, density);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * parameters.hashCode() + segmentsAveraged) + Arrays.deepHashCode(density);
    }

    @Override
    public String toString() {
        return "PowerSpectrum[" + parameters + ", segments=" + segmentsAveraged + ", channels=" + density.length
                + ", bins=" + parameters.binCount() + "]";
    }
}
