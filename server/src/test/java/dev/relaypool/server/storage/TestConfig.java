package dev.relaypool.server.storage;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations for storage tests: loopback, port 0, the given data directory, the embedded database. */
final class TestConfig {
    private TestConfig() {}

    static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("RELAYPOOL_DATA_DIR", dataDir.toString());
        env.put("RELAYPOOL_SERVER_HOST", "127.0.0.1");
        env.put("RELAYPOOL_SERVER_PORT", "0");
        env.put("RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "1");
        env.put("RELAYPOOL_DATABASE_POOL_SIZE", "3");
        return env;
    }

    static RelaypoolConfig embedded(Path dataDir) {
        return ConfigLoader.load(null, environment(dataDir));
    }
}
