package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatContract;

import java.nio.file.Path;

/** {@link BrainVisionFormat} keeps the {@link RecordingFormatContract} on a file other software wrote. */
class BrainVisionFormatContractTest extends RecordingFormatContract {
    @Override
    protected RecordingFormat format() {
        return new BrainVisionFormat();
    }

    @Override
    protected Path sampleFile() {
        return Path.of("src/test/resources/fixtures/brainvision/test.vhdr");
    }
}
