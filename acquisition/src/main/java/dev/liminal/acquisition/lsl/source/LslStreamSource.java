package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslProtocolException;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.lsl.LslTimeCorrection;
import dev.liminal.acquisition.recorder.ClockOffset;
import dev.liminal.acquisition.recorder.ClockOffsetProvider;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.StreamSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One LSL stream as a {@link StreamSource}: an {@link LslInlet} whose description is mapped onto
 * core's {@link StreamInfo} and whose voltage channels are scaled to microvolts (see
 * {@link LslChannelMap} for the unit rules; a voltage channel without a unit is assumed to be in
 * microvolts). Other channels keep their raw values.
 *
 * <p><b>Timestamps.</b> With {@link LslInletOptions#clockSync()} the inlet adds its latest time
 * correction, so timestamps are on this machine's LSL clock, and {@link #clockOffsets()} reports
 * offsets of 0 s. Without it (the LabRecorder way) timestamps are the sender's, and
 * {@link #clockOffsets()} serves the inlet's time-correction estimates so a recording can be
 * synchronised when it is read; for a stream on this machine (the default, local scope) both
 * clocks are the same {@code System.nanoTime()} clock and the offsets are about 0.
 *
 * <p><b>A vanished or stalled peer.</b> Frames already received are always delivered first. The
 * inlet treats a regular stream silent for {@link LslInletOptions#stallTimeout()} as broken;
 * with {@link LslInletOptions#recover()} it then re-resolves the stream by source_id and
 * reconnects. When it is lost for good, or has been recovering for longer than the recovery
 * window given to {@link #open(LslStreamInfo, LslInletOptions, Duration)}, the next read throws
 * an {@link IOException} naming the stream (once the buffered frames are drained).
 *
 * <p><b>Thread ownership:</b> {@link #info()} and {@link #clockOffsets()} are thread-safe; reads
 * are confined to one thread (the stream pump) and write only into the caller's arrays
 * (Modified: {@code dst}, {@code timestamps}); {@link #close()} may be called from any thread.
 */
public final class LslStreamSource implements StreamSource {
    /** Default longest time a broken stream may spend recovering before reads fail. */
    public static final Duration DEFAULT_RECOVERY_WINDOW = Duration.ofSeconds(10);
    /** Longest wait for the full description ({@code LSL:fullinfo}) when opening. */
    public static final Duration FULL_INFO_TIMEOUT = Duration.ofSeconds(5);
    /** Frames pulled from the inlet at once; the pump reads at most this many anyway. */
    static final int SCRATCH_FRAMES = 1024;
    private static final System.Logger LOG = System.getLogger(LslStreamSource.class.getName());

    private final LslInlet inlet;
    private final LslChannelMap map;
    private final StreamInfo info;
    private final boolean clockSync;
    private final boolean scales;
    private final Duration recoveryWindow;
    private final Duration stallTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final double[][] scratch;
    private final String[][] scratchStrings;
    private double[] scratchTimes;
    private double lastFrameAtSeconds;
    private double recoveringSinceSeconds = Double.NaN;

    private LslStreamSource(LslInlet inlet, LslChannelMap map, LslInletOptions options, Duration recoveryWindow) {
        this.inlet = inlet;
        this.map = map;
        this.info = map.info();
        this.clockSync = options.clockSync();
        this.scales = map.scales();
        this.recoveryWindow = recoveryWindow;
        this.stallTimeout = options.stallTimeout();
        int channels = info.channelCount();
        this.scratch = info.format().isNumeric() ? new double[channels][SCRATCH_FRAMES] : null;
        this.scratchStrings = info.format().isNumeric() ? null : new String[channels][SCRATCH_FRAMES];
        this.scratchTimes = new double[SCRATCH_FRAMES];
        this.lastFrameAtSeconds = LslClock.nowSeconds();
    }

    /**
     * Opens a resolved stream with {@link #DEFAULT_RECOVERY_WINDOW}.
     *
     * @see #open(LslStreamInfo, LslInletOptions, Duration)
     */
    public static LslStreamSource open(LslStreamInfo resolved, LslInletOptions options) throws IOException {
        return open(resolved, options, DEFAULT_RECOVERY_WINDOW);
    }

    /**
     * Fetches the stream's full description (for channel labels, units and types), connects an
     * inlet and returns the source.
     *
     * @param resolved       a stream from {@link dev.liminal.acquisition.lsl.LslResolver}
     * @param options        inlet options (clock sync, recovery, stall timeout, scope)
     * @param recoveryWindow longest time the inlet may spend recovering a broken stream before
     *                       reads fail; positive
     * @throws IOException one line naming the stream when it cannot be reached or refuses the feed
     */
    public static LslStreamSource open(LslStreamInfo resolved, LslInletOptions options, Duration recoveryWindow)
            throws IOException {
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(recoveryWindow, "recoveryWindow");
        if (recoveryWindow.isNegative() || recoveryWindow.isZero()) {
            throw new IllegalArgumentException("stream '" + resolved.name() + "': recovery window " + recoveryWindow
                    + " must be positive");
        }
        LslStreamInfo full;
        try {
            full = LslInlet.fetchFullInfo(resolved, FULL_INFO_TIMEOUT);
        } catch (IOException e) {
            throw new IOException("stream '" + resolved.name() + "' at " + resolved.v4Address() + ":"
                    + resolved.v4DataPort() + ": cannot read its description: " + e.getMessage(), e);
        }
        LslChannelMap map = LslChannelMap.of(full);
        LslInlet inlet;
        try {
            inlet = LslInlet.open(resolved, options);
        } catch (IOException e) {
            throw new IOException(e.getMessage() != null && e.getMessage().contains(resolved.name()) ? e.getMessage()
                    : "stream '" + resolved.name() + "': " + e.getMessage(), e);
        }
        return new LslStreamSource(inlet, map, options, recoveryWindow);
    }

    @Override
    public StreamInfo info() {
        return info;
    }

    /** The inlet (state, gaps, dropped samples); do not pull from it. */
    public LslInlet inlet() {
        return inlet;
    }

    @Override
    public int read(double[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout) throws IOException {
        if (!info.format().isNumeric()) {
            throw new UnsupportedOperationException("stream '" + info.name() + "' holds strings: use readStrings");
        }
        checkSpan(dst.length, timestamps.length, offset, maxFrames);
        for (int c = 0; c < info.channelCount(); c++) {
            if (dst[c].length < offset + maxFrames) {
                throw new IllegalArgumentException("stream '" + info.name() + "': row " + c + " has length "
                        + dst[c].length + ", needs " + (offset + maxFrames));
            }
        }
        if (closed.get()) return END_OF_STREAM;
        int want = Math.min(maxFrames, SCRATCH_FRAMES);
        int n = pull(want, timeout, false);
        if (n <= 0) return n;
        for (int c = 0; c < scratch.length; c++) {
            double f = map.factor(c);
            double[] src = scratch[c];
            double[] out = dst[c];
            if (scales && f != 1.0) {
                for (int k = 0; k < n; k++) out[offset + k] = src[k] * f;
            } else {
                System.arraycopy(src, 0, out, offset, n);
            }
        }
        System.arraycopy(scratchTimes, 0, timestamps, offset, n);
        return n;
    }

    @Override
    public int readStrings(String[][] dst, double[] timestamps, int offset, int maxFrames, Duration timeout)
            throws IOException {
        if (info.format().isNumeric()) {
            throw new UnsupportedOperationException("stream '" + info.name() + "' is numeric: use read");
        }
        if (offset < 0 || maxFrames < 1 || dst.length < offset + maxFrames || timestamps.length < offset + maxFrames) {
            throw new IllegalArgumentException("stream '" + info.name() + "': span [" + offset + ", " + (offset + maxFrames)
                    + ") does not fit " + dst.length + " rows and " + timestamps.length + " timestamps");
        }
        int want = Math.min(maxFrames, SCRATCH_FRAMES);
        for (int k = offset; k < offset + want; k++) {
            // checked before pulling, so a bad row never costs a received marker
            if (dst[k] == null || dst[k].length < info.channelCount()) {
                throw new IllegalArgumentException("stream '" + info.name() + "': row " + k + " holds "
                        + (dst[k] == null ? 0 : dst[k].length) + " values, needs " + info.channelCount());
            }
        }
        if (closed.get()) return END_OF_STREAM;
        int n = pull(want, timeout, true);
        if (n <= 0) return n;
        int channels = info.channelCount();
        for (int k = 0; k < n; k++) {
            String[] row = dst[offset + k];
            for (int c = 0; c < channels; c++) {
                row[c] = scratchStrings[c][k];
                scratchStrings[c][k] = null;
            }
        }
        System.arraycopy(scratchTimes, 0, timestamps, offset, n);
        return n;
    }

    /** Pulls into the scratch arrays; frames, 0 on timeout, END_OF_STREAM when closed. */
    private int pull(int want, Duration timeout, boolean strings) throws IOException {
        int n;
        try {
            if (strings) {
                n = inlet.pullStrings(scratchStrings, times(want), timeout);
            } else {
                n = inlet.pullChunk(scratch, times(want), timeout);
            }
        } catch (LslProtocolException e) {
            if (closed.get()) return END_OF_STREAM;
            throw new IOException(namingStream(e.getMessage()), e);
        }
        if (closed.get() && n == 0) return END_OF_STREAM;
        double now = LslClock.nowSeconds();
        if (n > 0) {
            lastFrameAtSeconds = now;
            recoveringSinceSeconds = Double.NaN;
            return n;
        }
        checkAlive(now);
        return 0;
    }

    /** Fails when the inlet has been recovering, or a regular stream silent, for too long. */
    private void checkAlive(double now) throws IOException {
        double window = recoveryWindow.toNanos() / 1e9;
        if (inlet.state() == LslInlet.State.RECOVERING) {
            if (Double.isNaN(recoveringSinceSeconds)) recoveringSinceSeconds = now;
            if (now - recoveringSinceSeconds > window) {
                giveUp("stream '" + info.name() + "' vanished: not found again within " + recoveryWindow.toMillis()
                        + " ms of recovery (" + inlet.lastError() + ")");
            }
        } else {
            recoveringSinceSeconds = Double.NaN;
        }
        if (!info.isIrregular() && now - lastFrameAtSeconds > stallTimeout.toNanos() / 1e9 + window) {
            giveUp("stream '" + info.name() + "' stalled: no data for "
                    + String.format(java.util.Locale.ROOT, "%.1f", now - lastFrameAtSeconds) + " s at "
                    + info.nominalRateHz() + " Hz");
        }
    }

    private void giveUp(String message) throws IOException {
        LOG.log(System.Logger.Level.DEBUG, message); // the exception carries it to whoever reports it
        inlet.close();
        throw new IOException(message);
    }

    private String namingStream(String message) {
        String m = message == null ? "connection lost" : message;
        return m.contains("'" + info.name() + "'") ? m : "stream '" + info.name() + "': " + m;
    }

    /**
     * The timestamp array passed to the inlet, exactly {@code frames} long: the inlet pulls at
     * most the shortest of its arrays, so this bounds the pull while the value rows stay
     * {@link #SCRATCH_FRAMES} long. Reallocated only when the pump's chunk size changes.
     */
    private double[] times(int frames) {
        if (scratchTimes.length != frames) scratchTimes = new double[frames];
        return scratchTimes;
    }

    private void checkSpan(int rows, int stamps, int offset, int maxFrames) {
        if (rows < info.channelCount()) {
            throw new IllegalArgumentException("stream '" + info.name() + "' has " + info.channelCount()
                    + " channels, destination has " + rows + " rows");
        }
        if (offset < 0 || maxFrames < 1 || stamps < offset + maxFrames) {
            throw new IllegalArgumentException("stream '" + info.name() + "': span [" + offset + ", "
                    + (offset + maxFrames) + ") does not fit " + stamps + " timestamps");
        }
    }

    /**
     * The stream's clock offsets for the XDF recorder, as LabRecorder writes them: the inlet's
     * latest time-correction estimate (collected at the remote time of its probe, local minus
     * remote clock), or nothing before the first estimate; with clock sync on, 0 s collected now
     * (the timestamps are already on the local clock). Returns at once (a cached estimate).
     */
    public ClockOffsetProvider clockOffsets() {
        if (clockSync) {
            return () -> Optional.of(new ClockOffset(LslClock.nowSeconds(), 0.0));
        }
        return () -> {
            if (closed.get()) return Optional.empty();
            try {
                LslTimeCorrection tc = inlet.timeCorrectionEstimate(Duration.ZERO);
                return Optional.of(new ClockOffset(tc.remoteTimeSeconds(), tc.correctionSeconds()));
            } catch (LslProtocolException e) {
                return Optional.empty();
            }
        };
    }

    /** Closes the inlet; a blocked read returns promptly and later reads return END_OF_STREAM. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) inlet.close();
    }
}
