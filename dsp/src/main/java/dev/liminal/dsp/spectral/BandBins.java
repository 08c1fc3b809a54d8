package dev.liminal.dsp.spectral;

/**
 * Which one-sided PSD bins each band of a {@link BandSet} sums, for one sample rate and
 * transform length: band b covers bins {@code first(b) <= k < end(b)}, exactly those whose
 * frequency {@link #frequencyHz(int, double, int) k * fs / nfft} satisfies
 * {@code low <= f < high}. Every band-power computation in this package goes through here so
 * that the Welch, reference and fast paths agree bin for bin. Immutable; thread-safe.
 */
final class BandBins {
    private final int[] first;
    private final int[] end;
    private final double binWidthHz;

    BandBins(BandSet bands, double sampleRateHz, int nfft) {
        bands.requireBelowNyquist(sampleRateHz);
        int bins = nfft / 2 + 1;
        first = new int[bands.size()];
        end = new int[bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            FrequencyBand band = bands.get(b);
            first[b] = firstBinAtOrAbove(band.lowHz(), sampleRateHz, nfft, bins);
            end[b] = firstBinAtOrAbove(band.highHz(), sampleRateHz, nfft, bins);
        }
        binWidthHz = sampleRateHz / nfft;
    }

    /** Frequency of bin {@code k} of an {@code nfft}-point transform at {@code sampleRateHz}. */
    static double frequencyHz(int k, double sampleRateHz, int nfft) {
        return k * sampleRateHz / nfft;
    }

    private static int firstBinAtOrAbove(double hz, double sampleRateHz, int nfft, int bins) {
        int k = (int) Math.max(0, Math.min(bins, Math.ceil(hz * nfft / sampleRateHz)));
        // The estimate may be off by one through rounding; settle on the defining comparison.
        while (k > 0 && frequencyHz(k - 1, sampleRateHz, nfft) >= hz) k--;
        while (k < bins && frequencyHz(k, sampleRateHz, nfft) < hz) k++;
        return k;
    }

    int bandCount() {
        return first.length;
    }

    int first(int band) {
        return first[band];
    }

    int end(int band) {
        return end[band];
    }

    /** Lowest bin any band needs. */
    int lowestBin() {
        int lo = Integer.MAX_VALUE;
        for (int b = 0; b < first.length; b++) if (first[b] < end[b]) lo = Math.min(lo, first[b]);
        return lo == Integer.MAX_VALUE ? 0 : lo;
    }

    /** One past the highest bin any band needs. */
    int endBin() {
        int hi = 0;
        for (int b = 0; b < end.length; b++) if (first[b] < end[b]) hi = Math.max(hi, end[b]);
        return hi;
    }

    /** Bin width {@code fs / nfft} in Hz. */
    double binWidthHz() {
        return binWidthHz;
    }

    /**
     * Band powers (uV^2) of one density row: {@code out[outOffset + b] = sum of
     * density[first(b)..end(b)) * binWidthHz}.
     *
     * @param density one-sided density in uV^2/Hz, at least {@link #endBin()} long; Not modified
     * @param out     receives {@link #bandCount()} values from {@code outOffset}; Modified
     */
    void integrate(double[] density, double[] out, int outOffset) {
        for (int b = 0; b < first.length; b++) {
            double sum = 0;
            for (int k = first[b]; k < end[b]; k++) sum += density[k];
            out[outOffset + b] = sum * binWidthHz;
        }
    }
}
