package dev.relaypool.server.coordination.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * Runs Lua scripts with plain string arguments. Every check-then-act on shared state is one script, so it is
 * atomic on the Redis server; time inside a script is the Redis server's clock (one clock for all nodes). A script
 * is sent by its SHA-1 ({@code EVALSHA}), not its text; when Redis does not know it (first use, or after a restart
 * emptied its script cache) it is loaded once and the call repeated.
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
    /** SHA-1 (hex) of each script text run so far. */
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    RedisScripts(RedissonClient redisson) {
        this.script = redisson.getScript(StringCodec.INSTANCE);
    }

    long integer(String lua, List<String> keys, Object... args) {
        Long result = run(lua, RScript.ReturnType.INTEGER, keys, args);
        return result == null ? 0 : result;
    }

    List<Object> multi(String lua, List<String> keys, Object... args) {
        List<Object> result = run(lua, RScript.ReturnType.MULTI, keys, args);
        return result == null ? List.of() : result;
    }

    String value(String lua, List<String> keys, Object... args) {
        return run(lua, RScript.ReturnType.VALUE, keys, args);
    }

    private <R> R run(String lua, RScript.ReturnType type, List<String> keys, Object... args) {
        String sha = digests.computeIfAbsent(lua, RedisScripts::sha1);
        List<Object> keyList = List.copyOf(keys);
        Object[] values = strings(args);
        try {
            return script.evalSha(RScript.Mode.READ_WRITE, sha, type, keyList, values);
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            script.scriptLoad(lua);
            return script.evalSha(RScript.Mode.READ_WRITE, sha, type, keyList, values);
        }
    }

    static String sha1(String lua) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static Object[] strings(Object... args) {
        return Arrays.stream(args).map(String::valueOf).toArray();
    }
}
