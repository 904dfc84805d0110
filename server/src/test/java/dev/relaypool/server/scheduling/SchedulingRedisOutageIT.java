package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.Selection;
import dev.relaypool.server.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops between a request's admission and the choice of its account: the choice is a retryable 503 (never an
 * internal error), no slot is left taken, a session binding or cooldown that cannot be stored does not fail the
 * request it belongs to, and choosing works again by itself once Redis is back.
 */
class SchedulingRedisOutageIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void choosingRefusesWithARetryable503WhileRedisIsDownAndRecoversWithNoSlotTaken() {
        var config = ConfigLoader.load(null, Map.of("RELAYPOOL_REDIS_URL", redis.url().toString()));
        try (Pool pool = new Pool(clock -> Coordination.create(config, Clock.systemUTC()), Duration.ofMillis(200), 10)) {
            PooledAccount account = pool.add(1, 10, 2);
            Selection.Chosen bound = chosen(pool.selector.select(Pool.KEY, "m", Optional.of("session-a"), Set.of()));
            pool.selector.onSuccess(Pool.KEY, Optional.of("session-a"), bound.account());
            bound.lease().release();

            redis.stop();
            try {
                for (Optional<String> session : List.of(Optional.of("session-a"), Optional.<String>empty())) {
                    Selection refused = pool.selector.select(Pool.KEY, "m", session, Set.of());
                    assertThat(refused).as("choice for session %s during the outage", session)
                            .isEqualTo(new Selection.NoneAvailable(GatewayError.SCHEDULING_UNAVAILABLE, Duration.ofSeconds(5)));
                }
                assertThat(GatewayError.SCHEDULING_UNAVAILABLE.status()).isEqualTo(503);
                assertThat(GatewayError.SCHEDULING_UNAVAILABLE.retryable()).isTrue();
                assertThat(pool.renewer.held()).as("leases held by the renewer").isZero();
                // hints for later requests: lost, but the answer they belong to goes on
                assertThatCode(() -> pool.selector.onSuccess(Pool.KEY, Optional.of("session-b"), account.upstream()))
                        .doesNotThrowAnyException();
                assertThatCode(() -> pool.selector.onFailure(account.upstream(), FailureClass.SERVER_ERROR, Optional.empty()))
                        .doesNotThrowAnyException();
            } finally {
                redis.start();
            }

            Selection after = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                after = pool.selector.select(Pool.KEY, "m", Optional.of("session-a"), Set.of());
                if (after instanceof Selection.Chosen) {
                    break;
                }
                sleep(200);
            }
            Selection.Chosen again = chosen(after);
            assertThat(again.account().id()).isEqualTo(1);
            assertThat(pool.coordination.leases().inUse(PoolSelector.leaseKey(1))).as("slots in use while chosen").isOne();
            again.lease().release();
            assertThat(pool.coordination.leases().inUse(PoolSelector.leaseKey(1))).as("slots in use after release").isZero();
        }
    }

    private static Selection.Chosen chosen(Selection selection) {
        assertThat(selection).isInstanceOf(Selection.Chosen.class);
        return (Selection.Chosen) selection;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
