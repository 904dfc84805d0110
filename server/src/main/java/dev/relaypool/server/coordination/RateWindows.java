package dev.relaypool.server.coordination;

import java.time.Duration;

/**
 * Sliding-window counters (requests per minute, tokens per minute). The window is kept as buckets of 1/20 of
 * its length; an amount leaves the window between one window and one window plus one bucket after it was
 * counted, so a limit is never exceeded within any window (it may be held back up to one bucket longer).
 */
public interface RateWindows {

    /**
     * Counts {@code amount} if that keeps the window at or below {@code limit}; otherwise counts nothing and says
     * when enough will have left the window. An amount larger than the limit itself is never allowed
     * ({@code retryAfter} = the window). {@code limit <= 0} means unlimited (counted, always allowed).
     */
    RateDecision tryConsume(String key, long amount, long limit, Duration window);

    /** Counts {@code amount} unconditionally, e.g. tokens known only once the answer is complete. */
    void add(String key, long amount, Duration window);

    /** The amount counted in the current window. */
    long current(String key, Duration window);
}
