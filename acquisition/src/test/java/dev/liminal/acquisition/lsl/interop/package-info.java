/**
 * Interoperability tests of Liminal's pure-Java LSL against liblsl, the reference C/C++
 * implementation, and the harness they share: a locator for a liblsl install ({@link
 * dev.liminal.acquisition.lsl.interop.Liblsl}, environment variable {@code LIMINAL_LIBLSL}), the C
 * peer programs in {@code src/test/c/} compiled at test time into {@code target/liblsl-peers/}, a
 * loopback-only {@code lsl_api.cfg}, and peer abstractions so that one suite runs liblsl-to-Liminal,
 * Liminal-to-liblsl and Liminal-to-Liminal. Test code only; nothing here may be used by main code.
 * Everything stays on 127.0.0.1: every peer reads a machine-scope configuration.
 */
package dev.liminal.acquisition.lsl.interop;
