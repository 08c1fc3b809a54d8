package dev.liminal.dsp.quality;

import dev.liminal.dsp.spectral.BandPowers;
import dev.liminal.dsp.spectral.BandSet;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.PowerSpectrum;
import java.util.List;

/**
 * EMG (muscle) index of a channel: the relative power
 * {@code P(51 <= f < 69 Hz) / P(1 <= f < 69 Hz)} of its power spectrum, band sums as
 * {@link PowerSpectrum#bandPowers} makes them ({@code low <= f < high}). The muscle band
 * follows Gasser et al. 2005, who use 51-69 Hz power as the marker of scalp muscle (EMG)
 * activity: EMG is broadband and dominates the EEG spectrum above about 50 Hz, so a high share
 * of power there says that gamma (30+ Hz) power is likely muscle too. The ratio to 1-69 Hz
 * power makes the index independent of gain. 60 Hz mains lies inside the muscle band: apply
 * the mains notch ({@code dev.liminal.dsp.filter}) first in 60 Hz regions. Needs a sample rate
 * of at least 138 Hz (69 Hz at or below Nyquist). Stateless; thread-safe.
 */
public final class EmgIndex {
    /** Lower edge of the muscle band in Hz (Gasser et al. 2005). */
    public static final double MUSCLE_LOW_HZ = 51.0;
    /** Upper edge (exclusive) of the muscle band and of the total in Hz (Gasser et al. 2005). */
    public static final double MUSCLE_HIGH_HZ = 69.0;
    /** Lower edge of the total-power band in Hz: excludes DC and drift below 1 Hz. */
    public static final double TOTAL_LOW_HZ = 1.0;

    /** Band 0: muscle band; band 1: total. */
    static final BandSet BANDS = new BandSet(List.of(
            new FrequencyBand("emg", MUSCLE_LOW_HZ, MUSCLE_HIGH_HZ),
            new FrequencyBand("total", TOTAL_LOW_HZ, MUSCLE_HIGH_HZ)));

    private EmgIndex() {}

    /**
     * EMG index of every channel of {@code spectrum}, each in {@code [0, 1]}; NaN for a channel
     * whose total is 0 or whose density is not finite.
     *
     * @throws IllegalArgumentException if 69 Hz exceeds the spectrum's Nyquist frequency
     */
    public static double[] of(PowerSpectrum spectrum) {
        if (spectrum == null) {
            throw new IllegalArgumentException("EMG index needs a power spectrum");
        }
        BandPowers powers = spectrum.bandPowers(BANDS);
        double[] index = new double[spectrum.channelCount()];
        for (int c = 0; c < index.length; c++) {
            double total = powers.absolute(c, 1);
            double ratio = powers.absolute(c, 0) / total;
            index[c] = total > 0 && Double.isFinite(ratio) ? ratio : Double.NaN;
        }
        return index;
    }
}
