package dev.relaypool.server.coordination;

import static dev.relaypool.server.coordination.ContractFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.coordination.redis.RedisCoordination;
import dev.relaypool.server.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A configured Redis is used, its outage shows in {@link Coordination#ping()}, and the nodes recover with it. */
class RedisOutageIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void pingReportsAnOutageAndNodesRecoverWhenRedisIsBack() {
        var config = ConfigLoader.load(null, Map.of("RELAYPOOL_REDIS_URL", redis.url().toString()));
        try (Coordination node = Coordination.create(config, Clock.systemUTC());
             Coordination otherNode = Coordination.create(config, Clock.systemUTC())) {
            assertThat(node).isInstanceOf(RedisCoordination.class);
            assertThat(node.ping()).isTrue();

            redis.stop();
            long asked = System.nanoTime();
            assertThat(node.ping()).as("ping during the outage").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(3));

            redis.start();
            assertThat(eventually(Duration.ofSeconds(20), node::ping)).as("ping after the restart").isTrue();
            assertThat(eventually(Duration.ofSeconds(20), () -> otherNode.ping())).isTrue();

            // The restarted Redis is empty; shared state works again and cooldown messages flow again.
            assertThat(node.leases().tryAcquire("outage", 1, Duration.ofSeconds(5))).isPresent();
            assertThat(otherNode.leases().tryAcquire("outage", 1, Duration.ofSeconds(5))).isEmpty();
            assertThat(eventually(Duration.ofSeconds(10), () -> {
                otherNode.cooldowns().coolDown(42, Clock.systemUTC().instant().plusSeconds(60), "after outage");
                return node.cooldowns().get(42).isPresent();
            })).as("cooldown seen on the other node after the restart").isTrue();
        }
    }

    @Test
    void withoutARedisUrlCoordinationStaysInProcess() {
        var config = ConfigLoader.load(null, Map.of());
        try (Coordination coordination = Coordination.create(config, Clock.systemUTC())) {
            assertThat(coordination).isNotInstanceOf(RedisCoordination.class);
            assertThat(coordination.ping()).isTrue();
        }
    }
}
