/**
 * Timing integrity of live streams: {@link dev.liminal.acquisition.monitor.TimingMonitor}
 * watches one stream (effective against nominal rate, data age, clock drift, timestamp jumps,
 * overruns) and hands out immutable {@link dev.liminal.acquisition.monitor.TimingSnapshot}s.
 * Depends on core only; must not depend on dsp, viewer or app.
 */
package dev.liminal.acquisition.monitor;
