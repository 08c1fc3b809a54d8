package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.SmallHeapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A BrainVision file more than twice the size of the reading JVM's heap is read through. */
class BrainVisionLargeFileIT {
    private static final int CHANNELS = 64;
    private static final int SAMPLES = 600_000;
    private static final double RESOLUTION = 0.5;

    @TempDir
    Path dir;

    private static short raw(int c, int k) {
        return (short) (k * 31 + c * 1009);
    }

    @Test
    void readsAFileLargerThanTheHeapInBoundedSpans() throws Exception {
        StringBuilder h = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\n"
                + "Codepage=UTF-8\nDataFile=big.eeg\nDataFormat=BINARY\nDataOrientation=MULTIPLEXED\nNumberOfChannels="
                + CHANNELS + "\nSamplingInterval=1000\n[Binary Infos]\nBinaryFormat=INT_16\n[Channel Infos]\n");
        for (int c = 1; c <= CHANNELS; c++) h.append("Ch").append(c).append("=E").append(c).append(",,").append(RESOLUTION).append(",uV\n");
        Path vhdr = dir.resolve("big.vhdr");
        Files.writeString(vhdr, h, StandardCharsets.UTF_8);
        long rawSum = write(dir.resolve("big.eeg"));
        assertEquals(CHANNELS * 2L * SAMPLES, Files.size(dir.resolve("big.eeg")));
        // every value is a multiple of 0.5 below 2^15 and the total below 2^53: the sums are exact
        assertEquals(rawSum * RESOLUTION, SmallHeapReader.sumOfAllSamples(vhdr, dir), 0.0);
    }

    private static long write(Path eeg) throws IOException {
        long sum = 0;
        ByteBuffer frame = ByteBuffer.allocate(CHANNELS * 2 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(eeg)) {
            for (int k = 0; k < SAMPLES; k++) {
                for (int c = 0; c < CHANNELS; c++) {
                    short v = raw(c, k);
                    frame.putShort(v);
                    sum += v;
                }
                if (!frame.hasRemaining() || k == SAMPLES - 1) {
                    out.write(frame.array(), 0, frame.position());
                    frame.clear();
                }
            }
        }
        return sum;
    }
}
