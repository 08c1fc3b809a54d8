/**
 * Signal-quality flags per frame and channel: excessive amplitude, flat line, non-finite
 * samples ({@link dev.liminal.dsp.quality.QualityAssessor}) and the EMG index
 * ({@link dev.liminal.dsp.quality.EmgIndex}, 51-69 Hz over 1-69 Hz relative power) warning
 * that gamma power is likely muscle. Results are immutable records
 * ({@link dev.liminal.dsp.quality.FrameQuality} of
 * {@link dev.liminal.dsp.quality.QualityFlags} bitmasks); thresholds and their sources live in
 * {@link dev.liminal.dsp.quality.QualityThresholds}. Input is channel-major
 * {@code double[channel][sample]} in microvolts. Depends on the JDK and
 * {@link dev.liminal.dsp.spectral}; never on {@code datasets}, {@code acquisition} or
 * {@code viewer}.
 */
package dev.liminal.dsp.quality;
