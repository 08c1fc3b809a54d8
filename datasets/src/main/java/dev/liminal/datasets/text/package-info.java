/**
 * Building blocks of the text recording readers (OpenBCI GUI files, BrainVision ASCII data):
 * a bounded-memory line cursor and a sparse index of row offsets, so that any span of a file
 * larger than the heap can be read by parsing only the rows asked for; and {@link
 * dev.liminal.datasets.text.Excerpt}, which makes file text safe to quote in error messages.
 *
 * <p>Depends on {@code dev.liminal.datasets} (for its exception) and the JDK only.
 */
package dev.liminal.datasets.text;
