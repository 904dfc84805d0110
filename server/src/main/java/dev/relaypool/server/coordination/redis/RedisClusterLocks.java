package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.ClusterLocks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks as {@code SET relaypool:lock:<name> <token> NX PX}; renew and unlock compare the token in a script, so a
 * holder whose lock expired can never extend or delete its successor's. Unlike Redisson's RLock the handle is
 * not tied to a thread, so it can be closed from wherever the work ends.
 */
final class RedisClusterLocks implements ClusterLocks {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterLocks.class);

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;
    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RedissonClient redisson;
    private final RedisScripts scripts;

    RedisClusterLocks(RedissonClient redisson, RedisScripts scripts) {
        this.redisson = redisson;
        this.scripts = scripts;
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration leaseTime) {
        String key = PREFIX + "lock:" + Arguments.key(name);
        String token = UUID.randomUUID().toString();
        boolean locked = redisson.<String>getBucket(key, StringCodec.INSTANCE)
                .setIfAbsent(token, Arguments.positive(leaseTime, "leaseTime"));
        return locked ? Optional.of(new Held(name, key, token)) : Optional.empty();
    }

    private final class Held implements ClusterLock {
        private final String name;
        private final String key;
        private final String token;

        Held(String name, String key, String token) {
            this.name = name;
            this.key = key;
            this.token = token;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean renew(Duration leaseTime) {
            return scripts.integer(RENEW, List.of(key), token, Arguments.positive(leaseTime, "leaseTime").toMillis()) == 1;
        }

        @Override
        public void close() {
            try {
                scripts.integer(UNLOCK, List.of(key), token);
            } catch (RuntimeException e) { // the lease time frees it
                log.warn("Could not unlock {} (it expires by itself): {}", name, e.toString());
            }
        }
    }
}
