package dev.liminal.acquisition.publish;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StreamSource;
import dev.liminal.datasets.replay.ReplayOptions;
import dev.liminal.datasets.replay.ReplaySource;
import dev.liminal.datasets.xml.SafeXml;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes every stream of a recording as an LSL outlet with its original timing: each
 * {@link ReplaySource} of the file (every XDF stream; each same-rate channel group of an
 * EDF/BDF/BrainVision file; the annotations as a one-channel string stream) gets an
 * {@link LslOutlet} and a thread {@code liminal-publish-<stream>} that pushes each chunk when it
 * is due, stamped with the replay's local-clock time (so the spacing of the file is kept, scaled
 * by {@link ReplayOptions#speed()}, and looped with {@link ReplayOptions#loop()}).
 *
 * <p><b>What the outlets carry.</b> Name, type, channel count, rate and source_id of the file's
 * stream (a stream without source_id gets {@code liminal-replay:<file>:<index>}, so inlets can
 * recover); the desc lists the channels ({@code label}, {@code unit}, {@code type}) with
 * voltages as {@code microvolts}, and {@code replay_of} names the file. String and floating
 * point formats are kept. Integer formats are kept for streams without voltage channels; a
 * stream with voltage channels in an integer format (EDF, BDF, BrainVision store digital values
 * that the reader scales to microvolts) is published as {@code double64} so the physical values
 * pass unchanged.
 *
 * <p><b>Lifecycle:</b> {@link #open} (outlets visible at once), {@link #start}, then
 * {@link #awaitEnd} (without loop every stream ends with the file) and {@link #close}, which
 * stops the threads, closes the sources and the outlets (inlets see the streams end). Public
 * methods are thread-safe.
 */
public final class ReplayPublisher implements AutoCloseable {
    /** Longest wait inside one replay read, so a stop is seen promptly. */
    static final Duration READ_TIMEOUT = Duration.ofMillis(100);
    /** Largest chunk pushed at once (frames). */
    static final int CHUNK_FRAMES = 1024;
    /** How long close waits for each publishing thread. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long {@link #close} keeps the outlets open after every stream reached the end of the
     * file, so their session threads send the last chunks before the sockets close (an LSL
     * outlet has no flush; liblsl's outlets behave the same at destruction).
     */
    public static final Duration END_LINGER = Duration.ofMillis(500);
    /** The LSL spelling of microvolts in channel meta-data (XDF meta-data conventions). */
    static final String LSL_MICROVOLTS = "microvolts";
    private static final System.Logger LOG = System.getLogger(ReplayPublisher.class.getName());

    private final Path file;
    private final List<Lane> lanes;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** One stream: its replay, its outlet, its thread. */
    private final class Lane implements Runnable {
        final ReplaySource source;
        final LslOutlet outlet;
        final ChannelFormat format;
        final Thread thread;
        final AtomicLong frames = new AtomicLong();
        volatile boolean reachedEnd;

        Lane(ReplaySource source, LslOutlet outlet) {
            this.source = source;
            this.outlet = outlet;
            this.format = outlet.info().channelFormat();
            this.thread = new Thread(this, "liminal-publish-" + source.info().name());
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            StreamInfo info = source.info();
            int channels = info.channelCount();
            double[] timestamps = new double[CHUNK_FRAMES];
            try {
                if (info.format().isNumeric()) {
                    double[][] values = new double[channels][CHUNK_FRAMES];
                    double[] interleaved = new double[channels * CHUNK_FRAMES];
                    while (!closed.get()) {
                        int n = source.read(values, timestamps, 0, CHUNK_FRAMES, READ_TIMEOUT);
                        if (n == StreamSource.END_OF_STREAM) {
                            reachedEnd = !closed.get();
                            break;
                        }
                        if (n == 0) continue;
                        for (int k = 0; k < n; k++) {
                            for (int c = 0; c < channels; c++) interleaved[k * channels + c] = values[c][k];
                        }
                        outlet.pushChunk(interleaved, n, timestamps);
                        frames.addAndGet(n);
                    }
                } else {
                    String[][] rows = new String[CHUNK_FRAMES][channels];
                    String[] interleaved = new String[channels * CHUNK_FRAMES];
                    while (!closed.get()) {
                        int n = source.readStrings(rows, timestamps, 0, CHUNK_FRAMES, READ_TIMEOUT);
                        if (n == StreamSource.END_OF_STREAM) {
                            reachedEnd = !closed.get();
                            break;
                        }
                        if (n == 0) continue;
                        for (int k = 0; k < n; k++) System.arraycopy(rows[k], 0, interleaved, k * channels, channels);
                        outlet.pushChunk(interleaved, n, timestamps);
                        frames.addAndGet(n);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    failure.compareAndSet(null, e);
                    LOG.log(System.Logger.Level.WARNING, "replay of ''{0}'' from {1} failed after {2} frames: {3}",
                            info.name(), file, frames.get(), e.toString());
                }
            }
        }
    }

    private ReplayPublisher(Path file, List<Lane> lanes) {
        this.file = file;
        this.lanes = lanes;
    }

    /**
     * Opens every stream of {@code file} for replay (its timeline starts now on
     * {@code clock}) and makes one outlet per stream, visible to resolvers at once.
     *
     * @param config LSL scope, ports and session of the outlets
     * @throws IOException if the file cannot be read (a RecordingFormatException naming the
     *                     file) or an outlet cannot bind its ports; nothing stays open then
     */
    public static ReplayPublisher open(Path file, ReplayOptions options, LslConfig config, SourceClock clock)
            throws IOException {
        Objects.requireNonNull(config, "config");
        List<ReplaySource> sources = ReplaySource.open(file, options, clock);
        List<Lane> lanes = new ArrayList<>();
        ReplayPublisher publisher = new ReplayPublisher(file, lanes);
        try {
            if (sources.isEmpty()) throw new IOException(file + ": holds no stream to publish");
            String fileName = String.valueOf(file.getFileName());
            for (int i = 0; i < sources.size(); i++) {
                ReplaySource s = sources.get(i);
                LslStreamInfo lsl = outletInfo(s.info(), fileName, i);
                lanes.add(publisher.new Lane(s, LslOutlet.open(lsl, config)));
            }
            return publisher;
        } catch (IOException | RuntimeException e) {
            for (Lane l : lanes) l.outlet.close();
            for (ReplaySource s : sources) {
                try {
                    s.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /**
     * The LSL description an outlet gets for one replayed stream (see the class comment).
     *
     * @param index the stream's position in the file, for a made-up source_id
     */
    static LslStreamInfo outletInfo(StreamInfo s, String fileName, int index) {
        boolean voltage = s.channels().stream().anyMatch(c -> Units.isVoltage(c.unit()));
        SampleFormat f = s.format();
        boolean integer = f == SampleFormat.INT8 || f == SampleFormat.INT16 || f == SampleFormat.INT32
                || f == SampleFormat.INT64;
        ChannelFormat format = integer && voltage ? ChannelFormat.DOUBLE64 : ChannelFormat.fromWireName(f.lslName());
        String sourceId = s.sourceId().isEmpty() ? "liminal-replay:" + fileName + ":" + index : s.sourceId();
        StringBuilder desc = new StringBuilder("<channels>");
        for (ChannelInfo c : s.channels()) {
            String unit = Units.isVoltage(c.unit()) ? LSL_MICROVOLTS : c.unit();
            desc.append("<channel><label>").append(SafeXml.escape(c.label())).append("</label><unit>")
                    .append(SafeXml.escape(unit)).append("</unit><type>").append(c.type().name())
                    .append("</type></channel>");
        }
        desc.append("</channels><replay_of>").append(SafeXml.escape(fileName)).append("</replay_of>");
        return LslStreamInfo.create(s.name(), s.type(), s.channelCount(), s.nominalRateHz(), format, sourceId)
                .withDescXml(desc.toString());
    }

    /** Starts one publishing thread per stream. */
    public void start() {
        if (closed.get()) throw new IllegalStateException("replay of " + file + " is closed");
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("replay of " + file + " already started");
        for (Lane l : lanes) l.thread.start();
    }

    /** The outlets' descriptions (uid, ports, session filled), file order. */
    public List<LslStreamInfo> streams() {
        List<LslStreamInfo> out = new ArrayList<>(lanes.size());
        for (Lane l : lanes) out.add(l.outlet.info());
        return out;
    }

    /**
     * Waits until every outlet has at least one consumer (an inlet connected), so nothing
     * published from {@link #start} on is missed by them. The replay's timeline started at
     * {@link #open}: frames that fell due while waiting are published at once on start, with
     * their original timestamps.
     *
     * @return whether every outlet had a consumer within {@code timeout}
     */
    public boolean waitForConsumers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Lane l : lanes) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !l.outlet.waitForConsumers(Duration.ofNanos(left))) return false;
        }
        return true;
    }

    /** Frames pushed so far, per stream in file order. */
    public List<Long> framesPublished() {
        List<Long> out = new ArrayList<>(lanes.size());
        for (Lane l : lanes) out.add(l.frames.get());
        return out;
    }

    /**
     * Waits until every stream has been published to its end (never, with loop) or one failed.
     *
     * @return whether all publishing threads ended within {@code timeout}
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Lane l : lanes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return !anyAlive();
            l.thread.join(Math.max(1, left / 1_000_000));
        }
        return !anyAlive();
    }

    private boolean anyAlive() {
        for (Lane l : lanes) {
            if (l.thread.isAlive()) return true;
        }
        return false;
    }

    /** The first failure of a publishing thread, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops publishing: the threads end (a waiting read returns within {@link #READ_TIMEOUT}),
     * the files close and the outlets close, so inlets see the streams end; after a replay that
     * reached the end of the file the outlets first linger {@link #END_LINGER}. Idempotent.
     */
    @Override
    public void close() {
        boolean allReachedEnd = started.get() && !lanes.isEmpty();
        for (Lane l : lanes) allReachedEnd &= l.reachedEnd;
        if (!closed.compareAndSet(false, true)) return;
        if (allReachedEnd) {
            try {
                Thread.sleep(END_LINGER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Lane l : lanes) {
            try {
                l.source.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing replay of ''{0}'': {1}", l.source.info().name(), e.toString());
            }
        }
        for (Lane l : lanes) {
            if (l.thread.isAlive() && l.thread != Thread.currentThread()) {
                try {
                    l.thread.join(JOIN_TIMEOUT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Lane l : lanes) l.outlet.close();
    }
}
