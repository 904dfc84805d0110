package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.StickyBindings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Sticky bindings as plain string keys with a TTL ({@code relaypool:sticky:<key>}). */
final class RedisStickyBindings implements StickyBindings {
    private static final String REMOVE_IF_VALUE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RespClient redis;
    private final RedisScripts scripts;

    RedisStickyBindings(RespClient redis, RedisScripts scripts) {
        this.redis = redis;
        this.scripts = scripts;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable((String) redis.call("GET", name(key)));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.call("SET", name(key), Objects.requireNonNull(value, "value"), "PX", millis(ttl));
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        return Long.valueOf(1).equals(redis.call("PEXPIRE", name(key), millis(ttl)));
    }

    @Override
    public void remove(String key) {
        redis.call("DEL", name(key));
    }

    @Override
    public boolean removeIfValue(String key, String value) {
        return scripts.integer(REMOVE_IF_VALUE, List.of(name(key)), Objects.requireNonNull(value, "value")) == 1;
    }

    private static String millis(Duration ttl) {
        return Long.toString(Arguments.positive(ttl, "ttl").toMillis());
    }

    private static String name(String key) {
        return PREFIX + "sticky:" + Arguments.key(key);
    }
}
