/**
 * The stream pump: one thread per live stream ({@code liminal-source-<stream>}) moving frames
 * from a {@link dev.liminal.core.stream.StreamSource} into the stream's ring, reporting timing
 * to its monitor and failures to its owner. Depends on core and the monitor package; must not
 * depend on dsp, viewer or app.
 */
package dev.liminal.acquisition.pump;
