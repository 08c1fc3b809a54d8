/**
 * XDF 1.0 (Extensible Data Format, the file LabRecorder writes from LSL streams): the reader
 * behind {@link dev.liminal.datasets.xdf.XdfFormat} (registered as format {@code "xdf"}) with
 * clock synchronisation, clock-reset handling and optional dejittering
 * ({@link dev.liminal.datasets.xdf.XdfReadOptions}), and the incremental
 * {@link dev.liminal.datasets.xdf.XdfWriter} the recorder and converters use.
 *
 * <p>Depends on {@code core}, the datasets SPI and {@code dev.liminal.datasets.xml}; never on
 * {@code dsp} or {@code acquisition}.
 */
package dev.liminal.datasets.xdf;
