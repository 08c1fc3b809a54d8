package dev.liminal.acquisition.lsl.interop;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslClock;
import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liminal's pure-Java LSL as interop peers: {@link #outlet()} publishes the {@link PeerPattern}
 * through {@link LslOutlet} exactly as {@code lsl_peer_outlet.c} does (wait for a consumer, push
 * in chunks with explicit or deduced stamps), {@link #inlet()} resolves and pulls through
 * {@link LslResolver} and {@link LslInlet} and checks like {@code lsl_peer_inlet.c}. Both read the
 * run's {@link LoopbackLslConfig} file, so they share its session id with the liblsl peers.
 */
public final class LiminalPeers {
    /** Samples per pull when pulling chunks (the C inlet peer uses the same). */
    private static final int PULL_CHUNK = 512;
    /** Timeout of one pull; the overall deadline is checked between pulls (as the C peer does). */
    private static final Duration PULL_SLICE = Duration.ofMillis(200);

    private LiminalPeers() {}

    /** Liminal's {@link LslOutlet}, pushing from a daemon thread {@code liminal-peer-outlet-<stream>}. */
    public static OutletPeer outlet() {
        return new OutletPeer() {
            @Override
            public String name() {
                return "liminal";
            }

            @Override
            public Running start(StreamSpec spec, LoopbackLslConfig config, Path workDirectory) throws IOException {
                LslConfig lslConfig = LslConfig.fromFile(config.file());
                List<String> labels = new ArrayList<>();
                for (int c = 0; c < spec.channelCount(); c++) labels.add("C" + c);
                LslStreamInfo info = LslStreamInfo.create(spec.name(), "EEG", spec.channelCount(), spec.rateHz(),
                                ChannelFormat.fromWireName(spec.format()), spec.name() + "-source")
                        .withChannelLabels(labels, "microvolts", "EEG");
                LslOutlet outlet = LslOutlet.open(info, lslConfig);
                AtomicReference<Double> t0 = new AtomicReference<>();
                AtomicLong pushed = new AtomicLong();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread pusher = new Thread(() -> {
                    try {
                        if (!outlet.waitForConsumers(LiblslPeers.CONSUMER_WAIT)) {
                            throw new AssertionError("no consumer within " + LiblslPeers.CONSUMER_WAIT);
                        }
                        double start = LslClock.nowSeconds();
                        t0.set(start);
                        push(outlet, spec, start, pushed);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "liminal-peer-outlet-" + spec.name());
                pusher.setDaemon(true);
                pusher.start();
                return new Running() {
                    @Override
                    public Run finish(Duration timeout) throws InterruptedException {
                        pusher.join(timeout.toMillis());
                        if (pusher.isAlive()) throw new AssertionError("Liminal outlet still pushing after " + timeout);
                        if (failure.get() != null) throw new AssertionError("Liminal outlet failed", failure.get());
                        LslStreamInfo served = outlet.info();
                        outlet.close();
                        return new Run(served.uid(), served.sessionId(), t0.get(), pushed.get());
                    }

                    @Override
                    public void close() throws InterruptedException {
                        outlet.close();
                        pusher.join(TimeUnit.SECONDS.toMillis(5));
                    }
                };
            }
        };
    }

    /** Pushes the pattern in chunks, as lsl_peer_outlet.c does. */
    private static void push(LslOutlet outlet, StreamSpec spec, double t0, AtomicLong pushed) {
        for (int first = 0; first < spec.sampleCount(); first += spec.chunkSamples()) {
            int n = Math.min(spec.chunkSamples(), spec.sampleCount() - first);
            double[] stamps = new double[n];
            for (int s = 0; s < n; s++) stamps[s] = PeerPattern.timestampSeconds(t0, first + s, spec.rateHz());
            Object data = chunk(spec, first, n);
            if (spec.deducedTimestamps()) {
                double last = stamps[n - 1];
                if (data instanceof float[] a) outlet.pushChunk(a, n, last);
                else if (data instanceof double[] a) outlet.pushChunk(a, n, last);
                else if (data instanceof byte[] a) outlet.pushChunk(a, n, last);
                else if (data instanceof short[] a) outlet.pushChunk(a, n, last);
                else if (data instanceof int[] a) outlet.pushChunk(a, n, last);
                else if (data instanceof long[] a) outlet.pushChunk(a, n, last);
                else outlet.pushChunk((String[]) data, n, last);
            } else {
                if (data instanceof float[] a) outlet.pushChunk(a, n, stamps);
                else if (data instanceof double[] a) outlet.pushChunk(a, n, stamps);
                else if (data instanceof byte[] a) outlet.pushChunk(a, n, stamps);
                else if (data instanceof short[] a) outlet.pushChunk(a, n, stamps);
                else if (data instanceof int[] a) outlet.pushChunk(a, n, stamps);
                else if (data instanceof long[] a) outlet.pushChunk(a, n, stamps);
                else outlet.pushChunk((String[]) data, n, stamps);
            }
            pushed.addAndGet(n);
        }
    }

    /** Samples first..first+n-1 interleaved frame-major, in the array type of the format. */
    private static Object chunk(StreamSpec spec, int first, int n) {
        int ch = spec.channelCount();
        int cells = n * ch;
        switch (spec.format()) {
            case "float32": {
                float[] a = new float[cells];
                for (int k = 0; k < cells; k++) a[k] = PeerPattern.floatValue(first + k / ch, k % ch);
                return a;
            }
            case "double64": {
                double[] a = new double[cells];
                for (int k = 0; k < cells; k++) a[k] = PeerPattern.doubleValue(first + k / ch, k % ch);
                return a;
            }
            case "string": {
                String[] a = new String[cells];
                for (int k = 0; k < cells; k++) a[k] = PeerPattern.stringValue(first + k / ch, k % ch);
                return a;
            }
            case "int8": {
                byte[] a = new byte[cells];
                for (int k = 0; k < cells; k++) a[k] = (byte) PeerPattern.intValue("int8", first + k / ch, k % ch);
                return a;
            }
            case "int16": {
                short[] a = new short[cells];
                for (int k = 0; k < cells; k++) a[k] = (short) PeerPattern.intValue("int16", first + k / ch, k % ch);
                return a;
            }
            case "int32": {
                int[] a = new int[cells];
                for (int k = 0; k < cells; k++) a[k] = (int) PeerPattern.intValue("int32", first + k / ch, k % ch);
                return a;
            }
            case "int64": {
                long[] a = new long[cells];
                for (int k = 0; k < cells; k++) a[k] = PeerPattern.intValue("int64", first + k / ch, k % ch);
                return a;
            }
            default:
                throw new IllegalArgumentException("unknown format " + spec.format());
        }
    }

    /** Liminal's {@link LslResolver} and {@link LslInlet}, on the calling thread. */
    public static InletPeer inlet() {
        return new InletPeer() {
            @Override
            public String name() {
                return "liminal";
            }

            @Override
            public Run receive(StreamSpec spec, Settings settings, LoopbackLslConfig config, Path workDirectory,
                               Duration timeout) throws IOException {
                long deadline = System.nanoTime() + timeout.toNanos();
                LslConfig lslConfig = LslConfig.fromFile(config.file());
                List<LslStreamInfo> found = LslResolver.resolve(spec.predicate(), 1, timeout, lslConfig);
                if (found.isEmpty()) throw new AssertionError("Liminal resolver found no " + spec.predicate() + " within " + timeout);
                LslStreamInfo resolved = found.get(0);
                LslInletOptions options = LslInletOptions.defaults(lslConfig)
                        .withClockSync(settings.clockSync()).withDejitter(settings.dejitter());
                try (LslInlet inlet = LslInlet.open(resolved, options)) {
                    LslStreamInfo full = inlet.fullInfo(timeout);
                    double correction = inlet.timeCorrection(timeout);
                    PatternCheck check = new PatternCheck(spec);
                    pullAll(inlet, spec, settings, check, deadline);
                    return check.toRun(resolved.uid(), resolved.sessionId(), resolved.version(),
                            labeledChannels(full), correction);
                }
            }
        };
    }

    private static void pullAll(LslInlet inlet, StreamSpec spec, InletPeer.Settings settings, PatternCheck check,
                                long deadlineNanos) throws IOException {
        int ch = spec.channelCount();
        int frames = settings.pullChunks() ? PULL_CHUNK : 1;
        double[] stamps = new double[frames];
        boolean strings = spec.format().equals("string");
        boolean floating = spec.format().equals("float32") || spec.format().equals("double64");
        String[][] s = new String[ch][frames];
        double[][] d = new double[ch][frames];
        long[][] l = new long[ch][frames];
        while (check.received() < spec.sampleCount() && System.nanoTime() < deadlineNanos) {
            int want = (int) Math.min(frames, spec.sampleCount() - check.received());
            double[] ts = want == frames ? stamps : new double[want];
            int got;
            if (strings) got = inlet.pullStrings(s, ts, PULL_SLICE);
            else if (floating) got = inlet.pullChunk(d, ts, PULL_SLICE);
            else got = inlet.pullChunk(l, ts, PULL_SLICE);
            for (int f = 0; f < got; f++) {
                for (int c = 0; c < ch; c++) {
                    if (strings) check.checkString(c, s[c][f]);
                    else if (floating) check.checkDouble(c, d[c][f]);
                    else check.checkLong(c, l[c][f]);
                }
                check.endSample(ts[f]);
            }
        }
    }

    /** Channels labelled C<c> with unit microvolts in the full info's desc. */
    private static int labeledChannels(LslStreamInfo full) {
        List<String> labels = full.channelLabels();
        int labelled = 0;
        for (int c = 0; c < labels.size(); c++) if (labels.get(c).equals("C" + c)) labelled++;
        int units = full.descXml().split("<unit>microvolts</unit>", -1).length - 1;
        return Math.min(labelled, units);
    }
}
