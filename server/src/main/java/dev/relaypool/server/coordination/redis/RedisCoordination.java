package dev.relaypool.server.coordination.redis;

import dev.relaypool.server.coordination.Broadcasts;
import dev.relaypool.server.coordination.ClusterLocks;
import dev.relaypool.server.coordination.Cooldowns;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.coordination.RateWindows;
import dev.relaypool.server.coordination.StickyBindings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * Coordination shared by every node through one Redis (through Redisson). Keys all start with
 * {@code relaypool:}; only small hot values are written. Lease and rate-window time is the Redis server's clock,
 * so nodes with skewed clocks still agree; cooldown instants come from the callers' injected clock.
 */
public final class RedisCoordination implements Coordination {
    private static final Logger log = LoggerFactory.getLogger(RedisCoordination.class);
    /** How often waiters re-try without a release message (expired holders publish nothing). */
    private static final Duration WAITER_POLL = Duration.ofMillis(200);
    /** Safety net for cooldown messages lost while a node was disconnected. */
    private static final Duration COOLDOWN_RELOAD = Duration.ofSeconds(5);

    private final RedissonClient redisson;
    private final RedisLeases leases;
    private final RedisRateWindows rateWindows;
    private final RedisStickyBindings stickyBindings;
    private final RedisCooldowns cooldowns;
    private final RedisClusterLocks locks;
    private final RedisBroadcasts broadcasts;
    private final ScheduledExecutorService background =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("relaypool-redis-sync").daemon().factory());

    private RedisCoordination(RedissonClient redisson, Clock clock) {
        this.redisson = redisson;
        RedisScripts scripts = new RedisScripts(redisson);
        this.leases = new RedisLeases(redisson, scripts, WAITER_POLL);
        this.rateWindows = new RedisRateWindows(scripts);
        this.stickyBindings = new RedisStickyBindings(redisson, scripts);
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
        RedissonClient redisson = Redisson.create(config(url));
        try {
            RedisCoordination coordination = new RedisCoordination(redisson, clock);
            log.info("Coordination through Redis at {}:{}", url.getHost(), port(url));
            return coordination;
        } catch (RuntimeException e) {
            redisson.shutdown();
            throw e;
        }
    }

    static Config config(URI url) {
        Config config = new Config();
        config.setThreads(4);
        config.setNettyThreads(8);
        config.setUseScriptCache(true);
        SingleServerConfig server = config.useSingleServer()
                .setAddress(url.getScheme() + "://" + url.getHost() + ":" + port(url))
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(32)
                .setConnectTimeout(2_000)
                .setTimeout(2_000)
                .setRetryAttempts(2)
                .setPingConnectionInterval(5_000)
                // Back within ~2 s of Redis returning (the default backs off to 10 s), so /readyz recovers quickly.
                .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .setClientName("relaypool");
        String userInfo = url.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (!user.isEmpty()) {
                server.setUsername(user);
            }
            server.setPassword(password);
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            server.setDatabase(Integer.parseInt(path.substring(1)));
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
        try {
            redisson.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            log.warn("Redis client did not shut down cleanly: {}", e.toString());
        }
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : 6379;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8); // "+" is literal in a URI
    }
}
