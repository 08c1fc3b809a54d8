package dev.liminal.datasets.edf;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatContract;

import java.nio.file.Path;

/** {@link EdfFormat} keeps the {@link RecordingFormatContract} on a file other software wrote. */
class EdfFormatContractTest extends RecordingFormatContract {
    @Override
    protected RecordingFormat format() {
        return new EdfFormat();
    }

    @Override
    protected Path sampleFile() {
        return Path.of("src/test/resources/fixtures/edf/short_psg.edf");
    }
}
