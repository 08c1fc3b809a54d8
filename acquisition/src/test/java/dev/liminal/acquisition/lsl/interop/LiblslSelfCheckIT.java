package dev.liminal.acquisition.lsl.interop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the interop harness on liblsl alone: the C outlet peer publishes, the C inlet peer
 * receives, both through liblsl's C API over 127.0.0.1, and {@link InteropCase} checks values,
 * stamps, uid, session and time correction. If this fails, an {@code LslInteropIT} failure says
 * nothing about Liminal. Needs {@code LIMINAL_LIBLSL} (see {@link Liblsl}); skips without it, also in
 * CI, where liblsl is not built.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiblslSelfCheckIT {
    /** Enough samples for several chunks and long strings (every 50th), few enough for a 1 s run. */
    private static final int SAMPLES = 1000;
    private static final int CHANNELS = 8;
    private static final double RATE_HZ = 1000;
    private static final int CHUNK = 32;
    private static final Path LOGS = LiblslPeers.TARGET.resolve("logs");

    @TempDir
    Path configDirectory;
    private Liblsl liblsl;
    private LoopbackLslConfig config;

    @BeforeEach
    void locateLiblsl() throws IOException {
        liblsl = Liblsl.require();
        config = LoopbackLslConfig.write(configDirectory);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32", "double64", "string", "int32", "int16", "int8", "int64"})
    void liblslInletReceivesEveryValueAndStampOfLiblslOutlet(String format) throws Exception {
        StreamSpec spec = StreamSpec.of("selfcheck", format, CHANNELS, RATE_HZ, SAMPLES, CHUNK, false);
        InteropCase.Outcome o = InteropCase.run(LiblslPeers.outlet(liblsl), LiblslPeers.inlet(liblsl), spec,
                InletPeer.Settings.RAW, config, LOGS);
        InteropCase.assertDelivered(spec, InletPeer.Settings.RAW, config, o);
    }

    @Test
    void deducedStampsAreRebuiltFromOneStampPerChunk() throws Exception {
        StreamSpec spec = StreamSpec.of("selfcheck-deduced", "float32", CHANNELS, RATE_HZ, SAMPLES, CHUNK, true);
        InteropCase.Outcome o = InteropCase.run(LiblslPeers.outlet(liblsl), LiblslPeers.inlet(liblsl), spec,
                InletPeer.Settings.RAW, config, LOGS);
        InteropCase.assertDelivered(spec, InletPeer.Settings.RAW, config, o);
        assertTrue(o.inlet().nonlinearTimestamps() > 0,
                "deduced stamps are sums of 1/rate and cannot all equal t0 + i dt exactly; all did: " + o.inlet());
    }

    @Test
    void clockSyncAndDejitterKeepStampsOnTheOutletLine() throws Exception {
        InletPeer.Settings settings = new InletPeer.Settings(true, true, true);
        StreamSpec spec = StreamSpec.of("selfcheck-sync", "double64", CHANNELS, RATE_HZ, SAMPLES, CHUNK, false);
        InteropCase.Outcome o = InteropCase.run(LiblslPeers.outlet(liblsl), LiblslPeers.inlet(liblsl), spec,
                settings, config, LOGS);
        InteropCase.assertDelivered(spec, settings, config, o);
    }

    @Test
    void inletPeerReportsAStreamOfAnotherShapeAsMismatch() throws Exception {
        StreamSpec spec = StreamSpec.of("selfcheck-shape", "int16", CHANNELS, RATE_HZ, SAMPLES, CHUNK, false);
        try (OutletPeer.Running outlet = LiblslPeers.outlet(liblsl).start(spec, config, LOGS)) {
            PeerReport r = LiblslPeers.runInlet(liblsl, List.of(), spec, InletPeer.Settings.RAW, config, LOGS,
                    InteropCase.RECEIVE_TIMEOUT, CHANNELS + 1);
            assertEquals("mismatch", r.value("done", "status"), r.text());
            assertEquals(CHANNELS, r.longValue("resolved", "channels"), r.text());
        }
    }
}
