package dev.liminal.benchmarks.lsl;

import dev.liminal.acquisition.lsl.ChannelFormat;
import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInlet;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslOutlet;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The benchmarks' loopback setup, the Java twin of {@code bench_connect} in
 * {@code lsl_bench_common.h}: a float32 outlet named after the benchmark and this process, local
 * scope (every socket on 127.0.0.1, no multicast group joined), the benchmark's own port range,
 * resolved and connected by an inlet.
 *
 * <p>Static methods only; thread-safe.
 */
final class LoopbackLsl {
    /** Responder port of the benchmarks (the tests use 27571 and 28571). */
    static final int MULTICAST_PORT = 29571;
    /** First data/service port of the benchmarks. */
    static final int BASE_PORT = 29572;
    /** Ports tried from {@link #BASE_PORT}. */
    static final int PORT_RANGE = 32;
    /** Time to find the benchmark's own stream, open the inlet and see it as a consumer (as the C programs). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private LoopbackLsl() {}

    /** Local scope, the benchmark ports and session {@code liminal-bench}. */
    static LslConfig config() {
        return LslConfig.defaults().withPorts(MULTICAST_PORT, BASE_PORT, PORT_RANGE).withSessionId("liminal-bench");
    }

    /** Stream name {@code liminal-<bench>-<pid>}. */
    static String streamName(String bench) {
        return "liminal-" + bench + "-" + ProcessHandle.current().pid();
    }

    /** Opens a float32 outlet for {@code channels} channels at {@code rateHz}. */
    static LslOutlet openOutlet(String name, int channels, double rateHz) throws IOException {
        LslStreamInfo info = LslStreamInfo.create(name, "EEG", channels, rateHz, ChannelFormat.FLOAT32, name);
        return LslOutlet.open(info, config());
    }

    /**
     * Resolves the stream called {@code name} and opens an inlet on it.
     *
     * @throws IOException when it is not found within {@link #CONNECT_TIMEOUT}
     */
    static LslInlet openInlet(String name) throws IOException {
        List<LslStreamInfo> found = LslResolver.resolve("name='" + name + "'", 1, CONNECT_TIMEOUT, config());
        if (found.isEmpty()) {
            throw new IOException("stream '" + name + "' not found on 127.0.0.1 within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        return LslInlet.open(found.get(0), LslInletOptions.defaults(config()));
    }

    /**
     * Waits until the outlet sees a consumer.
     *
     * @throws IOException when none arrives within {@link #CONNECT_TIMEOUT}
     */
    static void awaitConsumer(LslOutlet outlet) throws IOException {
        try {
            if (!outlet.waitForConsumers(CONNECT_TIMEOUT)) {
                throw new IOException("outlet '" + outlet.info().name() + "': no consumer within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("outlet '" + outlet.info().name() + "': interrupted waiting for a consumer", e);
        }
    }
}
