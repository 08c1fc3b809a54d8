package dev.liminal.datasets.xdf;

import dev.liminal.datasets.RecordingFormat;
import dev.liminal.datasets.RecordingFormatContract;

import java.nio.file.Path;

/** {@link XdfFormat} keeps the {@link RecordingFormatContract} on a file other software wrote. */
class XdfFormatContractTest extends RecordingFormatContract {
    @Override
    protected RecordingFormat format() {
        return new XdfFormat();
    }

    @Override
    protected Path sampleFile() {
        return Path.of("src/test/resources/fixtures/xdf/bci4als_Sub2011001/EEG.xdf");
    }

    /**
     * XDF keeps the sender's timestamps. Without dejitter an explicit timestamp can fall before
     * the one inferred for the sample before it: in the bci4als file, sample 35 of obci_eeg1 is
     * stamped 0.74 ms before the time inferred for sample 34 (pyxdf returns the same).
     */
    @Override
    protected boolean timestampsNeverDecrease() {
        return false;
    }
}
