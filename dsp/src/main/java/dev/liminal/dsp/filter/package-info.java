/**
 * Time-domain IIR filters for EEG: a mains notch ({@link dev.liminal.dsp.filter.NotchSpec},
 * 50 or 60 Hz and harmonics below Nyquist) and a Butterworth band-pass
 * ({@link dev.liminal.dsp.filter.BandPassSpec}), both designed by iirj
 * ({@code uk.me.berndporr.iirj.Butterworth}), never from hand-derived coefficients. Two ways
 * to apply them: {@link dev.liminal.dsp.filter.CausalFilter} for live chunks with state
 * carried across calls (chunked equals one-shot exactly) and
 * {@link dev.liminal.dsp.filter.ZeroPhaseFilter} for offline forward-backward filtering.
 *
 * <p>Specifications are sample-rate free records validated on construction; edges are checked
 * against Nyquist when a filter is built for a rate. Input is channel-major
 * {@code double[channel][sample]}, normally microvolts (the filters are linear, so any unit
 * passes through). Depends on the JDK and iirj only; never on {@code datasets},
 * {@code acquisition} or {@code viewer}.
 */
package dev.liminal.dsp.filter;
