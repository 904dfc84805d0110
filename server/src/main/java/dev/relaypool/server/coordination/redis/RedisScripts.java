package dev.relaypool.server.coordination.redis;

import java.util.Arrays;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Runs Lua scripts with plain string arguments. Every check-then-act on shared state is one script, so it is
 * atomic on the Redis server; time inside a script is the Redis server's clock (one clock for all nodes).
 */
final class RedisScripts {
    /** Key prefix of everything Relaypool keeps in Redis. */
    static final String PREFIX = "relaypool:";

    /** Lua prelude: {@code now} = Redis server time in epoch milliseconds. */
    static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    private final RScript script;

    RedisScripts(RedissonClient redisson) {
        this.script = redisson.getScript(StringCodec.INSTANCE);
    }

    long integer(String lua, List<String> keys, Object... args) {
        Long result = script.eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.INTEGER, List.copyOf(keys), strings(args));
        return result == null ? 0 : result;
    }

    List<Object> multi(String lua, List<String> keys, Object... args) {
        List<Object> result = script.eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.MULTI, List.copyOf(keys), strings(args));
        return result == null ? List.of() : result;
    }

    String value(String lua, List<String> keys, Object... args) {
        return script.eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.VALUE, List.copyOf(keys), strings(args));
    }

    private static Object[] strings(Object... args) {
        return Arrays.stream(args).map(String::valueOf).toArray();
    }
}
