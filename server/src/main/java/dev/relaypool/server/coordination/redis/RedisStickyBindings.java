package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.StickyBindings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Sticky bindings as plain string keys with a TTL ({@code relaypool:sticky:<key>}). */
final class RedisStickyBindings implements StickyBindings {
    private static final String REMOVE_IF_VALUE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RedissonClient redisson;
    private final RedisScripts scripts;

    RedisStickyBindings(RedissonClient redisson, RedisScripts scripts) {
        this.redisson = redisson;
        this.scripts = scripts;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(bucket(key).get());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        bucket(key).set(Objects.requireNonNull(value, "value"), Arguments.positive(ttl, "ttl"));
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        return bucket(key).expire(Arguments.positive(ttl, "ttl"));
    }

    @Override
    public void remove(String key) {
        bucket(key).delete();
    }

    @Override
    public boolean removeIfValue(String key, String value) {
        return scripts.integer(REMOVE_IF_VALUE, List.of(name(key)), Objects.requireNonNull(value, "value")) == 1;
    }

    private RBucket<String> bucket(String key) {
        return redisson.getBucket(name(key), StringCodec.INSTANCE);
    }

    private static String name(String key) {
        return PREFIX + "sticky:" + Arguments.key(key);
    }
}
