package dev.liminal.datasets;

/**
 * Options for writing a recording. Immutable.
 *
 * @param dataRecordSeconds EDF/BDF data record duration in seconds (> 0); 1 s by default
 */
public record WriteOptions(double dataRecordSeconds) {
    /** The defaults. */
    public static final WriteOptions DEFAULT = new WriteOptions(1.0);

    public WriteOptions {
        if (!(dataRecordSeconds > 0) || Double.isInfinite(dataRecordSeconds)) {
            throw new IllegalArgumentException("data record duration " + dataRecordSeconds + " s is not a finite value > 0");
        }
    }
}
