/**
 * Publishing recordings as LSL streams: {@link dev.liminal.acquisition.publish.ReplayPublisher}
 * replays every stream of a file (through datasets' {@code ReplaySource}) on its own
 * {@link dev.liminal.acquisition.lsl.LslOutlet} with the original timing. Depends on core,
 * datasets' replay package and the lsl package; must not depend on dsp, the pipeline, viewer or
 * app.
 */
package dev.liminal.acquisition.publish;
