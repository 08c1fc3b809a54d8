package dev.liminal.acquisition.lsl;

import java.time.Duration;

/**
 * Test configuration: LOCAL scope on a private port range, away from liblsl's defaults
 * (16571-16603) so tests neither see nor disturb real LSL peers on the machine.
 */
final class LslTestPorts {
    static final int MULTICAST_PORT = 27571;
    static final int BASE_PORT = 27572;
    static final int PORT_RANGE = 32;
    static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PULL_TIMEOUT = Duration.ofSeconds(2);

    private LslTestPorts() {}

    /** One session per test JVM, so two builds running at once do not see each other's streams. */
    static final String SESSION_ID = "liminal-test-" + ProcessHandle.current().pid();

    static LslConfig config() {
        return LslConfig.defaults().withPorts(MULTICAST_PORT, BASE_PORT, PORT_RANGE).withSessionId(SESSION_ID);
    }

    static LslInletOptions options() {
        return LslInletOptions.defaults(config());
    }
}
