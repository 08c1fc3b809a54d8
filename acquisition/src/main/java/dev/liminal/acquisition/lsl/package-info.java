/**
 * Pure-Java Lab Streaming Layer (LSL): stream info XML, configuration, outlet (TCP data server,
 * UDP discovery and time service), resolver (unicast port sweep on loopback and known peers,
 * multicast only in {@link dev.liminal.acquisition.lsl.LslConfig.Scope#LAN}), inlet (protocol
 * 1.10 and 1.00, test patterns, time correction, post-processing, recovery). Wire protocol as
 * described in {@code /work/shared/LSL-PROTOCOL.md} (liblsl 1.17.7).
 *
 * <p>JDK only: no JNI/JNA, no third-party code. Depends on {@code core} and on datasets'
 * hardened XML parser; must not depend on {@code viewer}, {@code app}, or other acquisition
 * packages. Values are carried raw (the sender's units): the caller converts to microvolts.
 */
package dev.liminal.acquisition.lsl;
