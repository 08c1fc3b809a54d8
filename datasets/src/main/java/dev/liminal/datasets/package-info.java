/**
 * EEG recording formats behind one SPI, {@link dev.liminal.datasets.RecordingFormat}: a probe,
 * a reader with one segment-read method ({@link dev.liminal.datasets.RecordingReader}) and an
 * optional writer. {@link dev.liminal.datasets.RecordingFormats} finds formats through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Readers hand out microvolts for voltage channels and the file's unit otherwise, in
 * channel-major {@code double[channel][sample]} arrays, and read any span of a file in memory
 * bounded by that span. Errors are {@link dev.liminal.datasets.RecordingFormatException}s that
 * name the file and byte offset. This package depends on {@code core} only; never on
 * {@code dsp} or {@code acquisition}.
 */
package dev.liminal.datasets;
