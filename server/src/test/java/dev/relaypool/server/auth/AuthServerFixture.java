package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.users.PasswordHasher;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the real server on a free loopback port against the test class's database, trusting loopback as a proxy. */
final class AuthServerFixture {
    private static final PasswordHasher HASHER = new PasswordHasher();

    private AuthServerFixture() {}

    static RelaypoolServer start(PostgresExtension postgres, Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "RELAYPOOL_DATA_DIR", dataDir.toString(),
                "RELAYPOOL_SERVER_HOST", "127.0.0.1",
                "RELAYPOOL_SERVER_PORT", "0",
                "RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "1",
                "RELAYPOOL_SERVER_TRUSTED_PROXIES", "127.0.0.1",
                "RELAYPOOL_DATABASE_POOL_SIZE", "4"));
        env.putAll(extra);
        return RelaypoolServer.start(postgres.configure(ConfigLoader.load(null, env)));
    }

    static long createUser(PostgresExtension postgres, String email, String password, String role) {
        return postgres.dsl().insertInto(USERS)
                .set(USERS.EMAIL, email)
                .set(USERS.PASSWORD_HASH, HASHER.hash(password))
                .set(USERS.ROLE, role)
                .returning(USERS.ID)
                .fetchSingle(USERS.ID);
    }
}
