package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery over the loopback port sweep: predicates, de-duplication, session isolation. */
class LslResolverIT {
    private static final Duration SHORT = Duration.ofMillis(800);

    private static Set<String> names(List<LslStreamInfo> infos) {
        return infos.stream().map(LslStreamInfo::name).collect(Collectors.toSet());
    }

    @Test
    @Timeout(30)
    void findsStreamsByNameTypeSourceIdAndPredicates() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslOutlet eeg = LslOutlet.open(LslStreamInfo.create("SimEEG", "EEG", 4, 250, ChannelFormat.FLOAT32, "sim-eeg-1"), config);
             LslOutlet markers = LslOutlet.open(LslStreamInfo.create("SimMarkers", "Markers", 1, 0, ChannelFormat.STRING, "sim-mk-1"), config);
             LslOutlet other = LslOutlet.open(LslStreamInfo.create("Other", "EEG", 2, 500, ChannelFormat.INT16, ""), config)) {
            assertEquals(Set.of("SimEEG"), names(LslResolver.resolveByProperty("name", "SimEEG", 1, LslTestPorts.RESOLVE_TIMEOUT, config)));
            assertEquals(Set.of("SimMarkers"), names(LslResolver.resolveByProperty("source_id", "sim-mk-1", 1, LslTestPorts.RESOLVE_TIMEOUT, config)));
            assertEquals(Set.of("SimEEG", "Other"), names(LslResolver.resolve("type='EEG'", 0, SHORT, config)));
            assertEquals(Set.of("Other"), names(LslResolver.resolve("type='EEG' and name='Other'", 0, SHORT, config)));
            assertEquals(Set.of("SimEEG", "SimMarkers"), names(LslResolver.resolve("starts-with(name,'Sim')", 0, SHORT, config)));
            assertEquals(Set.of("SimEEG"), names(LslResolver.resolve("nominal_srate=250", 0, SHORT, config)));
            assertTrue(LslResolver.resolve("nominal_srate='250'", 0, SHORT, config).stream().noneMatch(s -> s.name().equals("SimEEG")),
                    "string comparison against 250.0000000000000 does not match, as in liblsl");
            List<LslStreamInfo> all = LslResolver.resolve("", 0, SHORT, config);
            assertEquals(3, all.size(), "each outlet once although it answers on the responder and its service port: " + all);
            LslStreamInfo r = all.stream().filter(s -> s.name().equals("SimEEG")).findFirst().orElseThrow();
            assertEquals("127.0.0.1", r.v4Address());
            assertEquals(eeg.info().v4DataPort(), r.v4DataPort());
            assertTrue(r.isReachableOverIpv4());
            assertTrue(LslResolver.resolve("name='Absent'", 1, SHORT, config).isEmpty());
            assertTrue(LslResolver.resolve("this is not xpath((", 0, SHORT, config).isEmpty());
        }
    }

    @Test
    @Timeout(30)
    void otherSessionsAreInvisible() throws Exception {
        LslConfig mine = LslTestPorts.config();
        try (LslOutlet foreign = LslOutlet.open(LslStreamInfo.create("Foreign", "EEG", 1, 100, ChannelFormat.DOUBLE64, "f"),
                mine.withSessionId("elsewhere"))) {
            assertTrue(LslResolver.resolve("name='Foreign'", 1, SHORT, mine).isEmpty());
            assertEquals(1, LslResolver.resolve("name='Foreign'", 1, SHORT, mine.withSessionId("elsewhere")).size());
            assertEquals(foreign.info().uid(),
                    LslResolver.resolveQuery(LslResolver.recoveryQuery(foreign.info()), 1, SHORT, mine).get(0).uid(),
                    "the recovery query carries no session term");
        }
    }

    @Test
    @Timeout(30)
    void fullInfoCarriesTheDesc() throws Exception {
        LslConfig config = LslTestPorts.config();
        LslStreamInfo info = LslStreamInfo.create("Described", "EEG", 2, 256, ChannelFormat.FLOAT32, "d-1")
                .withChannelLabels(List.of("C3", "C4"), "microvolts", "EEG");
        try (LslOutlet outlet = LslOutlet.open(info, config)) {
            LslStreamInfo resolved = LslResolver.resolve("name='Described'", 1, LslTestPorts.RESOLVE_TIMEOUT, config).get(0);
            assertTrue(resolved.channelLabels().isEmpty(), "shortinfo has an empty desc");
            LslStreamInfo full = LslInlet.fetchFullInfo(resolved, Duration.ofSeconds(2));
            assertEquals(List.of("C3", "C4"), full.channelLabels());
            assertEquals(outlet.info().uid(), full.uid());
        }
    }

    @Test
    @Timeout(30)
    void lanScopeCodePathResolvesWithALoopbackOnlyAddressList() throws Exception {
        // LAN scope binds the responder to the wildcard address; the address list is loopback
        // only, so nothing is joined and nothing leaves the machine
        LslConfig base = LslTestPorts.config();
        LslConfig lan = new LslConfig(LslConfig.Scope.LAN, base.multicastPort(), base.basePort(), base.portRange(),
                true, base.sessionId(), java.util.List.of(), java.util.List.of("127.0.0.1"), true);
        assertTrue(LslResolver.targets(lan).stream().allMatch(a -> a.getAddress().isLoopbackAddress()));
        try (LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("LanPath", "EEG", 1, 10, ChannelFormat.FLOAT32, "lan"), lan)) {
            List<LslStreamInfo> found = LslResolver.resolve("name='LanPath'", 1, LslTestPorts.RESOLVE_TIMEOUT, lan);
            assertEquals(1, found.size());
            assertEquals(outlet.info().uid(), found.get(0).uid());
        }
    }

    @Test
    @Timeout(30)
    void continuousResolverSeesStreamsComeAndGo() throws Exception {
        LslConfig config = LslTestPorts.config();
        try (LslContinuousResolver resolver = new LslContinuousResolver("starts-with(name,'Cont')", Duration.ofSeconds(2), config)) {
            LslOutlet outlet = LslOutlet.open(LslStreamInfo.create("Cont1", "EEG", 1, 10, ChannelFormat.FLOAT32, "c1"), config);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (resolver.results().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals(Set.of("Cont1"), names(resolver.results()));
            outlet.close();
            deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (!resolver.results().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(resolver.results().isEmpty(), "forgotten after the outlet closed");
        }
    }
}
