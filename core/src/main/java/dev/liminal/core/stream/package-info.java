/**
 * Live streams inside the process: the {@link dev.liminal.core.stream.StreamSource} SPI (one
 * stream from a device, an LSL inlet, a simulator or a file), and the rings that fan a stream
 * out from its one writer (the stream pump) to many readers (recorder, dsp, display):
 * {@link dev.liminal.core.stream.SampleRing} for numbers and
 * {@link dev.liminal.core.stream.StringRing} for markers.
 *
 * <p>The writer never blocks; each reader has its own {@code long} cursor and gets an explicit
 * overrun with the number of frames lost when it falls behind. Writing and reading allocate
 * nothing. The happens-before argument is written on {@code RingSequence}.
 *
 * <p>JDK only; depends on no other Liminal module.
 */
package dev.liminal.core.stream;
