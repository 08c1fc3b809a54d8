package dev.liminal.dsp.filter;

/**
 * What to filter, independent of the sample rate: a {@link NotchSpec} or a
 * {@link BandPassSpec}. The sample-rate dependent checks (edges below Nyquist) happen when a
 * filter is built for a rate, in {@link CausalFilter} and {@link ZeroPhaseFilter}.
 * Implementations are immutable records; thread-safe.
 */
public sealed interface FilterSpec permits NotchSpec, BandPassSpec {
    /**
     * Checks that this specification can be realised at {@code sampleRateHz}.
     *
     * @throws IllegalArgumentException quoting the offending frequencies in Hz and the Nyquist
     *                                  frequency if it cannot
     */
    void requireRealisable(double sampleRateHz);

    /**
     * The frequency scale in Hz that governs how long the filter rings: the smaller of the
     * lowest edge and the narrowest band width (a notch or band of width {@code B} Hz decays
     * roughly like {@code exp(-pi B t)}). Used to size zero-phase padding.
     */
    double settlingScaleHz();
}
