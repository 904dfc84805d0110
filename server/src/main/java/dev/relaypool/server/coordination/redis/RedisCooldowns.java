package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Cooldowns;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cooldowns in one hash ({@code relaypool:cooldowns}: field = account id, value = "until-ms TAB reason"), mirrored
 * in memory on every node so the scheduler reads them without a round trip. Each write publishes the new state
 * on {@code relaypool:cooldowns} from inside its script (so messages arrive in write order); the mirror is also
 * reloaded whenever the subscription (re)connects and every few seconds, to heal messages lost in an outage.
 */
final class RedisCooldowns implements Cooldowns {
    private static final Logger log = LoggerFactory.getLogger(RedisCooldowns.class);
    private static final String HASH = PREFIX + "cooldowns";
    private static final String CHANNEL = PREFIX + "cooldowns";

    /** KEYS: hash. ARGV: account id, until ms, reason, channel, now ms. Returns the state in force. */
    private static final String COOL_DOWN = """
            local fields = redis.call('HGETALL', KEYS[1])
            for i = 1, #fields, 2 do
              if tonumber(string.match(fields[i + 1], '^%d+')) <= tonumber(ARGV[5]) then
                redis.call('HDEL', KEYS[1], fields[i])
              end
            end
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current and tonumber(string.match(current, '^%d+')) >= tonumber(ARGV[2]) then return current end
            local value = ARGV[2] .. '\\t' .. ARGV[3]
            redis.call('HSET', KEYS[1], ARGV[1], value)
            redis.call('PUBLISH', ARGV[4], ARGV[1] .. '\\t' .. value)
            return value
            """;

    /** KEYS: hash. ARGV: account id, channel. */
    private static final String CLEAR = """
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[1] .. '\\t')
            return 1
            """;

    private final RedissonClient redisson;
    private final RedisScripts scripts;
    private final Clock clock;
    private final ConcurrentMap<Long, Cooldown> mirror = new ConcurrentHashMap<>();
    /** Bumped by every applied message; a reload that raced one is discarded (the next reload catches up). */
    private final AtomicLong changes = new AtomicLong();
    private final RTopic topic;
    private final int messageListener;
    private final int statusListener;

    RedisCooldowns(RedissonClient redisson, RedisScripts scripts, Clock clock) {
        this.redisson = redisson;
        this.scripts = scripts;
        this.clock = clock;
        this.topic = redisson.getTopic(CHANNEL, StringCodec.INSTANCE);
        this.messageListener = topic.addListener(String.class, (channel, message) -> apply(message));
        this.statusListener = topic.addListener(new StatusListener() {
            @Override public void onSubscribe(String channel) { Thread.ofVirtual().start(RedisCooldowns.this::reload); }

            @Override public void onUnsubscribe(String channel) {}
        });
        reload();
    }

    @Override
    public Cooldown coolDown(long accountId, Instant until, String reason) {
        Cooldown wanted = new Cooldown(accountId, until, reason);
        String value = scripts.value(COOL_DOWN, List.of(HASH),
                accountId, wanted.until().toEpochMilli(), wanted.reason(), CHANNEL, clock.millis());
        Cooldown inForce = parse(accountId, value);
        mirror.merge(accountId, inForce, (a, b) -> a.until().isBefore(b.until()) ? b : a);
        return inForce;
    }

    @Override
    public Optional<Cooldown> get(long accountId) {
        return Optional.ofNullable(mirror.get(accountId)).filter(this::active);
    }

    @Override
    public Map<Long, Cooldown> active() {
        return mirror.values().stream().filter(this::active)
                .collect(Collectors.toUnmodifiableMap(Cooldown::accountId, cooldown -> cooldown));
    }

    @Override
    public void clear(long accountId) {
        scripts.integer(CLEAR, List.of(HASH), accountId, CHANNEL);
        mirror.remove(accountId);
    }

    /** Replaces the mirror with the hash; never throws (an outage keeps the last known state). */
    void reload() {
        try {
            long before = changes.get();
            Map<String, String> all = redisson.<String, String>getMap(HASH, StringCodec.INSTANCE).readAllMap();
            Map<Long, Cooldown> fresh = new HashMap<>();
            all.forEach((id, value) -> {
                long accountId = Long.parseLong(id);
                fresh.put(accountId, parse(accountId, value));
            });
            if (changes.get() == before) {
                mirror.keySet().retainAll(fresh.keySet());
                mirror.putAll(fresh);
            }
        } catch (RuntimeException e) {
            log.warn("Could not reload cooldowns from Redis: {}", e.toString());
        }
    }

    void close() {
        topic.removeListener(messageListener, statusListener);
    }

    /** "id TAB until TAB reason" sets, "id TAB" clears. */
    private void apply(String message) {
        try {
            String[] parts = message.split("\t", 2);
            long accountId = Long.parseLong(parts[0]);
            changes.incrementAndGet();
            if (parts.length < 2 || parts[1].isEmpty()) {
                mirror.remove(accountId);
            } else {
                mirror.put(accountId, parse(accountId, parts[1]));
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed cooldown message: {}", e.toString());
        }
    }

    private boolean active(Cooldown cooldown) {
        return cooldown.until().isAfter(clock.instant());
    }

    private static Cooldown parse(long accountId, String value) {
        String[] parts = value.split("\t", 2);
        return new Cooldown(accountId, Instant.ofEpochMilli(Long.parseLong(parts[0])), parts.length > 1 ? parts[1] : "");
    }
}
