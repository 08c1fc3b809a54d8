/**
 * The EDF family: EDF, EDF+ (continuous and discontinuous), BDF and BDF+ readers and EDF+/BDF+
 * writers behind {@link dev.liminal.datasets.RecordingFormat} (ids {@code "edf"} and
 * {@code "bdf"}).
 *
 * <p>References: the EDF specification (Kemp et al. 1992, Electroencephalogr. Clin.
 * Neurophysiol. 82:391-393), the EDF+ specification (Kemp and Olivan 2003, Clin. Neurophysiol.
 * 114:1755-1761, and edfplus.info "EDF+ specification" sections 2.1-2.3) and BioSemi's BDF
 * description (biosemi.com/faq/file_format.htm). Section numbers in comments refer to the EDF+
 * text.
 *
 * <p>Readers hand out microvolts for voltage channels and the file's unit otherwise; the
 * BioSemi Status channel is handed out as its raw unsigned 24-bit value. This package depends
 * on {@code core} and the datasets SPI only.
 */
package dev.liminal.datasets.edf;
