package dev.relaypool.server.keys;

import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.SingleFlight;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Front door of member keys: creation (the full key returned once, only its hash stored) and the cached check the
 * gateway runs on every request, so that the hot path makes no database round trip. A change to a key, its owner
 * or its group calls {@link #invalidateAll()} (or a broadcast does, on other nodes). One database read per key at a
 * time: requests arriving while it runs wait for it, or, when an expired answer is at hand, keep using that one, so
 * a burst of requests on a cold or expiring key does not drain the connection pool. A key in use is read again in
 * the background once half its answer's life has passed, so its requests do not wait for the database when the
 * answer expires; an answer is never used past its expiry for that.
 */
public final class ApiKeys {
    /** How long a positive answer is trusted; changes made through this node invalidate at once. */
    static final Duration ACTIVE_TTL = Duration.ofSeconds(30);
    /** Unknown keys are remembered briefly so that a flood of bad keys does not hit the database each time. */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 100_000;

    private final Database database;
    private final KeyFormat format;
    private final Clock clock;
    private final InvalidKeyThrottle throttle;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final SingleFlight<String, Cached> loads = new SingleFlight<>();

    /**
     * {@code rules}: the address lists of an active key, parsed once per cache entry; from {@code refreshAtMillis}
     * on, a request that uses the answer also starts a background read of the key.
     */
    private record Cached(KeyCheck check, IpRules rules, long expiresAtMillis, long refreshAtMillis) {
        Cached withCheck(KeyCheck check) {
            return new Cached(check, rules, expiresAtMillis, refreshAtMillis);
        }
    }

    public ApiKeys(Database database, KeyFormat format, Clock clock) {
        this(database, format, clock, InvalidKeyThrottle.Settings.OFF);
    }

    public ApiKeys(Database database, KeyFormat format, Clock clock, InvalidKeyThrottle.Settings throttle) {
        this.database = database;
        this.format = format;
        this.clock = clock;
        this.throttle = new InvalidKeyThrottle(throttle, clock);
    }

    public CreatedKey create(NewKey spec) {
        String key = format.newKey();
        String prefix = KeyFormat.displayPrefix(key);
        long id = database.transactionResult(db -> new KeyStore(db).insert(spec, KeyFormat.hash(key), prefix));
        return new CreatedKey(id, key, prefix);
    }

    /** Classifies a presented key: cached for {@link #ACTIVE_TTL} (known) or {@link #NEGATIVE_TTL} (unknown). */
    public KeyCheck check(String presented) {
        return lookup(presented).check();
    }

    /**
     * The gateway's check: {@link #check(String)}, then the key's address lists against {@code client}, and the
     * invalid-key throttle of {@code client}. Neither adds a database round trip.
     */
    public KeyCheck check(String presented, Optional<InetAddress> client) {
        String address = client.map(InetAddress::getHostAddress).orElse(null);
        Cached found = lookup(presented);
        return switch (found.check()) {
            case KeyCheck.Unknown unknown -> {
                Optional<Duration> wait = throttle.blocked(address);
                if (wait.isPresent()) {
                    yield new KeyCheck.Throttled(wait.get());
                }
                throttle.failed(address);
                yield unknown;
            }
            case KeyCheck.Active active -> found.rules().refusal(client)
                    .<KeyCheck>map(KeyCheck.AddressRefused::new).orElse(active);
            default -> found.check();
        };
    }

    private Cached lookup(String presented) {
        if (!KeyFormat.plausible(presented)) {
            return new Cached(new KeyCheck.Unknown(), IpRules.NONE, 0, 0);
        }
        byte[] hash = KeyFormat.hash(presented);
        String cacheKey = HexFormat.of().formatHex(hash);
        long now = clock.millis();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAtMillis > now) {
            if (now >= cached.refreshAtMillis) {
                loads.refresh(cacheKey, () -> read(cacheKey, hash));
            }
            return cached.withCheck(stillValid(cached.check));
        }
        Cached entry = loads.load(cacheKey, cached, () -> read(cacheKey, hash));
        return entry.withCheck(stillValid(entry.check));
    }

    /** Reads the key from the database and caches the answer. */
    private Cached read(String cacheKey, byte[] hash) {
        long now = clock.millis();
        KeyCheck fresh = database.transactionResult(db -> new KeyStore(db).check(hash, clock.instant()));
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // crude but bounded; refills from the database within a TTL
        }
        long ttl = (fresh instanceof KeyCheck.Unknown ? NEGATIVE_TTL : ACTIVE_TTL).toMillis();
        IpRules rules = fresh instanceof KeyCheck.Active(ActiveKey key) ? IpRules.of(key.ipAllow(), key.ipDeny())
                : IpRules.NONE;
        // only a key that is let in is worth reading ahead; a refusal just expires
        Cached loaded = new Cached(fresh, rules, now + ttl,
                fresh instanceof KeyCheck.Active ? now + ttl / 2 : now + ttl);
        cache.put(cacheKey, loaded);
        return loaded;
    }

    /** An active key cached before its expiry instant must still expire on time. */
    private KeyCheck stillValid(KeyCheck check) {
        if (check instanceof KeyCheck.Active(ActiveKey key) && key.expiresAt() != null
                && !key.expiresAt().isAfter(clock.instant())) {
            return new KeyCheck.Expired(key.expiresAt());
        }
        return check;
    }

    public boolean disable(long keyId) {
        return changeStatus(keyId, "disabled");
    }

    public boolean enable(long keyId) {
        return changeStatus(keyId, "active");
    }

    private boolean changeStatus(long keyId, String status) {
        boolean found = database.transactionResult(db -> new KeyStore(db).setStatus(keyId, status)).isPresent();
        invalidateAll();
        return found;
    }

    /** Forgets every cached answer: after any change to keys, users or groups. */
    public void invalidateAll() {
        cache.clear();
    }
}
