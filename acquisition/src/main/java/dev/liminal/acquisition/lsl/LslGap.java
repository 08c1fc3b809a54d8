package dev.liminal.acquisition.lsl;

/**
 * A break in an inlet's data: the connection ended (outlet gone, stalled, protocol error) and
 * was re-established, possibly to a new outlet with the same source_id. Immutable.
 *
 * @param oldUid                   uid of the outlet before the break
 * @param newUid                   uid after reconnecting (same uid for a transient break)
 * @param samplesBefore            samples delivered into the inlet buffer before the gap; the
 *                                 next sample pulled after that many is the first after the gap
 * @param lastTimestampBeforeSeconds timestamp (as delivered) of the last sample before the gap,
 *                                 NaN if none
 * @param lostAtSeconds            local LSL clock when the break was detected
 * @param reconnectedAtSeconds     local LSL clock when data flowed again
 * @param reason                   one line: why the connection ended
 */
public record LslGap(String oldUid, String newUid, long samplesBefore, double lastTimestampBeforeSeconds,
                     double lostAtSeconds, double reconnectedAtSeconds, String reason) {

    /** How long the inlet was without a connection, in seconds. */
    public double outageSeconds() {
        return reconnectedAtSeconds - lostAtSeconds;
    }
}
