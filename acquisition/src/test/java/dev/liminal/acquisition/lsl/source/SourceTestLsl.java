package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.LslConfig;
import dev.liminal.acquisition.lsl.LslInletOptions;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * LSL settings of the source and publisher tests: LOCAL scope on a private port range (apart
 * from liblsl's defaults and the lsl package's tests, 27571..) and one session per test JVM.
 */
public final class SourceTestLsl {
    public static final int MULTICAST_PORT = 29571;
    public static final int BASE_PORT = 29572;
    public static final int PORT_RANGE = 32;
    public static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(5);
    public static final String SESSION_ID = "liminal-p1-test-" + ProcessHandle.current().pid();

    private SourceTestLsl() {}

    public static LslConfig config() {
        return LslConfig.defaults().withPorts(MULTICAST_PORT, BASE_PORT, PORT_RANGE).withSessionId(SESSION_ID);
    }

    public static LslInletOptions options() {
        return LslInletOptions.defaults(config());
    }

    /** The stream named {@code name} (exactly one expected). */
    public static LslStreamInfo resolve(String name) throws IOException {
        List<LslStreamInfo> found = LslResolver.resolve("name='" + name + "'", 1, RESOLVE_TIMEOUT, config());
        if (found.size() != 1) throw new AssertionError("expected one stream '" + name + "', found " + found);
        return found.get(0);
    }
}
