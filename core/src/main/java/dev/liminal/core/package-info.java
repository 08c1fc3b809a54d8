/**
 * Value types shared by every Liminal module: channels, streams, sample formats, annotations,
 * units and progress reporting.
 *
 * <p>Canonical units (ARCHITECTURE.md): amplitudes in microvolts as {@code double}, times in
 * {@code double} seconds, rates in {@code double} Hz, channel-major {@code double[channel][frame]}
 * layout outside codecs. This package depends on the JDK only and on no other Liminal module.
 */
package dev.liminal.core;
