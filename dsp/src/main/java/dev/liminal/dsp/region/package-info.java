/**
 * Scalp regions: groups of channels whose band powers are averaged into one region power
 * ({@link dev.liminal.dsp.region.RegionMap}), built from 10-20 family labels (frontal,
 * central, parietal, occipital, temporal by {@link dev.liminal.core.TenTwenty#region(String)})
 * or from user-defined groups ({@code name:A,B;name2:C}). A region's power is the mean of its
 * channels' absolute powers; shifts against a baseline are then computed on that mean exactly
 * as for a channel ({@link dev.liminal.dsp.spectral.Baseline}). Works on plain
 * {@code [channel][value]} arrays, so the same map averages a frame, a whole timeline or a
 * baseline. Depends on {@code core}, the JDK and {@link dev.liminal.dsp.spectral}; never on
 * {@code datasets}, {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp.region;
