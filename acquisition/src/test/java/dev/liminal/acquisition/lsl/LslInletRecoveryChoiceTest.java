package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LslInletRecoveryChoiceTest {

    private static LslStreamInfo outlet(String uid, double createdAt) {
        return LslStreamInfo.create("S", "EEG", 1, 100, ChannelFormat.FLOAT32, "src")
                .forOutlet(uid, createdAt, "default", "h", 1, 1).withV4Address("127.0.0.1");
    }

    @Test
    void prefersTheNewestOtherOutletOverTheOldUid() {
        List<LslStreamInfo> found = List.of(outlet("old", 5), outlet("new-1", 10), outlet("new-2", 20));
        assertEquals("new-2", LslInlet.chooseRecoveryTarget(found, "old").uid());
    }

    @Test
    void fallsBackToTheOldOutletWhenItIsTheOnlyAnswer() {
        assertEquals("old", LslInlet.chooseRecoveryTarget(List.of(outlet("old", 5)), "old").uid());
    }
}
