/**
 * Spectral estimates as ARCHITECTURE.md "Spectral definitions" fixes them: Welch PSD of a
 * span ({@link dev.liminal.dsp.spectral.WelchEstimator} giving a
 * {@link dev.liminal.dsp.spectral.PowerSpectrum}), the Hann periodogram timeline
 * ({@link dev.liminal.dsp.spectral.SpectrogramEstimator}, the straightforward reference) and
 * the batch band-power timeline ({@link dev.liminal.dsp.spectral.BandPowerTimelineEstimator},
 * the fast path), its live counterpart
 * ({@link dev.liminal.dsp.spectral.StreamingBandPowerProcessor}, bit-identical to the batch
 * path, handing its reusable {@link dev.liminal.dsp.spectral.StreamingFrame} to a
 * {@link dev.liminal.dsp.spectral.StreamingFrameSink} without allocation, with per-channel
 * quality flags and discontinuity marks, and making immutable
 * {@link dev.liminal.dsp.spectral.BandPowerFrame} snapshots to cross threads), band definitions ({@link dev.liminal.dsp.spectral.BandSet}, whose
 * {@code DEFAULT} is the one place the default bands live), band powers in uV^2, and shifts
 * against a baseline interval ({@link dev.liminal.dsp.spectral.Baseline},
 * {@link dev.liminal.dsp.spectral.ShiftMeasure}).
 *
 * <p>Two API levels, as in MNE: estimators with caller-owned arrays
 * ({@code process(input, output)}, nothing allocated per frame) and convenience methods that
 * return immutable records carrying frequencies and parameters. Input is channel-major
 * {@code double[channel][sample]} in microvolts. Depends on {@code core}, the JDK,
 * {@link dev.liminal.dsp.fft} and, for the streaming frames' flags,
 * {@link dev.liminal.dsp.quality} (which in turn uses this package's spectra: the two are
 * one layer); never on {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp.spectral;
