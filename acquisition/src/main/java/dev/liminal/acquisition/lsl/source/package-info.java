/**
 * LSL streams as {@link dev.liminal.core.stream.StreamSource}s: {@link
 * dev.liminal.acquisition.lsl.source.LslStreamSource} wraps one {@link
 * dev.liminal.acquisition.lsl.LslInlet}, maps its description onto core's
 * {@link dev.liminal.core.StreamInfo}, scales voltage channels to microvolts and turns a lost
 * peer into an {@link java.io.IOException} naming the stream. It also serves the inlet's time
 * correction to the XDF recorder. {@link
 * dev.liminal.acquisition.lsl.source.LslStreamSourceProvider} registers it as the {@code lsl}
 * {@link dev.liminal.core.stream.StreamSourceProvider}. Depends on core, the lsl package, the recorder's
 * {@code ClockOffsetProvider} and datasets' safe XML parser; must not depend on dsp, the
 * pipeline, viewer or app.
 */
package dev.liminal.acquisition.lsl.source;
