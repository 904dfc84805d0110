package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.NOW;
import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.Leases;
import java.time.Duration;
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
 * a dead node's holders and waiters both fall out by time. A release publishes the key on
 * {@code relaypool:lease-released}; waiters on every node wake on it and also re-try on a short poll, which
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

    /** KEYS: holders. ARGV: lease id, ttl ms. */
    private static final String RENEW = NOW + KEEP_UNTIL_LAST + """
            local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if not expiry or tonumber(expiry) <= now then
              redis.call('ZREM', KEYS[1], ARGV[1])
              return 0
            end
            redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
            keepUntilLast(KEYS[1], now)
            return 1
            """;

    /** KEYS: holders. ARGV: lease id, released channel, key. */
    private static final String RELEASE = """
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
              redis.call('PUBLISH', ARGV[2], ARGV[3])
              return 1
            end
            return 0
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
        return result == 1 ? Optional.of(new RedisLease(key, id)) : Optional.empty();
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
                    return new LeaseResult.Acquired(new RedisLease(key, id));
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

    private final class RedisLease implements Lease {
        private final String key;
        private final String id;

        RedisLease(String key, String id) {
            this.key = key;
            this.id = id;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public boolean renew(Duration ttl) {
            return scripts.integer(RENEW, List.of(holders(key)), id, Arguments.positive(ttl, "ttl").toMillis()) == 1;
        }

        @Override
        public void close() {
            try {
                scripts.integer(RELEASE, List.of(holders(key)), id, RELEASED, key);
            } catch (RuntimeException e) { // the TTL frees the slot
                log.warn("Could not release a lease of {} (it expires by its TTL): {}", key, e.toString());
            }
        }

        @Override
        public String toString() {
            return "Lease[" + key + "#" + id + "]";
        }
    }
}
