package dev.liminal.acquisition.lsl.interop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Liminal's pure-Java LSL against liblsl 1.16/1.17 in both directions, and against itself, over
 * 127.0.0.1: every channel format with exact values and stamps, deduced stamps, and clock sync with
 * dejitter, all checked by {@link InteropCase#assertDelivered} (uid, session, protocol 1.10, full
 * info labels, time correction of one host). The liblsl directions need {@code LIMINAL_LIBLSL}
 * (see {@link Liblsl}) and skip without it, also in CI; Liminal-to-Liminal always runs.
 * {@code LiblslSelfCheckIT} runs the same cases liblsl-to-liblsl, which proves the harness.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LslInteropIT {
    private static final int SAMPLES = 1000;
    private static final int CHANNELS = 8;
    private static final double RATE_HZ = 1000;
    private static final int CHUNK = 32;
    private static final Path LOGS = LiblslPeers.TARGET.resolve("logs");

    /** Who publishes and who receives. */
    enum Direction {
        LIBLSL_TO_LIMINAL(true, false), LIMINAL_TO_LIBLSL(false, true), LIMINAL_TO_LIMINAL(false, false);

        final boolean liblslOutlet;
        final boolean liblslInlet;

        Direction(boolean liblslOutlet, boolean liblslInlet) {
            this.liblslOutlet = liblslOutlet;
            this.liblslInlet = liblslInlet;
        }

        OutletPeer outlet() {
            return liblslOutlet ? LiblslPeers.outlet(Liblsl.require()) : LiminalPeers.outlet();
        }

        InletPeer inlet() {
            return liblslInlet ? LiblslPeers.inlet(Liblsl.require()) : LiminalPeers.inlet();
        }
    }

    @TempDir
    Path configDirectory;
    private LoopbackLslConfig config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = LoopbackLslConfig.write(configDirectory);
    }

    static Stream<Arguments> everyFormatEveryDirection() {
        return Arrays.stream(Direction.values()).flatMap(d -> Stream.of(
                "float32", "double64", "string", "int32", "int16", "int8", "int64").map(f -> Arguments.of(d, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFormatEveryDirection")
    void everyValueAndStampArrivesExactly(Direction direction, String format) throws Exception {
        check(direction, StreamSpec.of("interop", format, CHANNELS, RATE_HZ, SAMPLES, CHUNK, false), InletPeer.Settings.RAW);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void deducedStampsAreRebuiltFromOneStampPerChunk(Direction direction) throws Exception {
        check(direction, StreamSpec.of("interop-deduced", "float32", CHANNELS, RATE_HZ, SAMPLES, CHUNK, true),
                InletPeer.Settings.RAW);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void clockSyncAndDejitterKeepStampsOnTheOutletLine(Direction direction) throws Exception {
        check(direction, StreamSpec.of("interop-sync", "double64", CHANNELS, RATE_HZ, SAMPLES, CHUNK, false),
                new InletPeer.Settings(true, true, true));
    }

    private void check(Direction direction, StreamSpec spec, InletPeer.Settings settings) throws Exception {
        OutletPeer outlet = direction.outlet();
        InletPeer inlet = direction.inlet();
        InteropCase.Outcome o = InteropCase.run(outlet, inlet, spec, settings, config, LOGS);
        InteropCase.assertDelivered(spec, settings, config, o);
    }
}
