package dev.liminal.core.stream;

import dev.liminal.core.StreamInfo;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A source of one stream: a device, an LSL inlet, a simulated headset, a file replayed. The
 * stream pump ({@code liminal-source-<stream>}) calls {@link #read} in a loop and writes what it
 * gets into a {@link SampleRing} or {@link StringRing}. Implementations are found through
 * {@link StreamSourceProvider} (ServiceLoader); every implementation passes the abstract
 * contract test {@code StreamSourceContract} of core's test-jar.
 *
 * <p>Numeric streams are read with {@link #read(double[][], double[], int, int, Duration)},
 * string streams ({@link StreamInfo#format()} {@code STRING}) with
 * {@link #readStrings}; the other method throws {@link UnsupportedOperationException}.
 * Timestamps are seconds on the local clock ({@code System.nanoTime() / 1e9}, the LSL clock),
 * non-decreasing within a stream.
 *
 * <p><b>Thread ownership:</b> {@link #info()} is thread-safe; {@code read*} are called by one
 * thread at a time (the pump); {@link #close()} may be called from any thread and makes a
 * blocked read return promptly ({@link #END_OF_STREAM} or an {@link IOException}).
 */
public interface StreamSource extends Closeable {
    /** {@code read*} outcome: the stream has ended (the file is over, the source was closed). */
    int END_OF_STREAM = -1;

    /** The stream's description; the same object for the source's life. */
    StreamInfo info();

    /**
     * Reads the next frames of a numeric stream, waiting up to {@code timeout} for at least one.
     *
     * @param dst        Modified: {@code dst[c][offset + k]} receives channel c of frame k
     *                   (microvolts for voltage channels); only {@code [offset, offset + n)} of
     *                   each of the first {@code channelCount} rows is written
     * @param timestamps Modified: {@code timestamps[offset + k]} receives frame k's time
     * @param maxFrames  at most this many frames, >= 1
     * @param timeout    longest wait for the first frame; {@link Duration#ZERO} polls
     * @return frames read ({@code 1..maxFrames}), 0 if none arrived within the timeout, or
     *         {@link #END_OF_STREAM}
     * @throws IOException                   if the device or file failed (the message says which)
     * @throws IllegalArgumentException      if the arrays cannot hold the span (quoting shapes)
     * @throws UnsupportedOperationException if the stream holds strings
     */
    int read(double[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout) throws IOException;

    /**
     * Reads the next frames of a string stream, waiting up to {@code timeout} for at least one.
     *
     * @param dst Modified: {@code dst[offset + k][c]} receives channel c of frame k; the caller
     *            owns the rows, each at least {@code channelCount} long
     * @return as {@link #read(double[][], double[], int, int, Duration)}
     * @throws UnsupportedOperationException if the stream is numeric
     */
    int readStrings(String[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout) throws IOException;

    /**
     * Releases the device, socket or file; a blocked read returns promptly, and every read after
     * it returns {@link #END_OF_STREAM}. Idempotent.
     */
    @Override
    void close() throws IOException;
}
