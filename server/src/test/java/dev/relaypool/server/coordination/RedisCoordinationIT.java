package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.redis.RedisCoordination;
import dev.relaypool.server.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real Redis, with two nodes (two clients) sharing it and time passing for real. */
class RedisCoordinationIT extends CoordinationContract {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected Coordination startNode() {
        return RedisCoordination.connect(redis.url(), Clock.systemUTC());
    }

    @Override
    protected Coordination startPeer(Coordination first) {
        return RedisCoordination.connect(redis.url(), Clock.systemUTC());
    }

    @Test
    void scriptsRunAgainAfterRedisForgetsThem() {
        String key = key("forgotten");
        closeAfterTest(node().leases().tryAcquireAll(List.of(new Leases.Slot(key, 2)), TTL));

        redis.flushScripts(); // as after a restart: scripts are sent by digest, and Redis no longer knows them

        closeAfterTest(otherNode().leases().tryAcquireAll(List.of(new Leases.Slot(key, 2)), TTL));
        assertThat(node().leases().inUse(List.of(key))).containsExactly(2);
        assertThat(node().rateWindows().tryConsume(key, 1, 1, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
    }

    @Override
    public void passTime(Duration duration) {
        ContractFixture.sleep(duration);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
