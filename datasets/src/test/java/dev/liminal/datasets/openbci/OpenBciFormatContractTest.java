package dev.liminal.datasets.openbci;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatContract;

import java.nio.file.Path;

/** {@link OpenBciFormat} keeps the {@link RecordingFormatContract} on a file other software wrote. */
class OpenBciFormatContractTest extends RecordingFormatContract {
    @Override
    protected RecordingFormat format() {
        return new OpenBciFormat();
    }

    @Override
    protected Path sampleFile() {
        return Path.of("src/test/resources/fixtures/openbci/OpenBCI_GUI-v6-blinks-jawClench-alpha.txt");
    }
}
