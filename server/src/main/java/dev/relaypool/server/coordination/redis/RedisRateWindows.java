package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.NOW;
import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.RateDecision;
import dev.relaypool.server.coordination.RateWindows;
import java.time.Duration;
import java.util.List;

/**
 * Rate windows as one hash per (window, key) ({@code relaypool:rate:<window ms>:<key>}: field = bucket number,
 * value = amount). The script is the Lua twin of {@code local.SlidingWindow}: buckets of 1/20 of the window, an
 * amount in bucket b counts until (b + buckets + 1) * bucket length. Keep the two in step.
 */
final class RedisRateWindows implements RateWindows {

    /** KEYS: the hash. ARGV: amount, limit, window ms, mode (try | add | get). Returns {allowed 1|0, value}. */
    private static final String WINDOW = NOW + """
            local win = tonumber(ARGV[3])
            local bm = math.max(1, math.floor(win / 20))
            local n = math.ceil(win / bm)
            local cur = math.floor(now / bm)
            local fields = redis.call('HGETALL', KEYS[1])
            local sum, live = 0, {}
            for i = 1, #fields, 2 do
              local b, a = tonumber(fields[i]), tonumber(fields[i + 1])
              if b < cur - n then redis.call('HDEL', KEYS[1], fields[i])
              else sum = sum + a; live[#live + 1] = {b, a} end
            end
            local amount, limit, mode = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[4]
            if mode == 'get' then return {1, sum} end
            if mode == 'try' and limit > 0 and sum + amount > limit then
              if amount > limit then return {0, win} end
              table.sort(live, function(x, y) return x[1] < y[1] end)
              local freed = 0
              for _, e in ipairs(live) do
                freed = freed + e[2]
                if sum - freed + amount <= limit then return {0, (e[1] + n + 1) * bm - now} end
              end
              return {0, win}
            end
            if amount > 0 then
              redis.call('HINCRBY', KEYS[1], string.format('%d', cur), string.format('%d', amount))
              redis.call('PEXPIRE', KEYS[1], (n + 2) * bm)
            end
            return {1, 0}
            """;

    private final RedisScripts scripts;

    RedisRateWindows(RedisScripts scripts) {
        this.scripts = scripts;
    }

    @Override
    public RateDecision tryConsume(String key, long amount, long limit, Duration window) {
        List<Object> result = run(key, window, Arguments.notNegative(amount, "amount"), limit, "try");
        return number(result.get(0)) == 1
                ? new RateDecision.Allowed()
                : new RateDecision.Limited(Duration.ofMillis(Math.max(1, number(result.get(1)))));
    }

    @Override
    public void add(String key, long amount, Duration window) {
        run(key, window, Arguments.notNegative(amount, "amount"), 0, "add");
    }

    @Override
    public long current(String key, Duration window) {
        return number(run(key, window, 0, 0, "get").get(1));
    }

    private List<Object> run(String key, Duration window, long amount, long limit, String mode) {
        long windowMillis = Arguments.positive(window, "window").toMillis();
        String hash = PREFIX + "rate:" + windowMillis + ":" + Arguments.key(key);
        return scripts.multi(WINDOW, List.of(hash), amount, limit, windowMillis, mode);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
