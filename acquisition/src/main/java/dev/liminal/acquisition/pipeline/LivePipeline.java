package dev.liminal.acquisition.pipeline;

import dev.liminal.acquisition.monitor.TimingMonitor;
import dev.liminal.acquisition.monitor.TimingSnapshot;
import dev.liminal.acquisition.pump.StreamPump;
import dev.liminal.acquisition.recorder.RecorderInput;
import dev.liminal.acquisition.recorder.RecorderStatus;
import dev.liminal.acquisition.recorder.XdfRecorder;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.stream.RingReader;
import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SampleRingReader;
import dev.liminal.core.stream.StringRing;
import dev.liminal.core.stream.StringRingReader;
import dev.liminal.dsp.filter.CausalFilter;
import dev.liminal.dsp.filter.FilterSpec;
import dev.liminal.dsp.region.ChannelRegion;
import dev.liminal.dsp.region.RegionMap;
import dev.liminal.dsp.spectral.FrequencyBand;
import dev.liminal.dsp.spectral.StreamingBandPowerProcessor;
import dev.liminal.dsp.spectral.StreamingFrame;
import dev.liminal.dsp.spectral.StreamingFrameSink;
import dev.liminal.dsp.spectral.TimelineParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The live pipeline of one EEG stream and, optionally, its session marker stream
 * (ARCHITECTURE.md "Live data flow"):
 * <pre>
 * liminal-source-&lt;eeg&gt;      StreamPump: source -&gt; SampleRing (never blocks), TimingMonitor
 * liminal-source-&lt;markers&gt;  StreamPump: source -&gt; StringRing
 * liminal-dsp-&lt;eeg&gt;         lossless readers of both rings -&gt; causal filters -&gt; StreamingBandPowerProcessor
 *                          -&gt; per frame: region powers, shifts against the baseline, phase and dose tier
 *                          -&gt; LiveSnapshot (latest-value holder) + timeline CSV + per-phase means
 * liminal-recorder         optional XdfRecorder on the same rings
 * </pre>
 *
 * <p><b>Regions</b> come from the EEG channels' 10-20 labels ({@link RegionMap#fromTenTwenty});
 * a stream without such labels has one region, {@code all}. A region's power is the mean
 * absolute power of its channels that have power in the frame (a channel with a non-finite
 * sample in its window is left out; with none left the region's power is NaN).
 *
 * <p><b>Baseline and phases</b> come from the marker stream ({@link SessionMarkerTracker}):
 * the phase of a frame is the last phase marker at or before the frame's end. The baseline is
 * the mean power of the frames of the baseline phase ({@link LivePipelineOptions#baselinePhase})
 * whose whole window lies in it, complete at the first frame of another phase; until then
 * snapshots and timeline rows carry no shift. A marker may arrive a little after the EEG it
 * precedes, so a frame's phase is fixed (statistics, timeline row) only once the marker stream
 * has delivered a marker at or after the frame's end, has ended, or has had
 * {@link LivePipelineOptions#markerAllowanceSeconds()} of wall-clock time; the snapshot
 * published at once carries the phase known then.
 *
 * <p><b>Nothing is lost silently.</b> A reader overrun on the EEG ring, or a jump in the EEG
 * timestamps of more than {@value #JUMP_PERIODS} sample periods plus the monitor's tolerance,
 * restarts the processor ({@link StreamingBandPowerProcessor#restart(double, double)}), so no
 * window spans the gap; the discontinuity is counted ({@link LiveSnapshot#discontinuities()}),
 * the lost samples too, the stream's {@link TimingMonitor} is told of overruns and a warning
 * is logged. The recorder marks its own overruns in the XDF file.
 *
 * <p><b>Allocation.</b> Per frame the dsp thread allocates only the snapshot it publishes
 * (the object and its two arrays); the ring read, filters, processor, region means, phase
 * lookup and statistics reuse their arrays, and the timeline rows go through one reusable
 * builder into a buffered writer.
 *
 * <p><b>Thread ownership:</b> the public methods are thread-safe; {@link #start()} and
 * {@link #stop(Duration)} at most once each. Everything behind the dsp thread is confined to
 * it; the snapshot and the summary it publishes are immutable.
 */
public final class LivePipeline {
    /** Largest chunk the dsp thread reads from the ring at once (frames). */
    static final int DSP_CHUNK_FRAMES = 256;
    /**
     * Longest single wait of the dsp thread on its ring; the ring's own waiting spins then parks
     * and the writer unparks it, so this only bounds how late a stop is noticed.
     */
    static final Duration DSP_WAIT = Duration.ofMillis(50);
    /** A timestamp step larger than this many sample periods (plus the monitor's tolerance) is a gap. */
    static final int JUMP_PERIODS = 2;
    /** Poll interval while waiting for the marker stream at the end of the EEG. */
    private static final long MARKER_POLL_NANOS = 1_000_000L;
    /** Frames that may wait for their phase at once; when full, the oldest is fixed with what is known. */
    static final int PENDING_FRAMES = 1024;
    /** Marker frames read at once. */
    private static final int MARKER_CHUNK = 64;
    /** Region used when no channel has a 10-20 label. */
    static final String ALL_CHANNELS_REGION = "all";
    private static final System.Logger LOG = System.getLogger(LivePipeline.class.getName());

    /** Lifecycle: NEW -> RUNNING -> (ENDED | STOPPED | FAILED). */
    public enum State { NEW, RUNNING, ENDED, STOPPED, FAILED }

    private final LivePipelineOptions options;
    private final StreamInfo eegInfo;
    private final StreamInfo markerInfo;
    private final SampleRing eegRing;
    private final StringRing markerRing;
    private final TimingMonitor eegMonitor;
    private final TimingMonitor markerMonitor;
    private final StreamPump eegPump;
    private final StreamPump markerPump;
    private final XdfRecorder recorder;
    private final Thread dspThread;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<LiveSnapshot> latest = new AtomicReference<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile SessionSummary summary;
    private volatile FrameLatency latency;
    private volatile FrameLatency processing;
    private volatile boolean stopping;

    // ---- dsp thread state (confined to liminal-dsp-<stream> after construction)
    private final SampleRingReader eegReader;
    private final StringRingReader markerReader;
    private final int channels;
    private final double sampleRateHz;
    private final TimelineParameters parameters;
    private final RegionMap regions;
    private final List<String> regionNames;
    private final List<String> bandNames;
    private final int bandCount;
    private final int cells;
    private final CausalFilter[] filters;
    private final double[][] values;
    private final double[] timestamps;
    private final String[][] markerTexts;
    private final double[] markerTimes;
    private final double[][] pendingPower;
    private final double[] pendingEnd;
    private final long[] pendingAtNanos;
    private final double[] commitShift;
    private final long markerAllowanceNanos;
    private int pendingHead;
    private int pendingCount;
    private double markersSeenUntil = Double.NEGATIVE_INFINITY;
    private final SessionMarkerTracker tracker = new SessionMarkerTracker();
    private final PhaseStatistics statistics;
    private final long[] latencyHistogram = new long[FrameLatency.BUCKETS];
    private final long[] processingHistogram = new long[FrameLatency.BUCKETS];
    private long chunkReadNanos;
    private double maxProcessingSeconds;
    private final StreamingFrameSink sink = this::onFrame;
    private TimelineCsvWriter timeline;
    private StreamingBandPowerProcessor processor;
    private boolean markersEnded;
    private double originSeconds = Double.NaN;
    private double lastTimestamp = Double.NaN;
    private boolean restartPending;
    private double pendingGapSeconds = Double.NaN;
    private long frames;
    private long discontinuities;
    private long framesLost;
    private double maxLatencySeconds;

    /**
     * Builds the rings, pumps, monitors, dsp reader and (when asked) the recorder; nothing runs
     * until {@link #start()}. Readers attach here, so every frame the sources deliver is seen.
     *
     * @param eeg     a numeric stream with a regular rate
     * @param markers a string stream with the session markers, or null
     * @throws IOException              if the timeline or the recording cannot be created (the
     *                                  sources stay the caller's to close then; otherwise the
     *                                  pipeline owns them and its pumps close them)
     * @throws IllegalArgumentException if the EEG stream is not numeric and regular, the bands
     *                                  exceed its Nyquist frequency or the window its ring
     */
    public LivePipeline(PipelineInput eeg, PipelineInput markers, LivePipelineOptions options) throws IOException {
        this.options = options;
        this.eegInfo = eeg.source().info();
        this.markerInfo = markers == null ? null : markers.source().info();
        if (!eegInfo.format().isNumeric() || eegInfo.isIrregular()) {
            throw new IllegalArgumentException("stream '" + eegInfo.name() + "' is not a numeric stream with a regular"
                    + " rate (" + eegInfo.format() + ", " + eegInfo.nominalRateHz() + " Hz)");
        }
        if (markerInfo != null && markerInfo.format().isNumeric()) {
            throw new IllegalArgumentException("marker stream '" + markerInfo.name() + "' is numeric; expected strings");
        }
        this.channels = eegInfo.channelCount();
        this.sampleRateHz = eegInfo.nominalRateHz();
        this.parameters = TimelineParameters.ofSeconds(sampleRateHz, options.windowSeconds(), options.hopSeconds());
        options.bands().requireBelowNyquist(sampleRateHz);
        this.regions = regionsOf(eegInfo);
        this.regionNames = regions.names();
        List<String> bands = new ArrayList<>();
        for (FrequencyBand b : options.bands().bands()) bands.add(b.name());
        this.bandNames = List.copyOf(bands);
        this.bandCount = bandNames.size();
        this.cells = regionNames.size() * bandCount;
        this.statistics = new PhaseStatistics(cells, options.baselinePhase());
        this.filters = new CausalFilter[options.filters().size()];
        for (int i = 0; i < filters.length; i++) {
            FilterSpec spec = options.filters().get(i);
            filters[i] = new CausalFilter(spec, sampleRateHz, channels);
        }
        this.values = new double[channels][DSP_CHUNK_FRAMES];
        this.timestamps = new double[DSP_CHUNK_FRAMES];
        this.markerTexts = new String[MARKER_CHUNK][markerInfo == null ? 1 : markerInfo.channelCount()];
        this.markerTimes = new double[MARKER_CHUNK];
        this.pendingPower = new double[PENDING_FRAMES][cells];
        this.pendingEnd = new double[PENDING_FRAMES];
        this.pendingAtNanos = new long[PENDING_FRAMES];
        this.commitShift = new double[cells];
        this.markerAllowanceNanos = (long) Math.min(Long.MAX_VALUE / 4, options.markerAllowanceSeconds() * 1e9);

        int ringFrames = (int) Math.min(1 << 30, Math.max(DSP_CHUNK_FRAMES * 4L,
                (long) Math.ceil(options.ringSeconds() * sampleRateHz)));
        this.eegRing = new SampleRing(eegInfo.name(), channels, ringFrames);
        this.eegMonitor = new TimingMonitor(eegInfo, TimingMonitor.DEFAULT_WINDOW_SECONDS,
                TimingMonitor.DEFAULT_JUMP_TOLERANCE_SECONDS, options.clock());
        this.eegPump = StreamPump.numeric(eeg.source(), eegRing, eegMonitor, options.clock(), this::onSourceFailure);
        this.eegReader = eegRing.newReader();
        if (markers != null) {
            this.markerRing = new StringRing(markerInfo.name(), markerInfo.channelCount(), 4096);
            this.markerMonitor = new TimingMonitor(markerInfo, TimingMonitor.DEFAULT_WINDOW_SECONDS,
                    TimingMonitor.DEFAULT_JUMP_TOLERANCE_SECONDS, options.clock());
            this.markerPump = StreamPump.strings(markers.source(), markerRing, markerMonitor, options.clock(),
                    this::onSourceFailure);
            this.markerReader = markerRing.newReader();
        } else {
            this.markerRing = null;
            this.markerMonitor = null;
            this.markerPump = null;
            this.markerReader = null;
            this.markersEnded = true;
        }
        XdfRecorder rec = null;
        try {
            if (options.timelineCsv() != null) {
                timeline = new TimelineCsvWriter(options.timelineCsv(), regionNames, bandNames);
            }
            if (options.recordXdf() != null) {
                List<RecorderInput> inputs = new ArrayList<>();
                inputs.add(RecorderInput.numeric(eegInfo, eegRing, eeg.offsets(), eegMonitor));
                if (markers != null) inputs.add(RecorderInput.strings(markerInfo, markerRing, markers.offsets(), markerMonitor));
                rec = new XdfRecorder(options.recordXdf(), inputs, options.clock());
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
        this.recorder = rec;
        this.dspThread = new Thread(this::runDsp, "liminal-dsp-" + eegInfo.name());
        this.dspThread.setDaemon(true);
    }

    private void closeQuietly(Exception cause) {
        eegReader.close();
        if (markerReader != null) markerReader.close();
        if (timeline != null) {
            try {
                timeline.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Regions from 10-20 labels, else one region holding every channel. */
    static RegionMap regionsOf(StreamInfo info) {
        List<String> labels = new ArrayList<>();
        for (ChannelInfo c : info.channels()) labels.add(c.label());
        try {
            return RegionMap.fromTenTwenty(labels);
        } catch (IllegalArgumentException noTenTwenty) {
            int[] all = new int[labels.size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return new RegionMap(labels.size(), List.of(new ChannelRegion(ALL_CHANNELS_REGION, all)));
        }
    }

    /** Starts the recorder, the dsp thread and the pumps, in that order. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("pipeline of '" + eegInfo.name() + "' is " + state.get());
        }
        if (recorder != null) recorder.start();
        dspThread.start();
        eegPump.start();
        if (markerPump != null) markerPump.start();
    }

    /**
     * Stops the sources, lets the dsp thread and the recorder finish what the rings hold, closes
     * the timeline and the recording. Safe to call after the streams ended by themselves.
     *
     * @return whether everything ended within {@code timeout}
     * @throws IOException if the recording failed (see {@link XdfRecorder#stop})
     */
    public boolean stop(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        boolean ok = eegPump.stop(left(deadline));
        if (markerPump != null) ok &= markerPump.stop(left(deadline));
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            dspThread.start(); // drains the closed rings and closes the timeline on its own thread
        }
        dspThread.join(Math.max(1, left(deadline).toMillis()));
        ok &= !dspThread.isAlive();
        if (recorder != null) recorder.stop(left(deadline));
        state.compareAndSet(State.RUNNING, State.STOPPED);
        return ok;
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
    }

    /**
     * Waits for the EEG stream to end by itself (its source reached the end) and the dsp thread
     * to finish. Call {@link #stop} afterwards to close the marker source and the recording.
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!eegPump.awaitEnd(left(deadline))) return false;
        dspThread.join(Math.max(1, left(deadline).toMillis()));
        return !dspThread.isAlive();
    }

    /** The lifecycle state. */
    public State state() {
        return state.get();
    }

    /** The newest snapshot, or empty before the first frame. */
    public Optional<LiveSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** The per-phase summary, once the dsp thread has finished; empty before. */
    public Optional<SessionSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /**
     * How late frames came out over the run, once the dsp thread has finished (empty before):
     * local clock at publication minus the end of the frame's window, so it includes any delay
     * of the source and the transport (a sender that pushes late stamps its samples on time).
     */
    public Optional<FrameLatency> frameLatency() {
        return Optional.ofNullable(latency);
    }

    /**
     * The pipeline's own share, once the dsp thread has finished: from the moment the dsp thread
     * took the chunk that completed the frame off the ring to the frame's publication (filters,
     * periodogram, bands, regions, shifts, snapshot).
     */
    public Optional<FrameLatency> processingLatency() {
        return Optional.ofNullable(processing);
    }

    /** The EEG stream's timing now. */
    public TimingSnapshot eegTiming() {
        return eegMonitor.snapshot();
    }

    /** The marker stream's timing now, if there is one. */
    public Optional<TimingSnapshot> markerTiming() {
        return markerMonitor == null ? Optional.empty() : Optional.of(markerMonitor.snapshot());
    }

    /** The recorder's status, if recording. */
    public Optional<RecorderStatus> recorderStatus() {
        return recorder == null ? Optional.empty() : Optional.of(recorder.status());
    }

    /** The first failure of a source, the dsp thread or the timeline, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The EEG stream. */
    public StreamInfo eegStream() {
        return eegInfo;
    }

    /** The marker stream, if any. */
    public Optional<StreamInfo> markerStream() {
        return Optional.ofNullable(markerInfo);
    }

    /** Region names, in snapshot row order. */
    public List<String> regionNames() {
        return regionNames;
    }

    /** Band names, in snapshot column order. */
    public List<String> bandNames() {
        return bandNames;
    }

    private void onSourceFailure(Exception e) {
        failure.compareAndSet(null, e);
    }

    // ------------------------------------------------------------------ dsp thread

    private void runDsp() {
        State end = State.ENDED;
        try {
            while (true) {
                drainMarkers();
                int n = eegReader.read(values, timestamps, 0, DSP_CHUNK_FRAMES, DSP_WAIT);
                if (n == RingReader.END) break;
                if (n == RingReader.OVERRUN) {
                    onOverrun(eegReader.lastLostFrames());
                } else if (n > 0) {
                    chunkReadNanos = System.nanoTime();
                    drainMarkers();
                    process(n);
                }
                commitReady(false);
            }
            // the EEG is over: give the marker stream its allowance to catch up, then fix every phase
            long deadline = System.nanoTime() + markerAllowanceNanos;
            drainMarkers();
            while (!markersEnded && pendingCount > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(MARKER_POLL_NANOS);
                drainMarkers();
            }
            commitReady(true);
        } catch (InterruptedException e) {
            end = State.STOPPED;
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            fail(e.getCause());
            end = State.FAILED;
        } catch (RuntimeException e) {
            fail(e);
            end = State.FAILED;
        } finally {
            eegReader.close();
            if (markerReader != null) markerReader.close();
            statistics.completeBaseline();
            if (timeline != null) {
                try {
                    timeline.close();
                } catch (IOException e) {
                    fail(e);
                    end = State.FAILED;
                }
            }
            summary = buildSummary();
            latency = FrameLatency.of(latencyHistogram, frames, frames == 0 ? Double.NaN : maxLatencySeconds);
            processing = FrameLatency.of(processingHistogram, frames, frames == 0 ? Double.NaN : maxProcessingSeconds);
            if (stopping && end == State.ENDED) end = State.STOPPED;
            if (failure.get() != null && end != State.FAILED) end = State.FAILED;
            State finalState = end;
            state.updateAndGet(s -> s == State.RUNNING || s == State.NEW ? finalState : s);
        }
    }

    private void fail(Exception e) {
        failure.compareAndSet(null, e);
        LOG.log(System.Logger.Level.ERROR, "live pipeline of ''{0}'' failed: {1}", eegInfo.name(), e.toString());
    }

    private void drainMarkers() {
        if (markersEnded) return;
        while (true) {
            int n = markerReader.read(markerTexts, markerTimes, 0, MARKER_CHUNK);
            if (n == 0) return;
            if (n == RingReader.END) {
                markersEnded = true;
                return;
            }
            if (n == RingReader.OVERRUN) {
                long lost = markerReader.lastLostFrames();
                markerMonitor.onOverrun(lost);
                LOG.log(System.Logger.Level.WARNING, "live pipeline fell behind on markers of ''{0}'': {1} lost",
                        markerInfo.name(), lost);
                continue;
            }
            for (int k = 0; k < n; k++) {
                tracker.onMarker(markerTimes[k], markerTexts[k][0]);
                markersSeenUntil = Math.max(markersSeenUntil, markerTimes[k]);
            }
        }
    }

    private void onOverrun(long lost) {
        discontinuities++;
        framesLost += lost;
        eegMonitor.onOverrun(lost);
        restartPending = true;
        pendingGapSeconds = lost / sampleRateHz;
        LOG.log(System.Logger.Level.WARNING, "live pipeline fell behind on ''{0}'': {1} samples lost, window restarted",
                eegInfo.name(), lost);
    }

    private void process(int n) {
        if (processor == null) {
            originSeconds = timestamps[0];
            processor = new StreamingBandPowerProcessor(parameters, options.bands(), channels, timestamps[0]);
        } else if (restartPending) {
            restart(timestamps[0], pendingGapSeconds);
        } else {
            checkStep(lastTimestamp, 0);
        }
        restartPending = false;
        // a jump inside the chunk splits it: the part before goes to the old window, the rest starts anew
        int from = 0;
        for (int k = 1; k < n; k++) {
            if (isJump(timestamps[k] - timestamps[k - 1])) {
                feed(from, k - from);
                checkStep(timestamps[k - 1], k);
                from = k;
            }
        }
        feed(from, n - from);
        lastTimestamp = timestamps[n - 1];
    }

    private void feed(int from, int count) {
        for (CausalFilter f : filters) f.process(values, from, count, values);
        processor.feed(values, from, count, sink);
    }

    private boolean isJump(double step) {
        double period = 1.0 / sampleRateHz;
        return Math.abs(step - period) > JUMP_PERIODS * period + TimingMonitor.DEFAULT_JUMP_TOLERANCE_SECONDS;
    }

    /** Restarts the window when frame {@code k} does not follow {@code previousSeconds} by about one period. */
    private void checkStep(double previousSeconds, int k) {
        double step = timestamps[k] - previousSeconds;
        if (!isJump(step)) return;
        double period = 1.0 / sampleRateHz;
        discontinuities++;
        LOG.log(System.Logger.Level.WARNING, "live pipeline: timestamps of ''{0}'' jumped by {1} s, window restarted",
                eegInfo.name(), step);
        restart(timestamps[k], step > period ? step - period : Double.NaN);
    }

    private void restart(double startSeconds, double gapSeconds) {
        processor.restart(startSeconds, gapSeconds);
        for (CausalFilter f : filters) f.reset();
    }

    private void onFrame(StreamingFrame frame) {
        double end = frame.endTimeSeconds();
        if (pendingCount == PENDING_FRAMES) commitOldest();
        int slot = (pendingHead + pendingCount) % PENDING_FRAMES;
        double[] regionPower = pendingPower[slot];
        int flagged = 0;
        for (int c = 0; c < channels; c++) if (frame.qualityBits(c) != 0) flagged++;
        for (int r = 0; r < regions.size(); r++) {
            ChannelRegion region = regions.get(r);
            for (int b = 0; b < bandCount; b++) {
                double sum = 0;
                int used = 0;
                for (int k = 0; k < region.size(); k++) {
                    int c = region.channel(k);
                    if (frame.hasPower(c)) {
                        sum += frame.absolute(c, b);
                        used++;
                    }
                }
                regionPower[r * bandCount + b] = used == 0 ? Double.NaN : sum / used;
            }
        }
        pendingEnd[slot] = end;
        pendingAtNanos[slot] = System.nanoTime();
        pendingCount++;

        boolean complete = statistics.baselineComplete();
        double[] power = regionPower.clone();
        double[] shift = new double[cells];
        for (int i = 0; i < cells; i++) {
            shift[i] = complete ? 10.0 * Math.log10(power[i] / statistics.baselineMean(i)) : Double.NaN;
        }
        frames++;
        SessionMarkerTracker.PhaseStart phase = tracker.phaseAt(end);
        SessionMarkerTracker.DoseStart dose = tracker.doseAt(end);
        double late = options.clock().nowSeconds() - end;
        latencyHistogram[FrameLatency.bucket(late)]++;
        if (late > maxLatencySeconds) maxLatencySeconds = late;
        double busy = (System.nanoTime() - chunkReadNanos) / 1e9;
        processingHistogram[FrameLatency.bucket(busy)]++;
        if (busy > maxProcessingSeconds) maxProcessingSeconds = busy;
        latest.set(new LiveSnapshot(eegInfo.name(), end - originSeconds, end, frames, discontinuities, framesLost,
                phase == null ? "" : phase.name(), dose == null ? "" : dose.tier(),
                dose == null ? Double.NaN : dose.dose().mgPerKg(), statistics.baselineFrames(), complete, regionNames,
                bandNames, power, shift, flagged, late, frame.discontinuity(), frame.gapSeconds()));
    }

    /**
     * Fixes the phase of waiting frames, oldest first, once the marker stream has passed their
     * end, has ended, or has had its allowance; {@code all} fixes every one.
     */
    private void commitReady(boolean all) {
        long now = System.nanoTime();
        while (pendingCount > 0) {
            int i = pendingHead;
            boolean ready = all || markersEnded || markersSeenUntil >= pendingEnd[i]
                    || now - pendingAtNanos[i] >= markerAllowanceNanos;
            if (!ready) return;
            commitOldest();
        }
    }

    /** Adds the oldest waiting frame to the statistics and the timeline with the phase known now. */
    private void commitOldest() {
        int i = pendingHead;
        double end = pendingEnd[i];
        double[] power = pendingPower[i];
        SessionMarkerTracker.PhaseStart phase = tracker.phaseAt(end);
        String phaseName = phase == null ? null : phase.name();
        statistics.add(phaseName, phase == null ? Double.NaN : phase.timeSeconds(), end - options.windowSeconds(), power);
        boolean complete = statistics.baselineComplete();
        if (timeline != null) {
            for (int k = 0; k < cells; k++) {
                commitShift[k] = complete ? 10.0 * Math.log10(power[k] / statistics.baselineMean(k)) : Double.NaN;
            }
            try {
                timeline.append(end - originSeconds, phaseName, power, complete ? commitShift : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        pendingHead = (pendingHead + 1) % PENDING_FRAMES;
        pendingCount--;
    }

    private SessionSummary buildSummary() {
        List<SummaryRow> rows = new ArrayList<>();
        for (String phase : statistics.phases()) {
            for (int r = 0; r < regionNames.size(); r++) {
                for (int b = 0; b < bandCount; b++) {
                    int i = r * bandCount + b;
                    rows.add(new SummaryRow(phase, regionNames.get(r), bandNames.get(b),
                            statistics.meanShiftDb(phase, i), statistics.count(phase, i)));
                }
            }
        }
        return new SessionSummary(options.baselinePhase(),
                statistics.baselineComplete() ? statistics.baselineFrames() : 0, rows);
    }

    @Override
    public String toString() {
        return "LivePipeline[" + eegInfo.name() + (markerInfo == null ? "" : " + " + markerInfo.name()) + ", "
                + state.get() + "]";
    }
}
