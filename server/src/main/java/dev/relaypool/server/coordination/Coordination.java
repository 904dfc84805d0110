package dev.relaypool.server.coordination;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.coordination.redis.RedisCoordination;
import java.time.Clock;

/**
 * Front door to the state that several relay nodes must share: leases, rate windows, sticky bindings,
 * cooldowns, cluster locks and broadcasts. One implementation lives in-process (single node, the default),
 * the other in Redis; both pass the same contract suite, so callers never know which one they hold.
 */
public interface Coordination extends AutoCloseable {

    Leases leases();

    RateWindows rateWindows();

    StickyBindings stickyBindings();

    Cooldowns cooldowns();

    ClusterLocks locks();

    Broadcasts broadcasts();

    /** Whether the shared store answers right now; quick (bounded by about a second) and never throws. */
    boolean ping();

    /** Releases connections and background threads; never throws. */
    @Override
    void close();

    /**
     * Redis when {@code redis.url} is configured, otherwise in-process. With Redis configured but unreachable this
     * throws (a node must not silently run alone); once started, calls during a Redis outage throw Redisson's
     * {@code RedisException} after a few seconds of retries, except {@link #ping()} and the never-throwing
     * {@code close()} methods, and cooldown reads, which keep serving the last known state.
     */
    static Coordination create(RelaypoolConfig config, Clock clock) {
        return config.redis().url()
                .<Coordination>map(url -> RedisCoordination.connect(url, clock))
                .orElseGet(() -> new LocalCoordination(clock));
    }
}
