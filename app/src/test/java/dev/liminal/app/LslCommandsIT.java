package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormats;
import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code streams}, {@code record} and {@code replay} over loopback LSL: a {@code replay} child of
 * the real-session fixture (OpenBCI EEG + markers, looped at 10x), {@code record} children
 * stopped by time, SIGKILL and SIGINT, and the files read back with Liminal's XDF reader and
 * compared with the fixture. All LSL traffic uses a private port range and session.
 */
@Timeout(300)
class LslCommandsIT {
    static final Path JAR = Path.of("target", "liminal.jar");
    static final Path FIXTURE = CliRun.fixture("xdf/bci4als_Sub2011001/EEG.xdf").toAbsolutePath();
    static final String EEG = "obci_eeg1";
    static final String MARKERS = "MarkerStream";
    static final double SPEED = 10;
    static final int MULTICAST_PORT = 30571;
    static final int BASE_PORT = 30572;
    static final int PORT_RANGE = 32;
    static final String SESSION = "liminal-p1-app-" + ProcessHandle.current().pid();
    /** JVM start, resolve and file work on a loaded 2-core machine. */
    static final long CHILD_TIMEOUT_SECONDS = 120;
    /**
     * Recorded timestamps against fixture times / speed: the read-back applies the loopback
     * clock offsets (tens of microseconds) and LSL carries timestamps as doubles.
     */
    static final double TIMESTAMP_TOLERANCE_SECONDS = 0.002;
    /**
     * A marker's recorded time against the EEG's: each stream's clock offset is a separate LSL
     * time-correction estimate (round trips over loopback), and on a loaded 2-core machine an
     * estimate can be a few milliseconds off the true 0 (seen: 4.2 ms during a full build).
     * Within one stream the offset is the same for every sample, so the EEG check keeps 2 ms.
     */
    static final double MARKER_TOLERANCE_SECONDS = 0.010;
    /** EEG frames the fixture must yield at least per recorded second (1250 Hz at 10x, with slack). */
    static final int MIN_FRAMES_PER_SECOND = 500;

    static Path dir;
    static Path config;
    static Process replay;
    static Fixture fixture;

    @TempDir
    Path tmp;

    /** The fixture's EEG (all frames) and markers, as Liminal's reader gives them. */
    record Fixture(double[][] eeg, double[] eegTimes, String[] markers, double[] markerTimes) {
        static Fixture load() throws IOException {
            try (RecordingReader r = RecordingFormats.open(FIXTURE)) {
                RecordedStream e = stream(r, EEG);
                RecordedStream m = stream(r, MARKERS);
                int n = (int) e.sampleCount();
                double[][] eeg = new double[e.info().channelCount()][n];
                double[] t = new double[n];
                r.readSamples(e.index(), 0, n, eeg, 0);
                r.readTimestamps(e.index(), 0, n, t, 0);
                for (int i = 1; i < n; i++) t[i] = Math.max(t[i], t[i - 1]); // the replay never goes back in time
                int k = (int) m.sampleCount();
                String[][] texts = r.readStrings(m.index(), 0, k);
                double[] mt = new double[k];
                r.readTimestamps(m.index(), 0, k, mt, 0);
                String[] markers = new String[k];
                for (int i = 0; i < k; i++) markers[i] = texts[i][0];
                return new Fixture(eeg, t, markers, mt);
            }
        }
    }

    static RecordedStream stream(RecordingReader r, String name) {
        return r.info().streams().stream().filter(s -> s.info().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream '" + name + "' in " + r.info().source()));
    }

    @BeforeAll
    static void startReplay() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
        dir = Files.createTempDirectory("liminal-lsl-it");
        config = dir.resolve("lsl_api.cfg");
        Files.writeString(config, "[ports]\nMulticastPort = " + MULTICAST_PORT + "\nBasePort = " + BASE_PORT
                + "\nPortRange = " + PORT_RANGE + "\n[lab]\nSessionID = " + SESSION + "\n");
        fixture = Fixture.load();
        replay = start(dir.resolve("replay"), "replay", FIXTURE.toString(), "--speed", Double.toString(SPEED), "--loop");
        awaitOutput(dir.resolve("replay"), "publishing '" + EEG + "'", replay);
        awaitOutput(dir.resolve("replay"), "publishing '" + MARKERS + "'", replay);
    }

