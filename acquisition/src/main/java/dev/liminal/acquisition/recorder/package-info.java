/**
 * The XDF recorder: {@link dev.liminal.acquisition.recorder.XdfRecorder} reads every recorded
 * stream's ring losslessly (overruns become gap events) and writes one XDF file with clock
 * offsets every 5 s, a flush at least every second and footers on stop. Clock offsets come from
 * a {@link dev.liminal.acquisition.recorder.ClockOffsetProvider} per stream. Depends on core,
 * datasets' XDF writer and the monitor package; must not depend on dsp, viewer or app.
 */
package dev.liminal.acquisition.recorder;
