package dev.relaypool.server.coordination;

import dev.relaypool.server.coordination.redis.RedisCoordination;
import dev.relaypool.server.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
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

    @Override
    public void passTime(Duration duration) {
        ContractFixture.sleep(duration);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
