package dev.relaypool.server.coordination.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final RespClient client;
    /** SHA-1 (hex) of each script text run so far. */
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    RedisScripts(RespClient client) {
        this.client = client;
    }

    long integer(String lua, List<String> keys, Object... args) {
        return switch (run(lua, keys, args)) {
            case null -> 0;
            case Number number -> number.longValue();
            case Object other -> Long.parseLong(other.toString());
        };
    }

    @SuppressWarnings("unchecked")
    List<Object> multi(String lua, List<String> keys, Object... args) {
        return switch (run(lua, keys, args)) {
            case null -> List.of();
            case List<?> list -> (List<Object>) list;
            case Object other -> List.of(other);
        };
    }

    String value(String lua, List<String> keys, Object... args) {
        Object result = run(lua, keys, args);
        return result == null ? null : result.toString();
    }

    private Object run(String lua, List<String> keys, Object... args) {
        String sha = digests.computeIfAbsent(lua, RedisScripts::sha1);
        List<String> command = new ArrayList<>(3 + keys.size() + args.length);
        command.add("EVALSHA");
        command.add(sha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        try {
            return client.call(command);
        } catch (RespClient.ErrorReply e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                throw e;
            }
            client.call("SCRIPT", "LOAD", lua);
            return client.call(command);
        }
    }

    static String sha1(String lua) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
