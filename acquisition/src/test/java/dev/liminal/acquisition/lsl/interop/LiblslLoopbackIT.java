package dev.liminal.acquisition.lsl.interop;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loopback promise, checked on the wire calls themselves: a liblsl outlet and inlet run under
 * {@code strace -e trace=network} with the harness's {@link LoopbackLslConfig}, and every address
 * they send to or connect to must be 127.0.0.1, with no multicast group joined. By default liblsl
 * would also query 224.0.0.1, 224.0.0.183, 239.255.172.215, 255.255.255.255 and two IPv6 groups
 * (LSL-PROTOCOL.md section 2), so a configuration key that liblsl ignored would show here. Needs
 * {@code LIMINAL_LIBLSL} and strace (skips without either). If the test is killed while a peer
 * runs, strace detaches and the peer ends on its own bounded waits (at most about a minute).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiblslLoopbackIT {
    private static final Pattern IPV4 = Pattern.compile("inet_addr\\(\"([0-9.]+)\"\\)");
    private static final Pattern IPV6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final Pattern SEND_OR_CONNECT = Pattern.compile("\\b(sendto|sendmsg|sendmmsg|connect)\\(");
    private static final Pattern JOIN = Pattern.compile("IP_ADD_MEMBERSHIP|IPV6_ADD_MEMBERSHIP|IPV6_JOIN_GROUP|MCAST_JOIN");

    @TempDir
    Path configDirectory;

    @Test
    void liblslPeersSendOnlyToLoopback() throws Exception {
        Liblsl liblsl = Liblsl.require();
        Assumptions.assumeTrue(straceWorks(), "strace is not installed or cannot trace here");
        LoopbackLslConfig config = LoopbackLslConfig.write(configDirectory);
        Path traceDirectory = LiblslPeers.TARGET.resolve("strace-" + config.sessionId());
        Files.createDirectories(traceDirectory);
        List<String> strace = List.of("strace", "-f", "-ff", "-qq", "-e", "trace=network",
                "-o", traceDirectory.resolve("trace").toAbsolutePath().toString());
        StreamSpec spec = StreamSpec.of("loopback", "float32", 4, 100, 100, 10, false);
        InteropCase.Outcome o = InteropCase.run(LiblslPeers.outlet(liblsl, strace), LiblslPeers.inlet(liblsl, strace),
                spec, InletPeer.Settings.RAW, config, LiblslPeers.TARGET.resolve("logs"));
        InteropCase.assertDelivered(spec, InletPeer.Settings.RAW, config, o);

        Set<String> destinations = new TreeSet<>();
        List<String> joins = new ArrayList<>();
        try (Stream<Path> files = Files.list(traceDirectory)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (JOIN.matcher(line).find()) joins.add(line);
                    if (!SEND_OR_CONNECT.matcher(line).find()) continue;
                    for (Pattern p : List.of(IPV4, IPV6)) {
                        Matcher m = p.matcher(line);
                        while (m.find()) destinations.add(m.group(1));
                    }
                }
            }
        }
        assertFalse(destinations.isEmpty(), "strace saw no addressed send or connect in " + traceDirectory);
        assertEquals(Set.of("127.0.0.1"), destinations, "addresses sent to or connected to (traces in " + traceDirectory + ")");
        assertTrue(joins.isEmpty(), "multicast joins: " + joins);
    }

    private static boolean straceWorks() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("strace", "-qq", "-e", "trace=none", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
