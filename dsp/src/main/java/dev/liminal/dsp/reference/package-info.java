/**
 * Re-referencing of multichannel EEG: {@link dev.liminal.dsp.reference.CommonAverageReference}
 * subtracts the mean of the included channels, as a projection matrix applied with EJML to
 * channel-major {@code double[channel][sample]} blocks (microvolts). Depends on the JDK and
 * EJML ({@code ejml-ddense}) only; never on {@code datasets}, {@code acquisition} or
 * {@code viewer}.
 */
package dev.liminal.dsp.reference;
