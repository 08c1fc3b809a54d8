package dev.liminal.acquisition.lsl.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A machine-only {@code lsl_api.cfg} for one test run, handed to liblsl peers through the
 * {@code LSLAPICFG} environment variable (which liblsl reads before any other configuration file)
 * and to Liminal through {@code LslConfig.fromFile}. Keys as liblsl 1.17.7 reads them
 * ({@code src/api_config.cpp}; LSL-PROTOCOL.md section 2):
 * <ul>
 *   <li>{@code ResolveScope = machine}: resolve queries go to 127.0.0.1 only, multicast TTL 0;</li>
 *   <li>{@code ListenAddress = 127.0.0.1}: the 16571 responders bind loopback, not the wildcard;</li>
 *   <li>{@code Interfaces = {127.0.0.1}}: multicast sending is pinned to the loopback interface
 *       instead of every interface liblsl enumerates;</li>
 *   <li>{@code IPv6 = disable}: no v6 sockets (Liminal speaks IPv4; LSL-PROTOCOL.md section 9);</li>
 *   <li>{@code KnownPeers = {127.0.0.1}}: resolvers also sweep the service ports 16572-16603 on
 *       loopback, because a unicast query to 127.0.0.1:16571 reaches only one of several outlets
 *       (section 4.4);</li>
 *   <li>a {@code SessionID} unique to the run, so streams of other people's tests on this machine
 *       never match (every liblsl query starts with {@code session_id='...'}).</li>
 * </ul>
 * Checked with strace on liblsl 1.17.7: every sendto/connect went to 127.0.0.1, no group was
 * joined, IP_MULTICAST_IF was 127.0.0.1 with TTL 0. Immutable.
 *
 * @param file      the written configuration file
 * @param sessionId the session id in it
 */
public record LoopbackLslConfig(Path file, String sessionId) {
    /** liblsl's environment variable naming the configuration file (src/api_config.cpp). */
    public static final String LIBLSL_ENVIRONMENT_VARIABLE = "LSLAPICFG";

    /** Writes {@code lsl_api.cfg} with a fresh session id into {@code directory}. */
    public static LoopbackLslConfig write(Path directory) throws IOException {
        String session = "liminal-it-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(directory);
        Path file = directory.resolve("lsl_api.cfg");
        Files.writeString(file, text(session), StandardCharsets.US_ASCII);
        return new LoopbackLslConfig(file.toAbsolutePath(), session);
    }

    /** The configuration text for {@code sessionId}. */
    public static String text(String sessionId) {
        return """
                ; written by Liminal's interop tests: this machine only
                [ports]
                IPv6 = disable
                [multicast]
                ResolveScope = machine
                ListenAddress = 127.0.0.1
                Interfaces = {127.0.0.1}
                [lab]
                KnownPeers = {127.0.0.1}
                SessionID = %s
                """.formatted(sessionId);
    }
}
