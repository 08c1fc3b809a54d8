package dev.liminal.app;

import dev.liminal.acquisition.lsl.LslConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The LSL options shared by {@code streams}, {@code record} and {@code replay}: which
 * lsl_api.cfg-style file to read and the discovery scope. By default Liminal discovers and
 * serves on this machine only (ARCHITECTURE.md, "LSL"). A picocli mixin; confined to the main
 * thread.
 */
final class LslCliOptions {
    /** Discovery scopes as typed on the command line. */
    enum ScopeOption { local, lan }

    @Option(names = "--lsl-config", paramLabel = "FILE",
            description = "lsl_api.cfg-style file (ports, SessionID, KnownPeers, ResolveScope); "
                    + "default: the file named by $" + LslConfig.CONFIG_ENV + ", else liblsl's defaults.")
    Path configFile;

    @Option(names = "--lsl-scope", paramLabel = "SCOPE",
            description = "local (this machine only, the default) or lan (also multicast/broadcast on the LAN).")
    ScopeOption scope;

    /** The configuration these options select. */
    LslConfig config() throws IOException {
        LslConfig c = configFile != null ? LslConfig.fromFile(configFile) : LslConfig.load();
        if (scope != null) c = c.withScope(scope == ScopeOption.lan ? LslConfig.Scope.LAN : LslConfig.Scope.LOCAL);
        return c;
    }
}
