package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.NOW;
import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseGroup;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases as one sorted set per key ({@code relaypool:lease:<key>}: member = lease id, score = expiry in Redis
 * time); waiters as a second sorted set ({@code relaypool:lease-wait:<key>}: score = when the waiter gives up), so
 * a dead node's holders and waiters both fall out by time. A release of a key someone waits for publishes the key
 * on {@code relaypool:lease-released}; waiters on every node wake on it and also re-try on a short poll, which
 * covers expiries (nobody publishes those) and lost messages.
 */
final class RedisLeases implements Leases {
    private static final Logger log = LoggerFactory.getLogger(RedisLeases.class);
    private static final String RELEASED = PREFIX + "lease-released";
    /** A waiter's entry outlives its wait by this much, then a crashed node's waiter stops counting. */
    private static final long WAITER_SLACK_MILLIS = 5_000;

    /** Trims the key's expiry to its longest lease, so an idle key disappears by itself. */
    private static final String KEEP_UNTIL_LAST = """
            local function keepUntilLast(key, now)
              local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
              if last[2] then redis.call('PEXPIRE', key, math.max(1, tonumber(last[2]) - now + 1000)) end
            end
            """;

    /** KEYS: holders, waiters. ARGV: limit, ttl ms, lease id, waiter id ('' = do not queue), max waiters, wait ms. */
    private static final String ACQUIRE = NOW + KEEP_UNTIL_LAST + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local limit = tonumber(ARGV[1])
            if limit <= 0 or redis.call('ZCARD', KEYS[1]) < limit then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
              keepUntilLast(KEYS[1], now)
              if ARGV[4] ~= '' then redis.call('ZREM', KEYS[2], ARGV[4]) end
              return 1
            end
            if ARGV[4] == '' then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            if redis.call('ZSCORE', KEYS[2], ARGV[4]) then return 0 end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return -1 end
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[6]), ARGV[4])
            keepUntilLast(KEYS[2], now)
            return 0
            """;

    /** KEYS: holders of each key (distinct). ARGV: ttl ms, lease id, then each key's limit. 1 = all taken, 0 = none. */
    private static final String ACQUIRE_ALL = NOW + KEEP_UNTIL_LAST + """
            for i = 1, #KEYS do
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
              local limit = tonumber(ARGV[i + 2])
              if limit > 0 and redis.call('ZCARD', KEYS[i]) >= limit then return 0 end
            end
            for i = 1, #KEYS do
              redis.call('ZADD', KEYS[i], now + tonumber(ARGV[1]), ARGV[2])
              keepUntilLast(KEYS[i], now)
            end
            return 1
            """;

    /**
     * KEYS: holders of each candidate. ARGV: ttl ms, lease id, then each candidate's limit and tier. Takes a slot of
     * the first candidate with room by (tier, load, position); answers {taken position or 0, first position}.
     */
    private static final String ACQUIRE_LEAST_LOADED = NOW + KEEP_UNTIL_LAST + """
            local order = {}
            for i = 1, #KEYS do
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
              local limit = tonumber(ARGV[1 + 2 * i])
              local count = redis.call('ZCARD', KEYS[i])
              order[i] = {i = i, tier = tonumber(ARGV[2 + 2 * i]), load = count / math.max(1, limit),
                          room = limit <= 0 or count < limit}
            end
            table.sort(order, function(a, b)
              if a.tier ~= b.tier then return a.tier < b.tier end
              if a.load ~= b.load then return a.load < b.load end
              return a.i < b.i
            end)
            for _, c in ipairs(order) do
              if c.room then
                redis.call('ZADD', KEYS[c.i], now + tonumber(ARGV[1]), ARGV[2])
                keepUntilLast(KEYS[c.i], now)
                return {c.i, order[1].i}
              end
            end
            return {0, order[1].i}
            """;

    /** KEYS: holders of each key. ARGV: lease id, ttl ms. 1 when every slot was still held (and is renewed). */
    private static final String RENEW_ALL = NOW + KEEP_UNTIL_LAST + """
            local all = 1
            for i = 1, #KEYS do
              local expiry = redis.call('ZSCORE', KEYS[i], ARGV[1])
              if not expiry or tonumber(expiry) <= now then
                redis.call('ZREM', KEYS[i], ARGV[1])
                all = 0
              else
                redis.call('ZADD', KEYS[i], 'XX', now + tonumber(ARGV[2]), ARGV[1])
                keepUntilLast(KEYS[i], now)
              end
            end
            return all
            """;

    /**
     * KEYS: holders of each key, then waiters of each key. ARGV: lease id, released channel, then each key's name.
     * A release is published only when someone waits for the key (a waiter queues in the same script that finds
     * no room, so none is missed).
     */
    private static final String RELEASE_ALL = NOW + """
            local n = #KEYS / 2
            for i = 1, n do
              if redis.call('ZREM', KEYS[i], ARGV[1]) == 1
                  and redis.call('ZCOUNT', KEYS[n + i], '(' .. now, '+inf') > 0 then
                redis.call('PUBLISH', ARGV[2], ARGV[i + 2])
              end
            end
            return 1
            """;

    /** KEYS: holders sets. The live members of each. */
    private static final String COUNT_ALL = NOW + """
            local counts = {}
            for i = 1, #KEYS do counts[i] = redis.call('ZCOUNT', KEYS[i], '(' .. now, '+inf') end
            return counts
            """;

    /** KEYS: a holders or waiters set. Live members only. */
    private static final String COUNT = NOW + "return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')";

    private final RedisScripts scripts;
    private final long pollMillis;
    /** Local waiters per key; a release message for the key gives each a permit. */
    private final ConcurrentMap<String, Set<Semaphore>> waiters = new ConcurrentHashMap<>();
    private final RTopic released;
    private final int listenerId;

    RedisLeases(RedissonClient redisson, RedisScripts scripts, Duration poll) {
        this.scripts = scripts;
        this.pollMillis = poll.toMillis();
        this.released = redisson.getTopic(RELEASED, StringCodec.INSTANCE);
        this.listenerId = released.addListener(String.class, (channel, key) -> wake(key));
    }

    @Override
    public Optional<Lease> tryAcquire(String key, int limit, Duration ttl) {
        String id = UUID.randomUUID().toString();
        long result = scripts.integer(ACQUIRE, List.of(holders(key), waitersKey(key)),
                limit, Arguments.positive(ttl, "ttl").toMillis(), id, "", 0, 0);
        return result == 1 ? Optional.of(new RedisLease(List.of(key), id)) : Optional.empty();
    }

    @Override
    public Optional<Lease> tryAcquireAll(List<Slot> slots, Duration ttl) {
        Arguments.positive(ttl, "ttl");
        if (slots.isEmpty()) {
            return Optional.of(new LeaseGroup(List.of()));
        }
        String id = UUID.randomUUID().toString();
        List<String> keys = slots.stream().map(Slot::key).toList();
        Object[] args = new Object[2 + slots.size()];
        args[0] = ttl.toMillis();
        args[1] = id;
        for (int i = 0; i < slots.size(); i++) {
            args[2 + i] = slots.get(i).limit();
        }
        long result = scripts.integer(ACQUIRE_ALL, keys.stream().map(RedisLeases::holders).toList(), args);
        return result == 1 ? Optional.of(new RedisLease(keys, id)) : Optional.empty();
    }

    @Override
    public Pick tryAcquireLeastLoaded(List<Ranked> candidates, Duration ttl) {
        Arguments.positive(ttl, "ttl");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        String id = UUID.randomUUID().toString();
        Object[] args = new Object[2 + 2 * candidates.size()];
        args[0] = ttl.toMillis();
        args[1] = id;
        for (int i = 0; i < candidates.size(); i++) {
            args[2 + 2 * i] = candidates.get(i).slot().limit();
            args[3 + 2 * i] = candidates.get(i).tier();
        }
        List<Object> result = scripts.multi(ACQUIRE_LEAST_LOADED,
                candidates.stream().map(c -> holders(c.slot().key())).toList(), args);
        int taken = ((Number) result.get(0)).intValue();
        int first = ((Number) result.get(1)).intValue() - 1;
        return taken == 0 ? new Pick(Optional.empty(), first)
                : new Pick(Optional.of(new RedisLease(List.of(candidates.get(taken - 1).slot().key()), id)), taken - 1);
    }

    @Override
    public int[] inUse(List<String> keys) {
        if (keys.isEmpty()) {
            return new int[0];
        }
        List<Object> counts = scripts.multi(COUNT_ALL, keys.stream().map(RedisLeases::holders).toList());
        return counts.stream().mapToInt(count -> ((Number) count).intValue()).toArray();
    }

    @Override
    public LeaseResult acquire(String key, int limit, Duration ttl, Duration maxWait, int maxWaiters) {
        Arguments.positive(ttl, "ttl");
        Arguments.notNegative(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        String id = UUID.randomUUID().toString();
        List<String> keys = List.of(holders(key), waitersKey(key));
        long waitMillis = maxWait.toMillis() + WAITER_SLACK_MILLIS;
        // Registered before the first attempt, so a release between an attempt and the wait leaves a permit.
        Semaphore signal = new Semaphore(0);
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(signal);
        boolean queued = false;
        try {
            while (true) {
                long result = scripts.integer(ACQUIRE, keys, limit, ttl.toMillis(), id, id, maxWaiters, waitMillis);
                if (result == 1) {
                    return new LeaseResult.Acquired(new RedisLease(List.of(key), id));
                }
                if (result == -1) {
                    return new LeaseResult.QueueFull();
                }
                queued = true;
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    return new LeaseResult.TimedOut();
                }
                signal.tryAcquire(Math.min(remainingMillis, pollMillis), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LeaseResult.TimedOut();
        } finally {
            waiters.computeIfPresent(key, (k, set) -> {
                set.remove(signal);
                return set.isEmpty() ? null : set;
            });
            if (queued) {
                leaveQueue(key, id);
            }
        }
    }

    @Override
    public int inUse(String key) {
        return (int) scripts.integer(COUNT, List.of(holders(key)));
    }

    @Override
    public int waiting(String key) {
        return (int) scripts.integer(COUNT, List.of(waitersKey(key)));
    }

    void close() {
        released.removeListener(listenerId);
    }

    private void wake(String key) {
        Set<Semaphore> signals = waiters.get(key);
        if (signals != null) {
            signals.forEach(Semaphore::release);
        }
    }

    private void leaveQueue(String key, String waiterId) {
        try {
            scripts.integer("return redis.call('ZREM', KEYS[1], ARGV[1])", List.of(waitersKey(key)), waiterId);
        } catch (RuntimeException e) { // the entry expires by itself
            log.debug("Could not leave the wait queue of {}: {}", key, e.toString());
        }
    }

    private static String holders(String key) {
        return PREFIX + "lease:" + Arguments.key(key);
    }

    private static String waitersKey(String key) {
        return PREFIX + "lease-wait:" + Arguments.key(key);
    }

    /** The slots of one or more keys taken under one lease id: renewed and released together, in one script. */
    private final class RedisLease implements Lease {
        private final List<String> keys;
        private final String id;

        RedisLease(List<String> keys, String id) {
            this.keys = keys;
            this.id = id;
        }

        @Override
        public String key() {
            return String.join("+", keys);
        }

        @Override
        public boolean renew(Duration ttl) {
            return scripts.integer(RENEW_ALL, keys.stream().map(RedisLeases::holders).toList(), id,
                    Arguments.positive(ttl, "ttl").toMillis()) == 1;
        }

        @Override
        public void close() {
            Object[] args = new Object[2 + keys.size()];
            args[0] = id;
            args[1] = RELEASED;
            for (int i = 0; i < keys.size(); i++) {
                args[2 + i] = keys.get(i);
            }
            List<String> sets = new ArrayList<>(2 * keys.size());
            keys.forEach(key -> sets.add(holders(key)));
            keys.forEach(key -> sets.add(waitersKey(key)));
            try {
                scripts.integer(RELEASE_ALL, sets, args);
            } catch (RuntimeException e) { // the TTL frees the slots
                log.warn("Could not release a lease of {} (it expires by its TTL): {}", key(), e.toString());
            }
        }

        @Override
        public String toString() {
            return "Lease[" + key() + "#" + id + "]";
        }
    }
}
