package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.NOW;
import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.RateDecision;
import dev.relaypool.server.coordination.RateWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rate windows as one hash per (window, key) ({@code relaypool:rate2:<window ms>:<key>}: field = bucket number,
 * value = amount; plus the running sum and the oldest live bucket). The scripts are the Lua twin of {@code local.SlidingWindow}: buckets of 1/20 of the window, an
 * amount in bucket b counts until (b + buckets + 1) * bucket length. Keep the two in step. A request's checks (RPM
 * and TPM of its key, user and group) are one script, so one round trip.
 */
final class RedisRateWindows implements RateWindows {

    /**
     * Lua functions of a window. The hash keeps, beside the buckets, their running sum ({@code s}) and the oldest
     * bucket that may still count ({@code p}); expired buckets are subtracted and dropped as time passes them, so a
     * check reads two fields, not the whole hash. Only a refusal reads every bucket, to say when to retry.
     */
    private static final String FUNCTIONS = NOW + """
            local function shape(win)
              local bm = math.max(1, math.floor(win / 20))
              return bm, math.ceil(win / bm), math.floor(now / bm)
            end
            local function live(key, win)
              local bm, n, cur = shape(win)
              local lo = cur - n
              local state = redis.call('HMGET', key, 's', 'p')
              local sum, p = tonumber(state[1]) or 0, tonumber(state[2]) or lo
              if p < lo then
                if lo - p > n + 1 then
                  redis.call('DEL', key)
                  sum = 0
                else
                  local old = {}
                  for b = p, lo - 1 do old[#old + 1] = string.format('%d', b) end
                  for _, a in ipairs(redis.call('HMGET', key, unpack(old))) do
                    if a then sum = sum - tonumber(a) end
                  end
                  redis.call('HDEL', key, unpack(old))
                  if redis.call('EXISTS', key) == 1 then
                    redis.call('HSET', key, 's', string.format('%d', sum), 'p', string.format('%d', lo))
                  end
                end
              end
              return sum
            end
            local function retryAfter(key, sum, amount, limit, win)
              local bm, n, cur = shape(win)
              if amount > limit then return win end
              local fields, buckets = redis.call('HGETALL', key), {}
              for i = 1, #fields, 2 do
                local b = tonumber(fields[i])
                if b and b >= cur - n then buckets[#buckets + 1] = {b, tonumber(fields[i + 1])} end
              end
              table.sort(buckets, function(x, y) return x[1] < y[1] end)
              local freed = 0
              for _, e in ipairs(buckets) do
                freed = freed + e[2]
                if sum - freed + amount <= limit then return (e[1] + n + 1) * bm - now end
              end
              return win
            end
            local function count(key, amount, win)
              if amount > 0 then
                local bm, n, cur = shape(win)
                redis.call('HINCRBY', key, string.format('%d', cur), string.format('%d', amount))
                redis.call('HINCRBY', key, 's', string.format('%d', amount))
                redis.call('HSETNX', key, 'p', string.format('%d', cur - n))
                redis.call('PEXPIRE', key, (n + 2) * bm)
              end
            end
            """;

    /**
     * KEYS: the hashes (distinct). ARGV: amount, limit, window ms of each, in turn. All or nothing: returns {0, 0}
     * when every amount was counted, else {i, retry ms} of the first (1-based) that refused, counting nothing.
     */
    private static final String TRY_ALL = FUNCTIONS + """
            for i = 1, #KEYS do
              local amount, limit, win = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
              local sum = live(KEYS[i], win) -- also drops expired buckets of a window never limited
              if limit > 0 and sum + amount > limit then return {i, retryAfter(KEYS[i], sum, amount, limit, win)} end
            end
            for i = 1, #KEYS do count(KEYS[i], tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i])) end
            return {0, 0}
            """;

    /** KEYS: the hash. ARGV: window ms. The live sum. */
    private static final String CURRENT = FUNCTIONS + """
            local sum = live(KEYS[1], tonumber(ARGV[1]))
            return sum
            """;

    private final RedisScripts scripts;

    RedisRateWindows(RedisScripts scripts) {
        this.scripts = scripts;
    }

    @Override
    public RateDecision tryConsume(String key, long amount, long limit, Duration window) {
        Optional<Refusal> refusal = tryConsumeAll(List.of(new Consume(key, amount, limit, window)));
        return refusal.isPresent() ? refusal.get().limited() : new RateDecision.Allowed();
    }

    @Override
    public Optional<Refusal> tryConsumeAll(List<Consume> checks) {
        if (checks.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(checks.size());
        Object[] args = new Object[3 * checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Consume check = checks.get(i);
            long windowMillis = Arguments.positive(check.window(), "window").toMillis();
            keys.add(hash(check.key(), windowMillis));
            args[3 * i] = Arguments.notNegative(check.amount(), "amount");
            args[3 * i + 1] = check.limit();
            args[3 * i + 2] = windowMillis;
        }
        List<Object> result = scripts.multi(TRY_ALL, keys, args);
        int refused = (int) number(result.get(0));
        return refused == 0 ? Optional.empty() : Optional.of(new Refusal(refused - 1,
                new RateDecision.Limited(Duration.ofMillis(Math.max(1, number(result.get(1)))))));
    }

    @Override
    public void add(String key, long amount, Duration window) {
        addAll(List.of(key), amount, window);
    }

    @Override
    public long current(String key, Duration window) {
        long windowMillis = Arguments.positive(window, "window").toMillis();
        return scripts.integer(CURRENT, List.of(hash(key, windowMillis)), windowMillis);
    }

    private static String hash(String key, long windowMillis) {
        // "rate2": hashes with a running sum; hashes of the earlier layout ("rate") expire by themselves
        return PREFIX + "rate2:" + windowMillis + ":" + Arguments.key(key);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
