package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis (configured) stopped and started again under load: while it is down the relay refuses new requests with a
 * 503 in the caller's protocol (limits cannot be enforced, so it does not guess) and lets answers under way finish;
 * {@code /readyz} says 503; once Redis is back it serves again by itself, no slot stays taken and every answer is
 * billed once.
 */
class RedisOutageUnderLoadIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void refusesCleanlyWhileRedisIsDownAndRecoversByItselfWithNoSlotTaken() {
        try (RelayFixture relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_REDIS_URL", redis.url().toString(),
                "RELAYPOOL_SCHEDULING_LEASE_TTL_SECONDS", Long.toString(CrashRun.LEASE_TTL.toSeconds())));
             Coordination view = Coordination.create(
                     ConfigLoader.load(null, Map.of("RELAYPOOL_REDIS_URL", redis.url().toString())), Clock.systemUTC())) {
            RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
            Books.Tenant tenant = limited(relay, member);
            relay.upstream.setReply("one two three four five six seven eight", 8);
            relay.upstream.setPacing(Duration.ofMillis(100));

            List<Load.Outcome> during;
            try (Load load = Load.start(relay::baseUrl, member.key(), 3)) {
                Outages.awaitAnswers(load, 6);
                assertThat(view.leases().inUse("limits:conc:user:" + tenant.userId())).as("slots in use").isPositive();
                int before = load.soFar().size();
                redis.stop();
                try {
                    assertThat(Outages.readyDuring(relay.baseUrl(), Duration.ofSeconds(5)))
                            .as("/readyz during the outage").containsOnly(503);
                    // a refusal waits for the Redis client's retries (3 × 2 s timeouts): let some arrive
                    long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
                    while (System.nanoTime() < deadline && load.soFar().stream().skip(before).noneMatch(Load.Outcome::refused)) {
                        RelayProcess.sleep(100);
                    }
                    during = load.soFar().subList(before, load.soFar().size());
                } finally {
                    redis.start();
                }
                Outages.awaitReady(relay.baseUrl());
                Outages.awaitAnswers(load, Load.completeIds(load.soFar()).size() + 6); // serves again by itself
                Set<String> answered = Load.completeIds(load.stop());
                Books.awaitSettled(postgres.dsl(), tenant, answered, Duration.ofSeconds(30));
                Books.assertReconciled(postgres.dsl(), tenant, answered);
            }
            assertThat(during).as("refused in the Anthropic envelope while Redis was down")
                    .anyMatch(Load.Outcome::refused);
            assertThat(during).as("never a cut answer").allMatch(o -> o.complete() || o.refused());
            Outages.awaitNoLeases(view, tenant);
        }
    }

    /** Gives the member and the key concurrency limits, so that every request takes a slot in Redis. */
    private static Books.Tenant limited(RelayFixture relay, RelayFixture.Member member) {
        postgres.dsl().update(USERS).set(USERS.BALANCE, Books.START_BALANCE).set(USERS.CONCURRENCY_LIMIT, Books.CONCURRENCY)
                .where(USERS.ID.eq(member.userId())).execute();
        long keyId = postgres.dsl().update(API_KEYS).set(API_KEYS.CONCURRENCY_LIMIT, Books.CONCURRENCY)
                .where(API_KEYS.USER_ID.eq(member.userId())).returning(API_KEYS.ID).fetchSingle(API_KEYS.ID);
        relay.server.parts().keys().invalidateAll();
        return new Books.Tenant(member.userId(), keyId, member.groupId(), member.accountId(), member.key());
    }
}