    @AfterAll
    static void stopReplay() throws Exception {
        if (replay != null) {
            replay.destroy();
            if (!replay.waitFor(30, TimeUnit.SECONDS)) replay.destroyForcibly();
        }
    }

    /** Starts the jar in a child JVM with this test's LSL configuration; stdout/stderr go to {@code base}.out/.err. */
    static Process start(Path base, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(base.resolveSibling(base.getFileName() + ".out").toFile())
                .redirectError(base.resolveSibling(base.getFileName() + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put(LslConfig.CONFIG_ENV, config.toString());
        return pb.start();
    }

    static String out(Path base) throws IOException {
        Path p = base.resolveSibling(base.getFileName() + ".out");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    static String err(Path base) throws IOException {
        Path p = base.resolveSibling(base.getFileName() + ".err");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** Waits (bounded) until the child's stdout contains {@code text}. */
    static void awaitOutput(Path base, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
        while (!out(base).contains(text)) {
            if (!p.isAlive()) throw new AssertionError("child ended (exit " + p.exitValue() + ") before printing '"
                    + text + "'\n" + out(base) + err(base));
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' within " + CHILD_TIMEOUT_SECONDS + " s");
            Thread.sleep(50);
        }
    }

    static int await(Process p) throws InterruptedException {
        if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not end within " + CHILD_TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }

    /**
     * Checks a recorded EEG stream against the fixture: its first frame is found in the fixture
     * (channels 1-15; channel 0 is a packet counter), then every frame must equal the following
     * fixture frames (wrapping at the loop) and, within one pass, the timestamps must keep the
     * fixture's spacing divided by the speed. Markers recorded must be fixture markers at the
     * matching times. Returns the EEG frame count.
     */
    static long checkAgainstFixture(Path file, boolean expectFooters) throws IOException {
        try (RecordingReader r = RecordingFormats.open(file)) {
            RecordedStream e = stream(r, EEG);
            RecordedStream m = stream(r, MARKERS);
            int n = (int) e.sampleCount();
            assertTrue(n > 0, "EEG frames recorded");
            double[][] eeg = new double[16][n];
            double[] t = new double[n];
            r.readSamples(e.index(), 0, n, eeg, 0);
            r.readTimestamps(e.index(), 0, n, t, 0);
            int total = fixture.eegTimes().length;
            int k = -1;
            for (int j = 0; j < total && k < 0; j++) {
                boolean same = true;
                for (int c = 1; c < 16 && same; c++) same = fixture.eeg()[c][j] == eeg[c][0];
                if (same) k = j;
            }
            assertTrue(k >= 0, "the first recorded frame is a fixture frame");
            for (int i = 0; i < n; i++) {
                int j = (k + i) % total;
                for (int c = 0; c < 16; c++) {
                    if (fixture.eeg()[c][j] != eeg[c][i]) {
                        throw new AssertionError("frame " + i + " channel " + c + ": recorded " + eeg[c][i]
                                + ", fixture frame " + j + " holds " + fixture.eeg()[c][j]);
                    }
                }
                if (k + i < total) {
                    double expected = (fixture.eegTimes()[j] - fixture.eegTimes()[k]) / SPEED;
                    assertEquals(expected, t[i] - t[0], TIMESTAMP_TOLERANCE_SECONDS, "time of frame " + i);
                }
            }
            int markers = (int) m.sampleCount();
            if (markers > 0) {
                String[][] texts = r.readStrings(m.index(), 0, markers);
                double[] mt = new double[markers];
                r.readTimestamps(m.index(), 0, markers, mt, 0);
                int cursor = 0;
                for (int i = 0; i < markers; i++) {
                    double fileTime = fixture.eegTimes()[k] + (mt[i] - t[0]) * SPEED;
                    if (fileTime > fixture.eegTimes()[total - 1]) continue; // a later pass
                    int match = -1;
                    // markers microseconds apart in the file may swap places within the tolerance: take the
                    // first unused fixture marker near that time with the same text, in order
                    for (int j = cursor; j < fixture.markers().length && match < 0; j++) {
                        if (Math.abs(fixture.markerTimes()[j] - fileTime) <= MARKER_TOLERANCE_SECONDS * SPEED
                                && fixture.markers()[j].equals(texts[i][0])) match = j;
                    }
                    if (match < 0) {
                        int near = nearest(fixture.markerTimes(), fileTime);
                        throw new AssertionError("recorded marker " + i + " '" + texts[i][0] + "' at file time " + fileTime
                                + " s matches no fixture marker (nearest: '" + fixture.markers()[near] + "' at "
                                + fixture.markerTimes()[near] + " s)");
                    }
                    cursor = match + 1;
                }
            }
            if (expectFooters) {
                assertEquals(Long.toString(n), e.footer().get("sample_count"), "EEG footer " + e.footer());
                assertEquals(Long.toString(markers), m.footer().get("sample_count"), "marker footer " + m.footer());
            } else {
                assertTrue(e.footer().isEmpty(), "no footer after SIGKILL: " + e.footer());
            }
            return n;
        }
    }

    static int nearest(double[] times, double t) {
        int best = 0;
        for (int i = 1; i < times.length; i++) {
            if (Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
        }
        return best;
    }

    @Test
    void recordsTheReplayedSessionWithItsValuesTimestampsAndMarkers() throws Exception {
        Path base = tmp.resolve("record");
        Path xdf = tmp.resolve("session.xdf");
        Process p = start(base, "record", "--stream", EEG, "--stream", MARKERS, "--out", xdf.toString(), "--seconds", "4");
        int code = await(p);
        assertEquals(0, code, out(base) + err(base));
        String summary = out(base).lines().filter(l -> l.startsWith("recorded ")).findFirst().orElse("");
        assertTrue(summary.contains("'" + EEG + "' ") && summary.contains("'" + MARKERS + "' "), out(base));
        long frames = checkAgainstFixture(xdf, true);
        assertTrue(frames >= 4 * MIN_FRAMES_PER_SECOND, frames + " EEG frames in 4 s");
        assertTrue(summary.contains("'" + EEG + "' " + frames + " samples"), summary);
        try (RecordingReader r = RecordingFormats.open(xdf)) {
            RecordedStream e = stream(r, EEG);
            assertTrue(Integer.parseInt(e.info().property("clock_offset_count")) >= 1, "clock offsets written");
            assertEquals("uV", e.info().channels().get(1).unit());
            assertTrue(stream(r, MARKERS).sampleCount() >= 1, "markers recorded (one every ~0.24 s at 10x)");
        }
    }

    @Test
    void sigkillKeepsEverythingUpToTheLastFlush() throws Exception {
        Path base = tmp.resolve("killed");
        Path xdf = tmp.resolve("killed.xdf");
        Process p = start(base, "record", "--stream", EEG, "--stream", MARKERS, "--out", xdf.toString());
        awaitOutput(base, "recording ", p);
        Thread.sleep(3000);
        p.destroyForcibly(); // SIGKILL on Linux
        assertEquals(137, await(p), "killed by SIGKILL");
        assertFalse(out(base).contains("recorded "), "no clean end");
        long frames = checkAgainstFixture(xdf, false);
        assertTrue(frames >= 2 * MIN_FRAMES_PER_SECOND, frames + " EEG frames flushed in 3 s");
    }

    @Test
    void sigintClosesTheFileCleanlyWithFooters() throws Exception {
        Path base = tmp.resolve("interrupted");
        Path xdf = tmp.resolve("interrupted.xdf");
        Process p = start(base, "record", "--stream", EEG, "--stream", MARKERS, "--out", xdf.toString());
        awaitOutput(base, "recording ", p);
        Thread.sleep(2500);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, await(kill));
        int code = await(p);
        assertEquals(130, code, "ended by SIGINT\n" + out(base) + err(base));
        assertTrue(out(base).contains("recorded " + xdf), out(base) + err(base));
        long frames = checkAgainstFixture(xdf, true);
        assertTrue(frames >= MIN_FRAMES_PER_SECOND, frames + " EEG frames");
    }

    @Test
    void streamsJsonListsATestOutlet() throws Exception {
        String name = "p1-streams-" + System.nanoTime();
        LslConfig c = LslConfig.fromFile(config);
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 4, 256, ChannelFormat.FLOAT32, "p1-src-" + name);
        try (LslOutlet outlet = LslOutlet.open(info, c)) {
            CliRun r = CliRun.of("streams", "--json", "--seconds", "1.5", "--lsl-config", config.toString());
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode all = new ObjectMapper().readTree(r.out());
            JsonNode mine = null;
            for (JsonNode s : all) {
                if (s.get("name").asText().equals(name)) mine = s;
            }
            assertTrue(mine != null, r.out());
            assertEquals("EEG", mine.get("type").asText());
            assertEquals(4, mine.get("channels").asInt());
            assertEquals(256.0, mine.get("rate_hz").asDouble());
            assertEquals("float32", mine.get("format").asText());
            assertEquals("p1-src-" + name, mine.get("source_id").asText());
            assertEquals(outlet.info().hostname(), mine.get("host").asText());
            assertEquals(outlet.info().uid(), mine.get("uid").asText());
            CliRun table = CliRun.of("streams", "--seconds", "1", "--lsl-config", config.toString());
            assertTrue(table.out().lines().anyMatch(l -> l.contains(name) && l.contains("256") && l.contains("float32")),
                    table.describe());
        }
    }

    @Test
    void missingStreamExitsOneWithOneLineAndNoFile() {
        Path xdf = tmp.resolve("never.xdf");
        CliRun r = CliRun.of("record", "--stream", "p1-no-such-stream", "--out", xdf.toString(), "--resolve-seconds", "1",
                "--lsl-config", config.toString());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().size(), r.describe());
        assertTrue(r.err().startsWith("liminal: stream 'p1-no-such-stream' not found within 1 s"), r.describe());
        assertFalse(Files.exists(xdf));
    }

    @Test
    void vanishedStreamIsReportedKeptAndTheOthersGoOn() throws Exception {
        LslConfig c = LslConfig.fromFile(config);
        String gone = "p1-gone-" + System.nanoTime();
        String stays = "p1-stays-" + System.nanoTime();
        LslOutlet a = LslOutlet.open(LslStreamInfo.create(gone, "EEG", 1, 100, ChannelFormat.DOUBLE64, gone), c);
        LslOutlet b = LslOutlet.open(LslStreamInfo.create(stays, "EEG", 1, 100, ChannelFormat.DOUBLE64, stays), c);
        AtomicBoolean stopA = new AtomicBoolean();
        AtomicBoolean stopAll = new AtomicBoolean();
        AtomicLong lastA = new AtomicLong(-1);
        Thread pusher = new Thread(() -> {
            long k = 0;
            while (!stopAll.get() && k < 100_000) {
                if (!stopA.get()) {
                    a.pushSample(new double[] {k});
                    lastA.set(k);
                }
                b.pushSample(new double[] {k});
                k++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "liminal-test-pusher");
        pusher.setDaemon(true);
        pusher.start();
        Path xdf = tmp.resolve("vanish.xdf");
        CliRun[] result = new CliRun[1];
        Thread recorder = new Thread(() -> result[0] = CliRun.of("record", "--stream", gone, "--stream", stays, "--out",
                xdf.toString(), "--seconds", "5", "--recovery-seconds", "1", "--lsl-config", config.toString()),
                "liminal-test-record");
        recorder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (a.consumerCount() == 0 || b.consumerCount() == 0) {
                assertTrue(System.nanoTime() < deadline, "record connected to both streams");
                Thread.sleep(20);
            }
            Thread.sleep(1500);
            stopA.set(true);
            Thread.sleep(50);
            a.close();
            recorder.join(Duration.ofSeconds(60).toMillis());
            assertFalse(recorder.isAlive(), "record ended");
        } finally {
            stopAll.set(true);
            a.close();
            b.close();
        }
        CliRun r = result[0];
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("liminal: ")).count(), r.describe());
        assertTrue(r.err().contains("'" + gone + "'") && r.err().contains("recording the other streams"), r.describe());
        assertTrue(r.out().contains("(lost)"), r.describe());
        try (RecordingReader rr = RecordingFormats.open(xdf)) {
            RecordedStream ga = stream(rr, gone);
            RecordedStream sb = stream(rr, stays);
            int n = (int) ga.sampleCount();
            assertTrue(n >= 50, n + " samples of the vanished stream");
            double[][] v = new double[1][n];
            rr.readSamples(ga.index(), 0, n, v, 0);
            for (int i = 1; i < n; i++) assertEquals(v[0][i - 1] + 1, v[0][i], "no sample lost at " + i);
            assertEquals(lastA.get(), (long) v[0][n - 1], "everything sent before it vanished is kept");
            assertTrue(sb.sampleCount() >= 300, sb.sampleCount() + " samples of the stream that stayed, in 5 s at 100 Hz");
        }
    }

    @Test
    void streamThatComesBackWithinTheRecoveryWindowIsRecordedOnWithOneGap() throws Exception {
        LslConfig c = LslConfig.fromFile(config);
        String name = "p1-back-" + System.nanoTime();
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", 1, 100, ChannelFormat.DOUBLE64, "p1-src-" + name);
        java.util.concurrent.atomic.AtomicReference<LslOutlet> outlet = new java.util.concurrent.atomic.AtomicReference<>(
                LslOutlet.open(info, c));
        AtomicBoolean paused = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong last = new AtomicLong(-1);
        Thread pusher = new Thread(() -> {
            long k = 0;
            while (!stop.get() && k < 100_000) {
                LslOutlet o = outlet.get();
                if (!paused.get() && !o.isClosed()) {
                    try {
                        o.pushSample(new double[] {k});
                        last.set(k);
                        k++;
                    } catch (IllegalStateException closedMeanwhile) {
                        // the test swapped the outlet; the next turn pushes to the new one
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "liminal-test-pusher");
        pusher.setDaemon(true);
        pusher.start();
        Path xdf = tmp.resolve("back.xdf");
        CliRun[] result = new CliRun[1];
        Thread recorder = new Thread(() -> result[0] = CliRun.of("record", "--stream", name, "--out", xdf.toString(),
                "--seconds", "5", "--recovery-seconds", "4", "--lsl-config", config.toString()), "liminal-test-record");
        recorder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (outlet.get().consumerCount() == 0) {
                assertTrue(System.nanoTime() < deadline, "record connected");
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            paused.set(true);
            Thread.sleep(50);
            long before = last.get();
            outlet.get().close();
            Thread.sleep(500);
            outlet.set(LslOutlet.open(info, c));
            paused.set(false);
            recorder.join(Duration.ofSeconds(60).toMillis());
            assertFalse(recorder.isAlive(), "record ended");
            CliRun r = result[0];
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("", r.err(), r.describe());
            assertTrue(r.out().contains("'" + name + "' ") && r.out().contains(" samples, 1 gap;"), r.describe());
            try (RecordingReader rr = RecordingFormats.open(xdf)) {
                RecordedStream s = stream(rr, name);
                int n = (int) s.sampleCount();
                double[][] v = new double[1][n];
                rr.readSamples(s.index(), 0, n, v, 0);
                for (int i = 1; i < n; i++) assertTrue(v[0][i] > v[0][i - 1], "no sample twice, in order, at " + i);
                boolean hasBefore = false;
                boolean hasAfter = false;
                for (int i = 0; i < n; i++) {
                    hasBefore |= v[0][i] == before;
                    hasAfter |= v[0][i] > before;
                }
                assertTrue(hasBefore, "the last sample before the break (" + before + ") is kept");
                assertTrue(hasAfter, "samples after the reconnection are recorded");
                RecordedStream events = stream(rr, dev.liminal.acquisition.recorder.XdfRecorder.EVENT_STREAM_NAME);
                String[][] notes = rr.readStrings(events.index(), 0, (int) events.sampleCount());
                long reconnects = java.util.Arrays.stream(notes)
                        .filter(e -> e[0].startsWith("reconnect stream=\"" + name + "\" outage_s="))
                        .count();
                assertEquals(1, reconnects, "the gap is recorded in the event stream: " + java.util.Arrays.deepToString(notes));
            }
        } finally {
            stop.set(true);
            outlet.get().close();
        }
    }
}
