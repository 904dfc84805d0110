package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** One check of {@link #tryConsumeAll}: {@link #tryConsume}'s arguments. */
    record Consume(String key, long amount, long limit, Duration window) {
        public Consume {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(window, "window");
        }
    }

    /** Why {@link #tryConsumeAll} counted nothing: the first check that refused, and its {@link RateDecision.Limited}. */
    record Refusal(int index, RateDecision.Limited limited) {}

    /**
     * All or nothing, as one step (with Redis, one round trip): counts every check's amount if each keeps its window
     * at or below its limit; otherwise counts nothing and names the first check that refused. The checks' keys must
     * be distinct.
     */
    Optional<Refusal> tryConsumeAll(List<Consume> checks);

    /** {@link #add} of each amount, as one step (with Redis, one round trip). The keys must be distinct. */
    default void addAll(List<String> keys, long amount, Duration window) {
        tryConsumeAll(keys.stream().map(key -> new Consume(key, amount, 0, window)).toList());
    }

    /** Counts {@code amount} unconditionally, e.g. tokens known only once the answer is complete. */
    void add(String key, long amount, Duration window);

    /** The amount counted in the current window. */
    long current(String key, Duration window);
}
