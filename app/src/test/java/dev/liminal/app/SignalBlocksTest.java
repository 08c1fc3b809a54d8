package dev.liminal.app;

import dev.liminal.datasets.RecordingReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block-wise reading of a selection: bounded blocks that together give every sample in order. */
class SignalBlocksTest {
    @Test
    void readsEverySampleInOrderInBlocksOfAtMostTheBlockDuration() throws IOException {
        List<String> labels = List.of("sine 8 Hz", "ramp");
        int maxBlock = (int) Math.round(SignalBlocks.BLOCK_SECONDS * 200);
        double[][] joined = new double[2][120_000];
        int[] filled = {0};
        List<Double> runStarts = new ArrayList<>();
        try (RecordingReader reader = RecordingFiles.open(SpectralFixtures.GENERATOR)) {
            SignalSelection selection = SignalSelection.resolve(SpectralFixtures.GENERATOR, reader.info(), labels);
            assertEquals(labels, selection.labels());
            try (ConsoleProgress progress = ConsoleProgress.forTask("test")) {
                SignalBlocks.read(SpectralFixtures.GENERATOR, reader, selection, progress, new SignalBlocks.Sink() {
                    @Override
                    public void runStart(int run, double startSeconds) {
                        runStarts.add(startSeconds);
                    }

                    @Override
                    public void block(double[][] block, int length) {
                        assertTrue(length <= maxBlock, "block of " + length + " samples");
                        for (int c = 0; c < 2; c++) System.arraycopy(block[c], 0, joined[c], filled[0], length);
                        filled[0] += length;
                    }
                });
            }
        }
        assertEquals(List.of(0.0), runStarts);
        assertEquals(120_000, filled[0]);
        assertArrayEquals(SpectralFixtures.samples(SpectralFixtures.GENERATOR, "sine 8 Hz"), joined[0], 0.0);
        assertArrayEquals(SpectralFixtures.samples(SpectralFixtures.GENERATOR, "ramp"), joined[1], 0.0);
    }
}
