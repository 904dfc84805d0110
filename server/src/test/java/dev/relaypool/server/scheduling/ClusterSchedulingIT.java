package dev.relaypool.server.scheduling;

import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.keys.NewKey;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two relay nodes in one JVM on one PostgreSQL database and one Redis: they schedule as one pool. */
class ClusterSchedulingIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final java.util.concurrent.Executor VIRTUAL = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private static FakeUpstream upstream;
    private static final List<RelaypoolServer> nodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = FakeUpstream.start(0);
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = dev.relaypool.server.testing.RelayFixture.environment(
                    Files.createTempDirectory("relaypool-node" + i));
            env.put("RELAYPOOL_SECURITY_MASTER_KEY", MASTER_KEY); // both nodes read the same encrypted credentials
            env.put("RELAYPOOL_REDIS_URL", redis.url().toString());
            env.put("RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "200");
            env.put("RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0");
            nodes.add(RelaypoolServer.start(postgres.configure(ConfigLoader.load(null, env))));
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(RelaypoolServer::close);
        upstream.close();
    }

    private static String url(int node) {
        return "http://127.0.0.1:" + nodes.get(node).port();
    }

    private record Pool(String key, List<Long> accounts, List<String> credentials) {}

    /** A member and {@code count} Anthropic accounts of equal priority with {@code limit} slots, seen by both nodes. */
    private static Pool pool(int count, int limit, int... priorities) {
        int n = SEQUENCE.incrementAndGet();
        long user = postgres.dsl().insertInto(USERS).set(USERS.EMAIL, "cluster" + n + "-" + System.nanoTime() + "@example.test")
                .set(USERS.PASSWORD_HASH, "unused").set(USERS.BALANCE, new BigDecimal("10")).returning(USERS.ID).fetchOne().getId();
        long group = postgres.dsl().insertInto(GROUPS).set(GROUPS.NAME, "cluster-" + n + "-" + System.nanoTime())
                .set(GROUPS.PLATFORM, "anthropic").returning(GROUPS.ID).fetchOne().getId();
        List<Long> accounts = new ArrayList<>();
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String credential = "sk-cluster-" + n + "-" + i;
            credentials.add(credential);
            accounts.add(PoolClient.account(nodes.getFirst(), upstream.baseUrl(), group, Platform.ANTHROPIC, credential,
                    priorities.length > i ? priorities[i] : 10, limit, Map.of()));
        }
        String key = nodes.getFirst().parts().keys().create(NewKey.named(user, group, "k")).key();
        nodes.forEach(node -> node.parts().accounts().reload()); // what an accounts-changed broadcast would do
        return new Pool(key, accounts, credentials);
    }

    private static PoolClient.Answer send(int node, Pool pool, boolean stream, Map<String, String> headers) throws Exception {
        return PoolClient.send(PoolClient.request(url(node), Platform.ANTHROPIC, pool.key(), stream, headers));
    }

    private static int inUse(int node, long account) {
        return nodes.get(node).parts().coordination().leases().inUse(PoolSelector.leaseKey(account));
    }

    @Test
    void anAccountsConcurrencyLimitHoldsAcrossNodes() throws Exception {
        Pool pool = pool(1, 2);
        long account = pool.accounts().getFirst();
        upstream.forCredential(pool.credentials().getFirst(), Behaviour.paced(Duration.ofMillis(200)));
        List<CompletableFuture<PoolClient.Answer>> streams = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            int n = node;
            streams.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return send(n, pool, true, Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, VIRTUAL)); // the common pool may have a single thread on a small machine
        }
        SchedulingIT.awaitTrue(() -> inUse(1, account) == 2);

        assertThat(send(0, pool, false, Map.of()).status()).isEqualTo(429);
        assertThat(send(1, pool, false, Map.of()).status()).isEqualTo(429);
        for (CompletableFuture<PoolClient.Answer> stream : streams) {
            assertThat(stream.get().status()).isEqualTo(200);
        }
        SchedulingIT.awaitTrue(() -> inUse(0, account) == 0 && inUse(1, account) == 0);
    }

    @Test
    void aSessionStaysOnItsAccountWhicheverNodeServesIt() throws Exception {
        Pool pool = pool(2, 5, 1, 2);
        long better = pool.accounts().getFirst();
        Map<String, String> session = Map.of("x-claude-code-session-id", "0c4b2d6e-aaaa-4bbb-8ccc-dddd00000001");
        nodes.getFirst().parts().coordination().cooldowns().coolDown(better, Instant.now().plus(1, ChronoUnit.HOURS), "test");
        assertThat(send(0, pool, false, session).status()).isEqualTo(200);
        assertThat(upstream.lastRequest().credential()).isEqualTo(pool.credentials().get(1));
        nodes.getFirst().parts().scheduling().clearCooldown(better);
        Thread.sleep(200); // the clear reaches node 2's cooldown cache

        for (int i = 0; i < 4; i++) {
            assertThat(send(i % 2 == 0 ? 1 : 0, pool, false, session).status()).isEqualTo(200);
            assertThat(upstream.lastRequest().credential()).as("request %d", i).isEqualTo(pool.credentials().get(1));
        }
        assertThat(send(1, pool, false, Map.of()).status()).isEqualTo(200);
        assertThat(upstream.lastRequest().credential()).as("without a session: priority").isEqualTo(pool.credentials().getFirst());
    }

    @Test
    void aCooldownSetOnOneNodeIsSeenByTheOtherWithinASecond() throws Exception {
        Pool pool = pool(2, 5, 1, 2);
        long better = pool.accounts().getFirst();
        upstream.forCredential(pool.credentials().getFirst(), Behaviour.rateLimited(Duration.ofMinutes(5)));
        assertThat(send(0, pool, false, Map.of()).status()).isEqualTo(200);
        Instant cooled = Instant.now();
        upstream.forCredential(pool.credentials().getFirst(), Behaviour.answer());

        while (nodes.get(1).parts().coordination().cooldowns().get(better).isEmpty()
                && Duration.between(cooled, Instant.now()).toMillis() < 1000) {
            Thread.sleep(10);
        }
        assertThat(nodes.get(1).parts().coordination().cooldowns().get(better)).isPresent();
        assertThat(send(1, pool, false, Map.of()).status()).isEqualTo(200);
        assertThat(upstream.lastRequest().credential()).isEqualTo(pool.credentials().get(1));
    }
}
