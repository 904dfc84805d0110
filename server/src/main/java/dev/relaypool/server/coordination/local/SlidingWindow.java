package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.RateDecision;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One bucketed sliding window: amounts per bucket of 1/20 of the window. An amount counted in bucket {@code b}
 * stays in the window while the current bucket is at most {@code b + buckets}, i.e. until
 * {@code (b + buckets + 1) * bucketMillis}: at least one full window, at most one bucket more. The Redis
 * implementation runs the same arithmetic in Lua ({@code RedisRateWindows}); keep the two in step.
 */
final class SlidingWindow {
    private final long windowMillis;
    private final long bucketMillis;
    private final long buckets;
    private final TreeMap<Long, Long> amounts = new TreeMap<>();

    SlidingWindow(Duration window) {
        this.windowMillis = window.toMillis();
        this.bucketMillis = Math.max(1, windowMillis / 20);
        this.buckets = (windowMillis + bucketMillis - 1) / bucketMillis;
    }

    synchronized RateDecision tryConsume(long nowMillis, long amount, long limit) {
        RateDecision decision = check(nowMillis, amount, limit);
        if (decision instanceof RateDecision.Allowed) {
            add(nowMillis, amount);
        }
        return decision;
    }

    /** What {@link #tryConsume} would decide, counting nothing. */
    synchronized RateDecision check(long nowMillis, long amount, long limit) {
        long sum = purgeAndSum(nowMillis);
        if (limit > 0 && sum + amount > limit) {
            if (amount > limit) {
                return new RateDecision.Limited(Duration.ofMillis(windowMillis));
            }
            long freed = 0;
            for (Map.Entry<Long, Long> bucket : amounts.entrySet()) {
                freed += bucket.getValue();
                if (sum - freed + amount <= limit) {
                    return new RateDecision.Limited(Duration.ofMillis(leavesAt(bucket.getKey()) - nowMillis));
                }
            }
            return new RateDecision.Limited(Duration.ofMillis(windowMillis)); // unreachable: all buckets freed fits
        }
        return new RateDecision.Allowed();
    }

    synchronized void add(long nowMillis, long amount) {
        purgeAndSum(nowMillis);
        if (amount > 0) {
            amounts.merge(nowMillis / bucketMillis, amount, Long::sum);
        }
    }

    synchronized long current(long nowMillis) {
        return purgeAndSum(nowMillis);
    }

    /** True when nothing is counted any more, so the window can be forgotten. */
    synchronized boolean isEmpty(long nowMillis) {
        purgeAndSum(nowMillis);
        return amounts.isEmpty();
    }

    private long leavesAt(long bucket) {
        return (bucket + buckets + 1) * bucketMillis;
    }

    private long purgeAndSum(long nowMillis) {
        long current = nowMillis / bucketMillis;
        amounts.headMap(current - buckets).clear();
        long sum = 0;
        for (long amount : amounts.values()) {
            sum += amount;
        }
        return sum;
    }
}
