package dev.liminal.acquisition.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Standard electrode sets with 10-20/10-10 labels (Oostenveld and Praamstra 2001 names: T7/T8,
 * P7/P8 rather than T3/T4, T5/T6), one per channel count a simulated headset offers. Immutable
 * enum; thread-safe.
 */
public enum Montage {
    /** A 4-channel headband: TP9, AF7, AF8, TP10 (the Muse layout). */
    FOUR(List.of("TP9", "AF7", "AF8", "TP10")),
    /** An 8-channel set: Fp1, Fp2, C3, C4, P7, P8, O1, O2 (the OpenBCI Cyton default). */
    EIGHT(List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2")),
    /** A 16-channel set: the 8 above plus F7, F8, F3, F4, T7, T8, P3, P4 (OpenBCI Cyton and Daisy). */
    SIXTEEN(List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2",
            "F7", "F8", "F3", "F4", "T7", "T8", "P3", "P4")),
    /** The 19 electrodes of the international 10-20 system. */
    NINETEEN(List.of("Fp1", "Fp2", "F7", "F3", "Fz", "F4", "F8", "T7", "C3", "Cz", "C4", "T8",
            "P7", "P3", "Pz", "P4", "P8", "O1", "O2")),
    /** The BioSemi 32-channel cap, in its order. */
    THIRTY_TWO(List.of("Fp1", "AF3", "F7", "F3", "FC1", "FC5", "T7", "C3", "CP1", "CP5", "P7", "P3", "Pz", "PO3",
            "O1", "Oz", "O2", "PO4", "P4", "P8", "CP6", "CP2", "C4", "T8", "FC6", "FC2", "F4", "F8", "AF4", "Fp2",
            "Fz", "Cz")),
    /** The BioSemi 64-channel cap, in its order. */
    SIXTY_FOUR(List.of("Fp1", "AF7", "AF3", "F1", "F3", "F5", "F7", "FT7", "FC5", "FC3", "FC1", "C1", "C3", "C5",
            "T7", "TP7", "CP5", "CP3", "CP1", "P1", "P3", "P5", "P7", "P9", "PO7", "PO3", "O1", "Iz", "Oz", "POz",
            "Pz", "CPz", "Fpz", "Fp2", "AF8", "AF4", "AFz", "Fz", "F2", "F4", "F6", "F8", "FT8", "FC6", "FC4", "FC2",
            "FCz", "Cz", "C2", "C4", "C6", "T8", "TP8", "CP6", "CP4", "CP2", "P2", "P4", "P6", "P8", "P10", "PO8",
            "PO4", "O2"));

    private final List<String> labels;

    Montage(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    /** The labels in channel order (unmodifiable). */
    public List<String> labels() {
        return labels;
    }

    /** Number of channels. */
    public int channelCount() {
        return labels.size();
    }

    /**
     * The montage with {@code channelCount} channels.
     *
     * @throws IllegalArgumentException naming the counts on offer
     */
    public static Montage forChannelCount(int channelCount) {
        List<Integer> counts = new ArrayList<>();
        for (Montage m : values()) {
            if (m.channelCount() == channelCount) return m;
            counts.add(m.channelCount());
        }
        throw new IllegalArgumentException("no standard 10-20 montage with " + channelCount
                + " channels; the simulated headset offers " + counts);
    }
}
