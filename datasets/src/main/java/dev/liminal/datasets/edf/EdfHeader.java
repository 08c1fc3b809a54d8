package dev.liminal.datasets.edf;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A parsed and checked EDF/BDF header. Immutable.
 *
 * @param dialect               EDF (16-bit) or BDF (24-bit)
 * @param patient               local patient identification field, trimmed
 * @param recording             local recording identification field, trimmed
 * @param startDate             start date and time from the header (and the EDF+ recording
 *                              field's year where the header's two-digit year is "yy"), or
 *                              null when the fields cannot be read
 * @param headerBytes           header size in bytes, {@code 256 * (signals + 1)}
 * @param reserved              reserved field, trimmed ("EDF+C", "EDF+D", "24BIT"...)
 * @param recordCount           number of complete data records usable in the file
 * @param recordSeconds         duration of a data record in seconds, >= 0 (0 only for
 *                              annotation-only files)
 * @param recordBytes           bytes per data record
 * @param signals               every signal in header order, annotation signals included
 * @param warnings              problems that did not stop reading (truncation...)
 */
record EdfHeader(EdfDialect dialect, String patient, String recording, LocalDateTime startDate,
                 long headerBytes, String reserved, long recordCount, double recordSeconds,
                 long recordBytes, List<EdfSignalHeader> signals, List<String> warnings) {

    EdfHeader {
        signals = List.copyOf(signals);
        warnings = List.copyOf(warnings);
    }

    /** Whether the reserved field marks EDF+ or BDF+. */
    boolean isPlus() {
        return reserved.startsWith(dialect.variantPrefix() + "+");
    }

    /** Whether the reserved field marks EDF+D or BDF+D. */
    boolean isDiscontinuous() {
        return reserved.startsWith(dialect.variantPrefix() + "+D");
    }

    /** The variant name: "EDF", "EDF+C", "EDF+D", "BDF", "BDF+C" or "BDF+D". */
    String variant() {
        if (!isPlus()) return dialect.variantPrefix();
        return dialect.variantPrefix() + (isDiscontinuous() ? "+D" : "+C");
    }

    /** File offset of data record {@code record}'s first byte. */
    long recordOffset(long record) {
        return headerBytes + record * recordBytes;
    }
}
