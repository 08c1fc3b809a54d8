package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LslConfigTest {

    @Test
    void defaultsAreLocalScopeWithLiblslPorts() {
        LslConfig c = LslConfig.defaults();
        assertEquals(LslConfig.Scope.LOCAL, c.scope());
        assertEquals(16571, c.multicastPort());
        assertEquals(16572, c.basePort());
        assertEquals(32, c.portRange());
        assertEquals("default", c.sessionId());
        assertTrue(c.knownPeers().isEmpty());
    }

    @Test
    void readsPortsSessionPeersAndScope() throws IOException {
        String ini = """
                ; lab setup
                [ports]
                BasePort = 17000
                PortRange = 8
                AllowRandomPorts = true
                [lab]
                SessionID = lab7
                KnownPeers = {127.0.0.1, localhost}
                [multicast]
                ResolveScope = site
                """;
        LslConfig c = LslConfig.parse(ini, "lsl_api.cfg");
        assertEquals(17000, c.basePort());
        assertEquals(8, c.portRange());
        assertFalse(c.allowRandomPorts(), "only the text 1 is true");
        assertEquals("lab7", c.sessionId());
        assertEquals(List.of("127.0.0.1", "localhost"), c.knownPeers());
        assertEquals(LslConfig.Scope.LAN, c.scope());
    }

    @Test
    void setWithoutBracesIsEmptyAsInLiblsl() throws IOException {
        LslConfig c = LslConfig.parse("[lab]\nKnownPeers = 127.0.0.1\n", "cfg");
        assertTrue(c.knownPeers().isEmpty());
        assertEquals(LslConfig.Scope.LOCAL, c.scope());
    }

    @Test
    void duplicateKeyAndBadNumberAreErrorsNamingTheFile() {
        IOException dup = assertThrows(IOException.class, () -> LslConfig.parse("[lab]\nSessionID=a\nSessionID=b\n", "x.cfg"));
        assertTrue(dup.getMessage().startsWith("x.cfg: line 3: duplicate key lab.SessionID"), dup.getMessage());
        IOException bad = assertThrows(IOException.class, () -> LslConfig.parse("[ports]\nBasePort=abc\n", "x.cfg"));
        assertTrue(bad.getMessage().contains("ports.BasePort 'abc' is not an integer"), bad.getMessage());
    }

    @Test
    void localScopeSendsQueriesToLoopbackOnly() {
        LslConfig c = LslTestPorts.config();
        assertTrue(LslResolver.targets(c).stream().allMatch(a -> a.getAddress().isLoopbackAddress()));
        assertEquals(1 + c.portRange(), LslResolver.targets(c).size());
    }
}
