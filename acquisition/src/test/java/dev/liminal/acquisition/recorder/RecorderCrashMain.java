package dev.liminal.acquisition.recorder;

import dev.liminal.core.stream.SampleRing;
import dev.liminal.core.stream.SourceClock;
import dev.liminal.core.stream.StringRing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link XdfRecorderCrashIT}: records an EEG ring and a marker ring with
 * {@link XdfRecorder}, waits until the recorder reports everything flushed, says so on stdout
 * and waits to be killed. The recorder keeps running (and measuring clock offsets) until then.
 */
public final class RecorderCrashMain {
    static final int FRAMES = 1000;
    static final String[] CUES = {"baseline", "dose", "peak"};

    private RecorderCrashMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        SampleRing eeg = new SampleRing("eeg", RecorderFixtures.CHANNELS, 4096);
        StringRing cues = new StringRing("cues", 1, 16);
        XdfRecorder recorder = new XdfRecorder(Path.of(args[0]), List.of(
                RecorderInput.numeric(RecorderFixtures.eeg(), eeg, ClockOffsetProvider.local(SourceClock.SYSTEM), null),
                RecorderInput.strings(RecorderFixtures.markers(), cues, ClockOffsetProvider.local(SourceClock.SYSTEM),
                        null)), SourceClock.SYSTEM);
        recorder.start();
        for (int first = 0; first < FRAMES; first += 100) {
            RecorderFixtures.write(eeg, first, 100);
            Thread.sleep(20);
        }
        for (int i = 0; i < CUES.length; i++) {
            cues.write(new String[][] {{CUES[i]}}, new double[] {RecorderFixtures.timestamp(300L * i)}, 0, 1);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!recorder.status().framesFlushed().equals(List.of((long) FRAMES, (long) CUES.length))) {
            if (System.nanoTime() > deadline) {
                System.out.println("TIMEOUT " + recorder.status());
                System.exit(3);
            }
            Thread.sleep(10);
        }
        System.out.println("FLUSHED " + recorder.status().framesFlushed());
        System.out.flush();
        Thread.sleep(600_000);
        recorder.stop(java.time.Duration.ofSeconds(5));
    }
}
