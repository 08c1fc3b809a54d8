package dev.liminal.acquisition.lsl;

/**
 * One time-correction estimate from the LSL timedata exchange (LSL-PROTOCOL.md section 7): the
 * probe with the smallest round-trip time of a round. Immutable.
 *
 * @param correctionSeconds local clock minus remote clock: local ≈ remote + correction
 * @param rttSeconds        round-trip time of the chosen probe (the uncertainty)
 * @param remoteTimeSeconds remote clock at the probe, (t1 + t2) / 2
 * @param localTimeSeconds  local clock when the reply arrived
 */
public record LslTimeCorrection(double correctionSeconds, double rttSeconds, double remoteTimeSeconds,
                                double localTimeSeconds) {
}
