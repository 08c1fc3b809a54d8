package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatContract;

import java.nio.file.Path;

/** {@link BdfFormat} keeps the {@link RecordingFormatContract} on a file other software wrote. */
class BdfFormatContractTest extends RecordingFormatContract {
    @Override
    protected RecordingFormat format() {
        return new BdfFormat();
    }

    @Override
    protected Path sampleFile() {
        return Path.of("src/test/resources/fixtures/bdf/Newtest17-256.bdf");
    }
}
