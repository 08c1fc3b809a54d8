package dev.liminal.app;

import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.acquisition.lsl.source.LslStreamSource;
import dev.liminal.acquisition.pump.StreamPump;
import dev.liminal.acquisition.recorder.RecorderInput;
import dev.liminal.acquisition.recorder.RecorderStatus;
import dev.liminal.acquisition.recorder.XdfRecorder;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StringRing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code liminal record} run: LSL streams resolved by name, an {@link LslStreamSource} and a
 * {@link StreamPump} per stream into its ring, and an {@link XdfRecorder} writing them all, as
 * LabRecorder does (raw sender timestamps plus ClockOffset chunks every 5 s, flushes at least
 * every second, footers on a clean stop).
 *
 * <p>A stream that fails (its sender vanished and did not come back within the recovery window)
 * is reported on stderr at once; its pump closes its ring, the recorder keeps everything it
 * received, and the other streams go on.
 *
 * <p><b>Thread ownership:</b> built and started on the main thread; {@link #finish} is
 * synchronized and idempotent (the main thread and the Ctrl-C shutdown hook both call it; the
 * second caller waits for the first and gets the same summary or failure).
 */
final class LslRecording {
    /** Seconds of data each ring holds: the recorder may stall this long (disk hiccup) without a gap. */
    static final double RING_SECONDS = 30;
    /** Smallest ring, in frames (marker streams, slow streams). */
    static final int MIN_RING_FRAMES = 4096;
    /** Largest ring, in values (frames x channels): 64 MiB of doubles. */
    static final long MAX_RING_VALUES = 8L * 1024 * 1024;
    /** Longest wait for the recorder to drain and write its footers. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Longest wait for a pump thread to end. */
    static final Duration PUMP_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** How long the error for a missing stream waits to list the streams that are visible. */
    static final Duration VISIBLE_LOOKUP_TIMEOUT = Duration.ofMillis(500);
    /** Longest wait for each stream's first time-correction estimate, so the first ClockOffset chunk is written at the start. */
    static final Duration FIRST_OFFSET_TIMEOUT = Duration.ofSeconds(2);

    private final Path file;
    private final List<LslStreamSource> sources;
    private final List<StreamPump> pumps;
    private final XdfRecorder recorder;
    private final PrintWriter err;
    private final double startSeconds;
    private String summary;
    private IOException finishFailure;

    private LslRecording(Path file, List<LslStreamSource> sources, List<StreamPump> pumps, XdfRecorder recorder,
                         PrintWriter err) {
        this.file = file;
        this.sources = sources;
        this.pumps = pumps;
        this.recorder = recorder;
        this.err = err;
        this.startSeconds = SourceClock.SYSTEM.nowSeconds();
    }

    /**
     * The recorder event for a reconnection, in the style of the recorder's own gap events:
     * {@code reconnect stream="<name>" outage_s=<s> after_timestamp=<t> samples_before=<n> reason="<why>"}.
     */
    static String reconnectNote(String stream, dev.liminal.acquisition.lsl.LslGap gap) {
        return "reconnect stream=\"" + stream.replace("\"", "'") + "\" outage_s="
                + String.format(java.util.Locale.ROOT, "%.3f", gap.outageSeconds())
                + " after_timestamp=" + gap.lastTimestampBeforeSeconds() + " samples_before=" + gap.samplesBefore()
                + " reason=\"" + gap.reason().replace("\"", "'") + "\"";
    }

    /**
     * Resolves every name within {@code resolveTimeout} (all must be found), opens the streams,
     * creates {@code file} and starts recording.
     *
     * @param recoveryWindow how long a broken stream may spend reconnecting before it is lost
     * @throws IOException naming the streams not found (and those that are visible), a stream
     *                     that cannot be opened, or a file that cannot be created; nothing is
     *                     left open then
     */
    static LslRecording start(List<String> names, Path file, LslConfig config, Duration resolveTimeout,
                              Duration recoveryWindow, PrintWriter err) throws IOException {
        List<LslStreamInfo> resolved = resolveAll(names, config, resolveTimeout);
        List<LslStreamSource> sources = new ArrayList<>();
        List<StreamPump> pumps = new ArrayList<>();
        try {
            // A sender that vanishes and comes back (same source_id) leaves a gap in its stream; the
            // inlet reports it when data flows again, and it goes into the recorder's event stream.
            java.util.concurrent.atomic.AtomicReference<XdfRecorder> noteTo = new java.util.concurrent.atomic.AtomicReference<>();
            LslInletOptions options = LslInletOptions.defaults(config).withListener(event -> {
                XdfRecorder r = noteTo.get();
                if (r != null && event.kind() == dev.liminal.acquisition.lsl.LslInletEvent.Kind.RECONNECTED && event.gap() != null) {
                    r.note(reconnectNote(event.streamName(), event.gap()));
                }
            });
            for (LslStreamInfo r : resolved) sources.add(LslStreamSource.open(r, options, recoveryWindow));
            for (LslStreamSource s : sources) awaitFirstOffset(s);
            List<RecorderInput> inputs = new ArrayList<>();
            List<SampleRing> numeric = new ArrayList<>();
            List<StringRing> strings = new ArrayList<>();
            for (LslStreamSource s : sources) {
                StreamInfo info = s.info();
                int frames = ringFrames(info);
                if (info.format().isNumeric()) {
                    SampleRing ring = new SampleRing(info.name(), info.channelCount(), frames);
                    numeric.add(ring);
                    strings.add(null);
                    inputs.add(RecorderInput.numeric(info, ring, s.clockOffsets(), null));
                } else {
                    StringRing ring = new StringRing(info.name(), info.channelCount(), frames);
                    numeric.add(null);
                    strings.add(ring);
                    inputs.add(RecorderInput.strings(info, ring, s.clockOffsets(), null));
                }
            }
            XdfRecorder recorder = new XdfRecorder(file, inputs, SourceClock.SYSTEM);
            noteTo.set(recorder);
            for (int i = 0; i < sources.size(); i++) {
                LslStreamSource s = sources.get(i);
                java.util.function.Consumer<Exception> onFailure = e -> {
                    synchronized (err) {
                        err.println("liminal: " + FailureReporter.oneLine(e.getMessage() == null ? e.toString()
                                : e.getMessage()) + "; kept what was received, recording the other streams");
                        err.flush();
                    }
                };
                pumps.add(numeric.get(i) != null
                        ? StreamPump.numeric(s, numeric.get(i), null, SourceClock.SYSTEM, onFailure)
                        : StreamPump.strings(s, strings.get(i), null, SourceClock.SYSTEM, onFailure));
            }
            LslRecording recording = new LslRecording(file, sources, pumps, recorder, err);
            recorder.start();
            for (StreamPump p : pumps) p.start();
            return recording;
        } catch (IOException | RuntimeException e) {
            for (LslStreamSource s : sources) s.close();
            throw e;
        }
    }

    /**
     * Waits (bounded) for the stream's first time-correction estimate, as LabRecorder's first
     * {@code time_correction} call does, so the recorder's ClockOffset chunk at the start has a
     * value; a stream that gives none in time is recorded anyway, with offsets from the next one.
     */
    private static void awaitFirstOffset(LslStreamSource s) {
        try {
            s.inlet().timeCorrection(FIRST_OFFSET_TIMEOUT);
        } catch (IOException e) {
            System.getLogger(LslRecording.class.getName()).log(System.Logger.Level.INFO,
                    "stream ''{0}'': no clock offset yet: {1}", s.info().name(), e.getMessage());
        }
    }

    /** Ring size for a stream: {@link #RING_SECONDS} of data, within the bounds. */
    static int ringFrames(StreamInfo info) {
        long byRate = (long) Math.ceil(info.nominalRateHz() * RING_SECONDS);
        long max = Math.max(MIN_RING_FRAMES, MAX_RING_VALUES / info.channelCount());
        return (int) Math.min(max, Math.max(MIN_RING_FRAMES, byRate));
    }

    /** Resolves each name once; the newest stream wins when several share a name. */
    static List<LslStreamInfo> resolveAll(List<String> names, LslConfig config, Duration timeout) throws IOException {
        Set<String> wanted = new LinkedHashSet<>(names);
        String predicate = wanted.stream().map(LslRecording::nameTest).collect(Collectors.joining(" or "));
        List<LslStreamInfo> found = LslResolver.resolve(predicate, wanted.size(), timeout, config);
        List<LslStreamInfo> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            LslStreamInfo best = found.stream().filter(s -> s.name().equals(n))
                    .max(Comparator.comparingDouble(LslStreamInfo::createdAtSeconds)).orElse(null);
            if (best == null) missing.add(n);
            else out.add(best);
        }
        if (!missing.isEmpty()) {
            List<LslStreamInfo> visible = LslResolver.resolve("", 0, VISIBLE_LOOKUP_TIMEOUT, config);
            String seen = visible.isEmpty() ? "no streams visible"
                    : "visible: " + visible.stream().map(s -> "'" + s.name() + "'").distinct().sorted()
                    .collect(Collectors.joining(", "));
            throw new IOException((missing.size() == 1 ? "stream " : "streams ")
                    + missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "))
                    + " not found within " + NumberText.plain(timeout.toMillis() / 1000.0) + " s (" + seen + ")");
        }
        return out;
    }

    /** An XPath test for an exact name (quoted with whichever quote the name lacks). */
    static String nameTest(String name) {
        if (name.contains("'") && name.contains("\"")) {
            throw new IllegalArgumentException("stream name " + name + " contains both quote characters");
        }
        return name.contains("'") ? "name=\"" + name + "\"" : "name='" + name + "'";
    }

    /** Whether every stream has ended (all senders lost): nothing is left to record. */
    boolean allStreamsEnded() {
        for (StreamPump p : pumps) {
            if (p.state() == StreamPump.State.RUNNING || p.state() == StreamPump.State.NEW) return false;
        }
        return true;
    }

    /** Whether the recorder stopped by itself (failed, or every stream ended). */
    boolean recorderEnded() {
        XdfRecorder.State s = recorder.status().state();
        return s == XdfRecorder.State.STOPPED || s == XdfRecorder.State.FAILED;
    }

    /**
     * Stops the pumps (closing the inlets), lets the recorder drain what was received, writes
     * the footers and closes the file; builds the summary line. Idempotent and thread-safe.
     *
     * @return the summary line
     * @throws IOException if recording failed at any point
     */
    synchronized String finish() throws IOException {
        if (finishFailure != null) throw finishFailure;
        if (summary != null) return summary;
        try {
            for (StreamPump p : pumps) p.stop(PUMP_STOP_TIMEOUT);
            recorder.stop(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishFailure = new IOException("recording " + file + " interrupted while closing");
            throw finishFailure;
        } catch (IOException e) {
            finishFailure = e;
            throw e;
        } finally {
            for (LslStreamSource s : sources) s.close();
        }
        summary = summarize();
        return summary;
    }

    private String summarize() {
        RecorderStatus st = recorder.status();
        double seconds = SourceClock.SYSTEM.nowSeconds() - startSeconds;
        StringBuilder line = new StringBuilder("recorded " + file + " in "
                + String.format(Locale.ROOT, "%.1f", seconds) + " s:");
        for (int i = 0; i < sources.size(); i++) {
            LslStreamSource s = sources.get(i);
            StreamPump p = pumps.get(i);
            int reconnects = s.inlet().gaps().size();
            line.append(i == 0 ? " '" : ", '").append(s.info().name()).append("' ").append(st.framesFlushed().get(i))
                    .append(" samples, ").append(reconnects).append(reconnects == 1 ? " gap" : " gaps");
            if (p.state() == StreamPump.State.FAILED) line.append(" (lost)");
        }
        line.append("; recorder overruns ").append(st.gaps()).append(" (").append(st.framesLost())
                .append(" frames lost)");
        return line.toString();
    }
}
