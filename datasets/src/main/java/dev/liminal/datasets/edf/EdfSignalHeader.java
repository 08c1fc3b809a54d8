package dev.liminal.datasets.edf;

/**
 * One signal's header fields as stored in an EDF/BDF header, with its place in a data record.
 * Immutable.
 *
 * <p>Physical values follow the EDF definition {@code physical = (digital - digitalMin) *
 * (physicalMax - physicalMin) / (digitalMax - digitalMin) + physicalMin}, in the file's unit
 * {@link #physicalDimension()}; {@link #gain()} and {@link #offset()} give the same as
 * {@code digital * gain + offset}. Inverted ranges (physicalMin > physicalMax) give a negative
 * gain.
 *
 * @param index              position in the header, from 0
 * @param label              label, trimmed
 * @param transducer         transducer type, trimmed
 * @param physicalDimension  unit as the file spells it, trimmed
 * @param physicalMin        physical value of {@code digitalMin}, in the file's unit
 * @param physicalMax        physical value of {@code digitalMax}, in the file's unit
 * @param digitalMin         smallest digital value the signal uses
 * @param digitalMax         largest digital value the signal uses
 * @param prefilter          prefiltering text, trimmed
 * @param samplesPerRecord   samples of this signal in each data record, >= 1
 * @param reserved           the signal's reserved field, trimmed
 * @param annotation         whether this is an "EDF Annotations"/"BDF Annotations" signal
 * @param byteOffset         offset of this signal's first byte within a data record
 */
record EdfSignalHeader(int index, String label, String transducer, String physicalDimension,
                       double physicalMin, double physicalMax, long digitalMin, long digitalMax,
                       String prefilter, int samplesPerRecord, String reserved, boolean annotation,
                       long byteOffset) {

    /** Physical units per digital step, in the file's unit (negative for inverted ranges). */
    double gain() {
        return (physicalMax - physicalMin) / (double) (digitalMax - digitalMin);
    }

    /** Physical value of digital 0, in the file's unit. */
    double offset() {
        return physicalMin - digitalMin * gain();
    }
}
