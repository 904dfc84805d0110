package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Response;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hundreds of concurrent streams through the relay while a third of the clients hang up mid-stream and a third of
 * the upstream answers break: afterwards no account slot is held, on either coordination implementation.
 */
class LeaseLeakIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final int REQUESTS = 300;
    private static final int ACCOUNTS = 6;

    @ParameterizedTest(name = "redis={0}")
    @ValueSource(booleans = {false, true})
    void noSlotIsLeftHeldAfterAStormOfStreamsHangUpsAndFaults(boolean useRedis) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "10000");
        env.put("RELAYPOOL_SCHEDULING_MAX_WAITERS", "1000");
        env.put("RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0");
        env.put("RELAYPOOL_GATEWAY_STREAM_IDLE_TIMEOUT_MS", "1000");
        env.put("RELAYPOOL_DATABASE_POOL_SIZE", "8");
        // both runs share this class's database, so they must read each other's encrypted credentials
        env.put("RELAYPOOL_SECURITY_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        if (useRedis) {
            env.put("RELAYPOOL_REDIS_URL", redis.url().toString());
        }
        try (RelayFixture relay = RelayFixture.start(postgres, env)) {
            long user = relay.user(new BigDecimal("1000"));
            long group = relay.group(Platform.ANTHROPIC);
            List<Long> accounts = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(PoolClient.account(relay.server, relay.upstream.baseUrl(), group, Platform.ANTHROPIC,
                        "sk-storm-" + useRedis + "-" + i, 1 + i % 2, 25, Map.of()));
            }
            String key = relay.key(user, group);
            // limits on the member and the key too, so that their leases are taken (and must come back) as well
            long keyId = postgres.dsl().select(dev.relaypool.server.storage.schema.Tables.API_KEYS.ID)
                    .from(dev.relaypool.server.storage.schema.Tables.API_KEYS)
                    .where(dev.relaypool.server.storage.schema.Tables.API_KEYS.USER_ID.eq(user)).fetchSingle().value1();
            postgres.dsl().update(dev.relaypool.server.storage.schema.Tables.USERS)
                    .set(dev.relaypool.server.storage.schema.Tables.USERS.CONCURRENCY_LIMIT, 1000)
                    .where(dev.relaypool.server.storage.schema.Tables.USERS.ID.eq(user)).execute();
            postgres.dsl().update(dev.relaypool.server.storage.schema.Tables.API_KEYS)
                    .set(dev.relaypool.server.storage.schema.Tables.API_KEYS.CONCURRENCY_LIMIT, 1000)
                    .where(dev.relaypool.server.storage.schema.Tables.API_KEYS.ID.eq(keyId)).execute();
            relay.server.parts().keys().invalidateAll();
            relay.upstream.setPacing(Duration.ofMillis(30));
            relay.upstream.setRecordLimit(0);
            List<Behaviour> faults = new ArrayList<>();
            for (int i = 0; i < REQUESTS / 3; i++) {
                faults.add(switch (i % 5) {
                    case 0 -> Behaviour.cutAfter(2);
                    case 1 -> Behaviour.stallAfter(2);
                    case 2 -> Behaviour.malformedAfter(1);
                    case 3 -> Behaviour.noTerminalEvent();
                    default -> i < 10 ? Behaviour.serverError() : Behaviour.cutAfter(3); // a few fail over
                });
            }
            relay.upstream.enqueue(faults.toArray(Behaviour[]::new));

            List<Future<Integer>> outcomes = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < REQUESTS; i++) {
                    boolean hangUp = i % 3 == 0;
                    outcomes.add(clients.submit(() -> client(relay, key, hangUp)));
                }
                SchedulingIT.awaitTrue(() -> relay.server.parts().coordination().leases()
                        .inUse("limits:conc:user:" + user) > 0); // the member's slots are really taken
                clients.shutdown();
                assertThat(clients.awaitTermination(45, TimeUnit.SECONDS)).as("every client finished").isTrue();
            }
            long answered = outcomes.stream().filter(f -> f.resultNow() == 200).count();
            // the point is what is left held afterwards; on a loaded machine timeouts take their share of the answers
            assertThat(answered).as("the storm served streams to the end").isGreaterThan(REQUESTS / 10);

            SchedulingIT.awaitTrue(() -> accounts.stream().allMatch(id ->
                    relay.server.parts().coordination().leases().inUse(PoolSelector.leaseKey(id)) == 0));
            var leases = relay.server.parts().coordination().leases();
            SchedulingIT.awaitTrue(() -> leases.inUse("limits:conc:user:" + user) == 0
                    && leases.inUse("limits:conc:key:" + keyId) == 0);
            SchedulingIT.awaitTrue(() -> relay.server.parts().renewer().held() == 0);
            for (long id : accounts) {
                assertThat(relay.server.parts().coordination().leases().waiting(PoolSelector.leaseKey(id))).isZero();
            }
        }
    }

    /** One client: reads its stream to the end, or hangs up after the first bytes. Returns the status. */
    private static int client(RelayFixture relay, String key, boolean hangUp) throws IOException {
        Call call = PoolClient.HTTP.newCall(PoolClient.request(relay.baseUrl(), Platform.ANTHROPIC, key, true, Map.of()));
        try (Response response = call.execute()) {
            if (hangUp && response.code() == 200) {
                response.body().source().request(1);
                call.cancel();
                return 499;
            }
            try {
                response.body().string();
            } catch (IOException e) {
                return 502; // the stream broke as injected
            }
            return response.code();
        }
    }
}
