package dev.relaypool.server.coordination.redis;

import dev.relaypool.server.coordination.Broadcasts;
import dev.relaypool.server.coordination.ClusterLocks;
import dev.relaypool.server.coordination.Cooldowns;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.coordination.RateWindows;
import dev.relaypool.server.coordination.StickyBindings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordination shared by every node through one Redis: the request path's scripts and sticky bindings through
 * {@link RespClient}, publish/subscribe and the rest through Redisson. Keys all start with
 * {@code relaypool:}; only small hot values are written. Lease and rate-window time is the Redis server's clock,
 * so nodes with skewed clocks still agree; cooldown instants come from the callers' injected clock.
 */
public final class RedisCoordination implements Coordination {
    private static final Logger log = LoggerFactory.getLogger(RedisCoordination.class);
    /** How often waiters re-try without a release message (expired holders publish nothing). */
    private static final Duration WAITER_POLL = Duration.ofMillis(200);
    /** How long a call may wait for a connection, to connect, or for its answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Safety net for cooldown messages lost while a node was disconnected. */
    private static final Duration COOLDOWN_RELOAD = Duration.ofSeconds(5);

    private final RedissonClient redisson;
    private final RespClient requests;
    private final RedisLeases leases;
    private final RedisRateWindows rateWindows;
    private final RedisStickyBindings stickyBindings;
    private final RedisCooldowns cooldowns;
    private final RedisClusterLocks locks;
    private final RedisBroadcasts broadcasts;
    private final ScheduledExecutorService background =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("relaypool-redis-sync").daemon().factory());

    private RedisCoordination(RedissonClient redisson, RespClient requests, Clock clock) {
        this.redisson = redisson;
        this.requests = requests;
        RedisScripts scripts = new RedisScripts(requests);
        this.leases = new RedisLeases(redisson, scripts, WAITER_POLL);
        this.rateWindows = new RedisRateWindows(scripts);
        this.stickyBindings = new RedisStickyBindings(requests, scripts);
        this.cooldowns = new RedisCooldowns(redisson, scripts, clock);
        this.locks = new RedisClusterLocks(redisson, scripts);
        this.broadcasts = new RedisBroadcasts(redisson);
        long reload = COOLDOWN_RELOAD.toMillis();
        background.scheduleWithFixedDelay(cooldowns::reload, reload, reload, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for TLS) and fails
     * fast when Redis does not answer, so a misconfigured cluster node refuses to start instead of running alone.
     */
    public static RedisCoordination connect(URI url, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        RedisUrl redis = RedisUrl.parse(url);
        RedissonClient redisson = Redisson.create(config(redis));
        RespClient requests = new RespClient(redis, TIMEOUT);
        try {
            RedisCoordination coordination = new RedisCoordination(redisson, requests, clock);
            log.info("Coordination through Redis at {}", redis);
            return coordination;
        } catch (RuntimeException e) {
            requests.close();
            redisson.shutdown();
            throw e;
        }
    }

    static Config config(RedisUrl url) {
        Config config = new Config();
        config.setThreads(4);
        config.setNettyThreads(8);
        config.setUseScriptCache(true);
        SingleServerConfig server = config.useSingleServer()
                .setAddress(url.address())
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(32)
                .setConnectTimeout(Math.toIntExact(TIMEOUT.toMillis()))
                .setTimeout(Math.toIntExact(TIMEOUT.toMillis()))
                .setRetryAttempts(2)
                .setPingConnectionInterval(5_000)
                // Back within ~2 s of Redis returning (the default backs off to 10 s), so /readyz recovers quickly.
                .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .setClientName("relaypool");
        if (!url.user().isEmpty()) {
            server.setUsername(url.user());
        }
        if (!url.password().isEmpty()) {
            server.setPassword(url.password());
        }
        if (url.database() != 0) {
            server.setDatabase(url.database());
        }
        return config;
    }

    @Override public Leases leases() { return leases; }

    @Override public RateWindows rateWindows() { return rateWindows; }

    @Override public StickyBindings stickyBindings() { return stickyBindings; }

    @Override public Cooldowns cooldowns() { return cooldowns; }

    @Override public ClusterLocks locks() { return locks; }

    @Override public Broadcasts broadcasts() { return broadcasts; }

    @Override
    public boolean ping() {
        try {
            return redisson.getRedisNodes(RedisNodes.SINGLE).getInstance().ping(1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            leases.close();
            cooldowns.close();
        } catch (RuntimeException e) {
            log.debug("Could not remove listeners before shutdown: {}", e.toString());
        }
        requests.close();
        try {
            redisson.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            log.warn("Redis client did not shut down cleanly: {}", e.toString());
        }
    }
}
