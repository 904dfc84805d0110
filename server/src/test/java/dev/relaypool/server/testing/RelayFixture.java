package dev.relaypool.server.testing;

import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.accounts.NewAccount;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.keys.NewKey;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running relay for integration tests: the real server on port 0 against this class's PostgreSQL database (see
 * {@link PostgresExtension}) and a fake upstream, with helpers that seed users, groups, keys and accounts the way
 * the admin would. Close it after the test (or the class).
 */
public final class RelayFixture implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public final FakeUpstream upstream;
    public final RelaypoolServer server;
    private final PostgresExtension postgres;
    private final Path dataDir;

    /** The configuration the server runs with, for tests that build a second "node" beside it. */
    public final RelaypoolConfig config;

    private RelayFixture(PostgresExtension postgres, FakeUpstream upstream, RelaypoolServer server, RelaypoolConfig config,
                         Path dataDir) {
        this.config = config;
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.upstream = upstream;
        this.server = server;
    }

    public static RelayFixture start(PostgresExtension postgres) {
        return start(postgres, Map.of());
    }

    /** {@code environment}: extra {@code RELAYPOOL_*} settings (e.g. timeouts) on top of the test defaults. */
    public static RelayFixture start(PostgresExtension postgres, Map<String, String> environment) {
        return start(postgres, baseUrl -> environment);
    }

    /** {@code environment} from the fake upstream's base URL, for settings that point at it (e.g. OAuth token URLs). */
    public static RelayFixture start(PostgresExtension postgres,
                                     java.util.function.Function<String, Map<String, String>> environment) {
        FakeUpstream upstream = FakeUpstream.start(0);
        try {
            Path dataDir = Files.createTempDirectory("relaypool-it");
            Map<String, String> env = environment(dataDir);
            env.putAll(environment.apply(upstream.baseUrl()));
            RelaypoolConfig config = postgres.configure(ConfigLoader.load(null, env));
            return new RelayFixture(postgres, upstream, RelaypoolServer.start(config), config, dataDir);
        } catch (Exception e) {
            upstream.close();
            throw new IllegalStateException("could not start the relay for the test", e);
        }
    }

    /** The test settings: loopback, port 0, {@code dataDir}, allowed to reach a fake upstream on loopback over HTTP. */
    public static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("RELAYPOOL_DATA_DIR", dataDir.toString());
        env.put("RELAYPOOL_SERVER_HOST", "127.0.0.1");
        env.put("RELAYPOOL_SERVER_PORT", "0");
        env.put("RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "2");
        env.put("RELAYPOOL_DATABASE_POOL_SIZE", "4");
        env.put("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true");
        env.put("RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "true");
        return env;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public long user(BigDecimal balance) {
        return postgres.dsl().insertInto(USERS)
                .set(USERS.EMAIL, "member" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.test")
                .set(USERS.PASSWORD_HASH, "unused")
                .set(USERS.BALANCE, balance)
                .returning(USERS.ID).fetchOne().getId();
    }

    public long group(Platform platform) {
        return postgres.dsl().insertInto(GROUPS)
                .set(GROUPS.NAME, platform.wireName() + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime())
                .set(GROUPS.PLATFORM, platform.wireName())
                .returning(GROUPS.ID).fetchOne().getId();
    }

    /** A member key in {@code groupId}, returned in full as a client would present it. */
    public String key(long userId, long groupId) {
        String key = server.parts().keys().create(NewKey.named(userId, groupId, "test key")).key();
        server.parts().keys().invalidateAll();
        return key;
    }

    /** An API-key account on the fake upstream, linked to the group; returns its id. */
    public long account(long groupId, Platform platform, String upstreamKey, int priority) {
        long id = server.parts().accounts().create(NewAccount.apiKey("acc-" + upstreamKey, platform, upstreamKey,
                Optional.of(upstream.baseUrl())));
        server.parts().accounts().linkToGroup(id, groupId, priority);
        return id;
    }

    /** A member of a fresh group on {@code platform} with one account: returns the member's key. */
    public Member member(Platform platform) {
        long user = user(new BigDecimal("10"));
        long group = group(platform);
        long account = account(group, platform, "sk-upstream-" + SEQUENCE.incrementAndGet(), 10);
        return new Member(user, group, account, key(user, group));
    }

    public record Member(long userId, long groupId, long accountId, String key) {}

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            upstream.close();
            org.apache.commons.io.FileUtils.deleteQuietly(dataDir.toFile());
        }
    }
}
